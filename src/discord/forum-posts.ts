import { type AnyThreadChannel, ChannelType } from 'discord.js';
import { LRUCache } from 'lru-cache';
import { answerView } from './answer-view.js';
import { admitQuestion, askQuestion } from './asking.js';
import type { BotContext } from './bot-context.js';
import { addReaction, sendToChannel } from './discord-io.js';
import { settingsFor } from './guild-settings.js';
import { firstWords } from './question-text.js';
import { REACTIONS } from './reactions.js';
import { answerMessage } from './render/answer-message.js';

const STARTER_RETRY_MS = 500;

/**
 * Help forums: each new post in a forum that /config names gets one answer in
 * its own thread, from the post's title and (with the Message Content intent)
 * its opening message. A post the essays do not cover gets no public reply,
 * only a 🤷 reaction on the opening message: the poster sees the bot looked,
 * the forum is not filled with refusals, and moderators find the question
 * under /stats' documentation gaps.
 */
export class ForumPosts {
  /** Posts already handled, so a repeated THREAD_CREATE (a gateway resume) does not answer twice. */
  private readonly handled = new LRUCache<string, true>({ max: 10_000 });

  constructor(private readonly context: BotContext) {}

  async handle(thread: AnyThreadChannel, newlyCreated: boolean, botId: string): Promise<void> {
    const { context } = this;
    if (!newlyCreated || thread.ownerId === botId || thread.parent?.type !== ChannelType.GuildForum || !thread.parentId) return;
    const settings = await settingsFor(context, thread.guildId);
    if (!settings.forumChannels.includes(thread.parentId) || this.handled.has(thread.id)) return;
    this.handled.set(thread.id, true);

    const opening = context.config.MESSAGE_CONTENT_INTENT ? await openingText(thread) : '';
    const asker = {
      answerId: thread.id,
      askerId: thread.ownerId ?? '',
      askerName: thread.guild.members.cache.get(thread.ownerId ?? '')?.displayName ?? 'the poster',
      guildId: thread.guildId,
      settings,
      source: 'forum' as const,
    };
    // The opening message (the post's id is its id) carries the reaction when the essays have nothing.
    const shrug = () => addReaction({ react: (emoji) => thread.messages.react(thread.id, emoji) }, REACTIONS.notCovered, context.logger);
    const admitted = await admitQuestion(context, asker, firstWords(opening ? `${thread.name}\n${opening}` : thread.name), { cooldown: false });
    if (!admitted.ok) return shrug();
    const asked = await askQuestion(context, asker, admitted.value, []);
    if (!asked.ok) {
      context.logger.error({ code: asked.error.code, threadId: thread.id }, 'could not answer a forum post');
      return;
    }
    if (!asked.value.answer.answered) return shrug();
    const sent = await sendToChannel(thread, answerMessage(answerView(thread.id, asked.value, 0, { isPrivate: false, viewerId: asker.askerId })));
    context.answers.link(sent.id, thread.id);
    context.conversations.add(thread.id, asked.value.answer.question);
  }
}

/**
 * The post's opening message. Discord sends the thread a moment before the
 * message can be fetched, so one retry; without it the title alone is asked.
 */
async function openingText(thread: AnyThreadChannel): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      return (await thread.fetchStarterMessage())?.content ?? '';
    } catch {
      await new Promise((resolve) => setTimeout(resolve, STARTER_RETRY_MS));
    }
  }
  return '';
}
