import { ChannelType, type Message } from 'discord.js';
import type { GuildSettings } from '../guild/settings.js';
import type { CachedAnswer } from './answer-cache.js';
import { answerView } from './answer-view.js';
import { admitQuestion, askQuestion } from './asking.js';
import type { BotContext } from './bot-context.js';
import { replyToMessage, sendToChannel, showTyping, startThreadFrom } from './discord-io.js';
import { repliedConversation, threadConversation } from './follow-ups.js';
import { servesChannel, settingsFor } from './guild-settings.js';
import { memberNotice, refusalNotice } from './member-words.js';
import { channelNotice, dmRefusal, mentionHelp, notCoveredNotice } from './notices.js';
import { replyQuietly } from './quiet-replies.js';
import { REACTIONS } from './reactions.js';
import { answerMessage } from './render/answer-message.js';

/**
 * Whether a message is a question for the bot: a DM, a message that mentions it,
 * a reply to one of its answers (a follow-up), or any message in a thread where
 * it is holding a conversation. Without the privileged Message Content intent
 * Discord only shows the bot the text of messages that mention it or are DMs;
 * replies to the bot mention it unless the member turned the ping off.
 */
export function isForBot(message: Message, botId: string, inConversation: boolean): boolean {
  if (message.author.bot || message.webhookId || message.author.id === botId) return false;
  if (!message.inGuild()) return true;
  return message.mentions.users.has(botId) || message.mentions.repliedUser?.id === botId || inConversation;
}

export async function handleMessage(message: Message, context: BotContext, botId: string): Promise<void> {
  const inThread = threadConversation(message, context, botId);
  if (!isForBot(message, botId, inThread !== undefined)) return;
  const guildId = message.guildId;
  if (!guildId && !context.config.ALLOW_DMS) {
    await replyToMessage(message, dmRefusal);
    return;
  }
  if (message.content.trim() === '') return; // Text hidden from us (no Message Content intent, no ping).
  const settings = await settingsFor(context, guildId);
  if (!servesChannel(settings, guildId, message.channelId, message.channel)) {
    return replyQuietly(message, context, settings, REACTIONS.notServedHere, channelNotice(settings.allowedChannels));
  }
  const raw = message.content.replaceAll(`<@${botId}>`, ' ').replaceAll(`<@!${botId}>`, ' ').trim();
  if (raw === '') return replyQuietly(message, context, settings, REACTIONS.help, mentionHelp);
  const asker = {
    answerId: message.id,
    askerId: message.author.id,
    askerName: message.member?.displayName ?? message.author.displayName,
    guildId,
    settings,
    source: guildId ? ('mention' as const) : ('dm' as const),
  };
  const admitted = await admitQuestion(context, asker, raw, { cooldown: true });
  if (!admitted.ok) {
    const emoji = admitted.error.kind === 'cooldown' ? REACTIONS.waiting : REACTIONS.unreadable;
    return replyQuietly(message, context, settings, emoji, refusalNotice(admitted.error, context.logger));
  }
  await showTyping(message.channel);
  const asked = await askQuestion(context, asker, admitted.value, inThread ?? repliedConversation(message, context, botId) ?? []);
  if (!asked.ok) {
    await replyToMessage(message, memberNotice(asked.error, context.logger));
    return;
  }
  // A DM is private already; in a server, a decline is a reaction unless the server shows declines.
  if (message.inGuild() && !asked.value.postable) return replyQuietly(message, context, settings, REACTIONS.notCovered, notCoveredNotice);
  await deliver(message, context, settings, asked.value, inThread !== undefined);
}

/** A reply to the question, or the first message of a thread started from it; follow-ups there continue the conversation. */
async function deliver(message: Message, context: BotContext, settings: GuildSettings, cached: CachedAnswer, inConversationThread: boolean): Promise<void> {
  const payload = answerMessage(answerView(message.id, cached, 0, { isPrivate: false, viewerId: message.author.id }));
  const question = cached.answer.question;
  const thread = message.inGuild() && settings.threadAnswers && opensThreads(message.channel.type) ? await openThread(message, context, settings, question) : undefined;
  const sent = thread ? await sendToChannel(thread, payload) : await replyToMessage(message, payload);
  context.answers.link(sent.id, message.id);
  // A thread opened for a follow-up starts with the whole conversation so far.
  if (thread) for (const asked of [...cached.context, question]) context.conversations.add(thread.id, asked);
  else if (inConversationThread) context.conversations.add(message.channelId, question);
}

function opensThreads(type: ChannelType): boolean {
  return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}

/** The thread for a mention's answer; without the permission to create it, the answer goes in the channel and the log says what to grant. */
async function openThread(message: Message<true>, context: BotContext, settings: GuildSettings, question: string) {
  try {
    return await startThreadFrom(message, question, settings.threadArchiveMinutes);
  } catch (error) {
    context.logger.warn(
      { err: error, guildId: message.guildId, channelId: message.channelId },
      'could not start a thread for the answer; answering in the channel. Give the bot Create Public Threads in that channel, or turn thread answers off with /config threads enabled:False',
    );
    return undefined;
  }
}
