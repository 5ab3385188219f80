import type { Message } from 'discord.js';
import type { GuildSettings } from '../guild/settings.js';
import type { BotContext } from './bot-context.js';
import { addReaction, replyToMessage } from './discord-io.js';
import type { MessagePayload } from './render/payload.js';

/** However short the server's cooldown, a member gets at most one such notice a minute. */
const MIN_NOTICE_INTERVAL_S = 60;

/**
 * A notice to a message that cannot be answered privately (a mention in a
 * channel): a reaction, plus the notice itself at most once per member per
 * cooldown, so a member who keeps trying does not fill the channel with
 * refusals. In a DM, where nobody else reads along, it is simply a reply.
 */
export async function replyQuietly(message: Message, context: BotContext, settings: GuildSettings, emoji: string, payload: MessagePayload): Promise<void> {
  if (!message.inGuild()) {
    await replyToMessage(message, payload);
    return;
  }
  await addReaction(message, emoji, context.logger);
  const intervalMs = Math.max(settings.cooldownSeconds, MIN_NOTICE_INTERVAL_S) * 1000;
  if (context.notices.take(`${message.guildId}:${message.author.id}`, intervalMs, context.now()) === 0) await replyToMessage(message, payload);
}
