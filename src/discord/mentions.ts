import type { Message } from 'discord.js';
import { isChannelAllowed } from '../guild/settings.js';
import { askQuestion } from './asking.js';
import type { BotContext } from './bot-context.js';
import { replyToMessage, showTyping } from './discord-io.js';
import { settingsFor } from './guild-settings.js';
import { channelNotice, cooldownNotice, dmRefusal, mentionHelp, questionProblem } from './notices.js';
import { answerMessage } from './render/answer-message.js';

/**
 * Whether a message is a question for the bot: a DM, a message that mentions it,
 * or a reply to one of its answers (a follow-up). Without the privileged Message
 * Content intent Discord only shows the bot the text of messages that mention it
 * or are DMs; replies to the bot mention it unless the member turned the ping off.
 */
export function isForBot(message: Message, botId: string): boolean {
  if (message.author.bot || message.webhookId || message.author.id === botId) return false;
  if (!message.inGuild()) return true;
  return message.mentions.users.has(botId) || message.mentions.repliedUser?.id === botId;
}

export async function handleMessage(message: Message, context: BotContext, botId: string): Promise<void> {
  if (!isForBot(message, botId)) return;
  const guildId = message.guildId;
  if (!guildId && !context.config.ALLOW_DMS) {
    await replyToMessage(message, dmRefusal);
    return;
  }
  if (message.content.trim() === '') return; // A reply that did not ping the bot: its text is hidden from us.
  const settings = await settingsFor(context, guildId);
  const parentId = 'parentId' in message.channel ? (message.channel.parentId ?? null) : null;
  if (guildId && !isChannelAllowed(settings, message.channelId, parentId)) {
    await replyToMessage(message, channelNotice(settings.allowedChannels));
    return;
  }
  const question = message.content.replaceAll(`<@${botId}>`, ' ').replaceAll(`<@!${botId}>`, ' ').trim();
  if (question === '') {
    await replyToMessage(message, mentionHelp);
    return;
  }
  const wait = context.cooldowns.take(`${guildId ?? 'dm'}:${message.author.id}`, settings.cooldownSeconds * 1000, context.now());
  if (wait > 0) {
    await replyToMessage(message, cooldownNotice(wait));
    return;
  }
  await showTyping(message.channel);
  const asked = await askQuestion(context, {
    answerId: message.id,
    question,
    askerId: message.author.id,
    guildId,
    settings,
    isPrivate: false,
    source: guildId ? 'mention' : 'dm',
  });
  await replyToMessage(message, asked.ok ? answerMessage(asked.value.view) : questionProblem(asked.error));
}
