import type { Message } from 'discord.js';
import { conversationOf } from './answer-cache.js';
import type { BotContext } from './bot-context.js';

/**
 * The conversation a thread message continues: the questions asked so far in a
 * thread the bot answers in (one it opened, or a help-forum post), or, after a
 * restart, the name of a thread the bot opened (its first question). Undefined
 * for any other channel.
 */
export function threadConversation(message: Message, context: BotContext, botId: string): readonly string[] | undefined {
  const channel = message.channel;
  if (!channel.isThread()) return undefined;
  return context.conversations.get(channel.id) ?? (channel.ownerId === botId ? [channel.name] : undefined);
}

/**
 * The conversation a reply to one of the bot's answers continues: the answer's
 * own questions, or, for an answer no longer in memory, the question its title
 * shows.
 */
export function repliedConversation(message: Message, context: BotContext, botId: string): readonly string[] | undefined {
  const referenceId = message.reference?.messageId;
  if (!referenceId || message.mentions.repliedUser?.id !== botId) return undefined;
  // discord.js caches the replied-to message that comes with a reply.
  const referenced = message.channel.messages.cache.get(referenceId);
  const answerId = context.answers.answerIdOf(referenceId) ?? referenced?.interactionMetadata?.id ?? referenced?.reference?.messageId;
  const cached = answerId ? context.answers.get(answerId) : undefined;
  if (cached) return conversationOf(cached);
  const shown = referenced?.embeds[0]?.title?.match(/^“(.+?)…?”$/su)?.[1];
  return shown ? [shown] : undefined;
}
