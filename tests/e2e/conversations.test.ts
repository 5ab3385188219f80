import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE_GUILD, type Harness, startHarness } from '../support/bot-harness.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

/**
 * Conversations as members hold them: replies to the bot's answers and messages
 * in the threads it answers in carry the earlier questions; help-forum posts get
 * one answer each. The bot runs with the Message Content intent here, as a
 * server that wants forum posts' opening messages and unpinged thread follow-ups would.
 */
const tempDir = useTempDirs();
let harness: Harness;
let next = 0;

beforeAll(async () => {
  const users = Array.from({ length: 40 }, (_, i) => ({ username: `member${i}` }));
  harness = await startHarness({
    root: await tempDir(),
    corpusDir: ESSAYS_DIR,
    embedder: await testEmbedder(),
    env: { MESSAGE_CONTENT_INTENT: 'true' },
    fake: {
      users,
      enabledPrivilegedIntents: ['MessageContent'],
      guilds: [{ channels: [{ name: 'general' }, { name: 'threads' }, { name: 'help', type: ChannelType.GuildForum }, { name: 'other-help', type: ChannelType.GuildForum }] }],
    },
  });
  const moderator = harness.discord.users[0]!.id;
  const config = (options: unknown[]) => harness.discord.sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: options as never }).reply();
  await config([{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 0 }] }]);
  await config([{ name: 'forum-add', type: 1, options: [{ name: 'forum', type: 7, value: help() }] }]);
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const member = () => harness.discord.users[1 + (next++ % 39)]!.id;
const general = () => harness.discord.guilds[0]!.channelIds[0]!;
const threadsChannel = () => harness.discord.guilds[0]!.channelIds[1]!;
const help = () => harness.discord.guilds[0]!.channelIds[2]!;
const otherHelp = () => harness.discord.guilds[0]!.channelIds[3]!;

/** The bot's reply to a member's message in a channel. */
const replyTo = (channelId: string, messageId: string) =>
  harness.discord.waitFor(() => harness.discord.channelMessages(channelId).find((m) => m.message.message_reference?.message_id === messageId), 10_000, `a reply to ${messageId}`);

/** The earlier questions the bot asked a follow-up with, from its debug log. */
function conversationLogged(question: string): string[] | undefined {
  const line = harness.logs.map((entry) => JSON.parse(entry) as { msg: string; question?: string; conversation?: string[] }).find((entry) => entry.msg === 'asking a follow-up with its conversation' && entry.question === question);
  return line?.conversation;
}

/** The paragraph an answer cites first: "— **Title** · ¶N" closes its description. */
function citedFirst(message: FakeMessage): string {
  const description = message.message.embeds[0]?.description ?? '';
  const match = /— \*\*(After the Trump|Putin meets Witkoff)[^*]*\*\*(?: · [^¶]*)? · ¶(\d+)$/u.exec(description);
  return match ? `${match[1] === 'Putin meets Witkoff' ? 'putin-witkoff-meeting' : 'trump-putin-call'}#p${match[2]}` : `not an answer: ${message.message.embeds[0]?.title ?? message.message.content}`;
}

async function mention(content: string, options: { channelId?: string; referencedMessageId?: string; user?: string } = {}): Promise<FakeMessage> {
  const channelId = options.channelId ?? general();
  const question = harness.discord.sendMessage({ content, mentionsBot: true, author: options.user ?? member(), channelId, ...(options.referencedMessageId ? { referencedMessageId: options.referencedMessageId } : {}) });
  return replyTo(channelId, question.id);
}

describe('follow-ups keep the conversation', () => {
  it('GIVEN a reply to an answer about what Hegseth said THEN "and about NATO?" is asked with that question and reaches the Hegseth paragraph', async () => {
    // Alone, the follow-up is about something else entirely.
    expect(citedFirst(await mention('and about NATO?'))).not.toBe('trump-putin-call#p4');
    const answer = await mention('What did Hegseth say?');
    const followUp = await mention('and about NATO?', { referencedMessageId: answer.id });
    expect(conversationLogged('and about NATO?')).toEqual(['What did Hegseth say?']);
    expect(citedFirst(followUp)).toBe('trump-putin-call#p4');
    expect(followUp.message.embeds[0]?.title).toBe('“and about NATO?”');
  });

  it('GIVEN a reply to a public /ask answer about Thomas Graham THEN "what did he say?" is answered from Graham’s quotation', async () => {
    const alone = await mention('what did he say?');
    expect(alone.message.content).toMatch(/^The essays don’t cover that/);
    const asked = await harness.discord.sendCommand({ name: 'ask', user: member(), options: [{ name: 'question', type: 3, value: 'Who is Thomas Graham?' }] }).reply();
    expect(asked.ephemeral).toBe(false);
    const followUp = await mention('what did he say?', { referencedMessageId: asked.id });
    expect(conversationLogged('what did he say?')).toEqual(['Who is Thomas Graham?']);
    expect(citedFirst(followUp)).toBe('putin-witkoff-meeting#p12');
  });
});

describe('answers in threads', () => {
  it('GIVEN /config threads THEN a mention is answered in a thread started from it, and a follow-up there keeps the context', async () => {
    const moderator = harness.discord.users[0]!.id;
    const threads = [{ name: 'threads', type: 1, options: [{ name: 'enabled', type: 5, value: true }, { name: 'archive-after', type: 4, value: 60 }] }];
    const shown = await harness.discord.sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: threads }).reply();
    expect(shown.message.embeds[0]?.fields?.find((field) => field.name === 'Mentions are answered')?.value).toBe('In a new thread (archived after 1 hour idle)');
    try {
      const asker = member();
      const question = harness.discord.sendMessage({ content: 'Who is Thomas Graham?', mentionsBot: true, author: asker, channelId: threadsChannel() });
      const thread = await harness.discord.waitFor(() => harness.discord.threadsIn(threadsChannel()).find((candidate) => candidate.id === question.id));
      expect(thread).toMatchObject({ name: 'Who is Thomas Graham?', owner_id: harness.discord.botUser.id, thread_metadata: { auto_archive_duration: 60 } });
      const first = await harness.discord.waitFor(() => harness.discord.channelMessages(thread.id)[0]);
      expect(first.message.embeds[0]?.title).toBe('“Who is Thomas Graham?”');
      // Nothing in the channel itself: the conversation lives in the thread.
      expect(harness.discord.channelMessages(threadsChannel())).toEqual([]);

      // With the Message Content intent, a message in the thread needs no mention.
      harness.discord.sendMessage({ content: 'and what did he say?', author: asker, channelId: thread.id });
      const second = await harness.discord.waitFor(() => harness.discord.channelMessages(thread.id)[1]);
      expect(conversationLogged('and what did he say?')).toEqual(['Who is Thomas Graham?']);
      expect(citedFirst(second)).toBe('putin-witkoff-meeting#p12');
    } finally {
      const off = [{ name: 'threads', type: 1, options: [{ name: 'enabled', type: 5, value: false }] }];
      await harness.discord.sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: off }).reply();
    }
  });

  it('GIVEN a message in a thread the bot did not open or answer in THEN it stays quiet', async () => {
    // A member's own thread: a post in a forum the bot does not answer.
    const post = harness.discord.createForumPost({ forumId: otherHelp(), title: 'Our own thread', content: 'Chatting here.', author: member() });
    harness.discord.sendMessage({ content: 'Who is Kirill Dmitriev?', author: member(), channelId: post.threadId });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(harness.discord.channelMessages(post.threadId)).toEqual([]);
    expect(harness.discord.reactionsOn(post.threadId)).toEqual([]);
  });
});

describe('help forums', () => {
  it('GIVEN a new post in a configured forum THEN it is answered once, in its thread, from its title and opening message', async () => {
    const poster = member();
    // The title alone names nothing the essays cover; the opening message does.
    const post = harness.discord.createForumPost({ forumId: help(), title: 'Question about the back channels', content: 'Who are Kirill Dmitriev, Abramovich and Voloshin?', author: poster });
    const answer = await harness.discord.waitFor(() => harness.discord.channelMessages(post.threadId)[0]);
    expect(citedFirst(answer)).toBe('trump-putin-call#p15');
    expect(answer.ephemeral).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.discord.channelMessages(post.threadId)).toHaveLength(1);

    // The post is a conversation now: a follow-up there is asked with it (alone, it finds another paragraph).
    expect(citedFirst(await mention('why do they come up?'))).not.toBe('trump-putin-call#p15');
    harness.discord.sendMessage({ content: 'why do they come up?', author: poster, channelId: post.threadId });
    const second = await harness.discord.waitFor(() => harness.discord.channelMessages(post.threadId)[1]);
    expect(conversationLogged('why do they come up?')).toEqual(['Question about the back channels Who are Kirill Dmitriev, Abramovich and Voloshin?']);
    expect(citedFirst(second)).toBe('trump-putin-call#p15');
  });

  it('GIVEN a post the essays do not cover THEN no public decline: a 🤷 on the opening message, and /stats lists it as a gap', async () => {
    const post = harness.discord.createForumPost({ forumId: help(), title: 'Best borscht recipe?', content: 'Beetroot or no beetroot?', author: member() });
    await harness.discord.waitFor(() => (harness.discord.reactionsOn(post.threadId).length > 0 ? true : undefined));
    expect(harness.discord.reactionsOn(post.threadId)).toEqual(['🤷']);
    expect(harness.discord.channelMessages(post.threadId)).toEqual([]);
    const stats = await harness.discord.sendCommand({ name: 'stats', user: harness.discord.users[0]!.id, memberPermissions: MANAGE_GUILD }).reply();
    expect(stats.message.embeds[0]?.fields?.find((field) => field.name.startsWith('Recently not covered'))?.value).toContain('Best borscht recipe? Beetroot or no beetroot?');
  });

  it('GIVEN a post in a forum /config does not name THEN the bot leaves it alone', async () => {
    const post = harness.discord.createForumPost({ forumId: otherHelp(), title: 'Who is Keith Kellogg?', content: 'Asking for a friend.', author: member() });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(harness.discord.channelMessages(post.threadId)).toEqual([]);
    expect(harness.discord.violations).toEqual([]);
  });
});
