import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE_GUILD, type Harness, startHarness } from '../support/bot-harness.js';
import type { FakeInteraction, FakeMessage } from '../support/fake-discord/index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { slowEmbedder } from '../support/slow-embedder.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

/**
 * What members see when a question cannot be answered: nothing public that they
 * did not ask for, no cooldown for a question that was never searched, and words
 * written for them. The bot runs without the Message Content intent, the default.
 */
const tempDir = useTempDirs();
let harness: Harness;
let modelDelayMs = 0;
let next = 0;

beforeAll(async () => {
  const users = Array.from({ length: 40 }, (_, i) => ({ username: `member${i}` }));
  harness = await startHarness({
    root: await tempDir(),
    corpusDir: ESSAYS_DIR,
    embedder: slowEmbedder(await testEmbedder(), () => modelDelayMs),
    fake: { users, guilds: [{ channels: [{ name: 'general' }, { name: 'off-topic' }, { name: 'help', type: ChannelType.GuildForum }] }] },
  });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const member = () => harness.discord.users[1 + (next++ % 39)]!.id;
const moderator = () => harness.discord.users[0]!.id;
const channel = (index: number) => harness.discord.guilds[0]!.channelIds[index]!;
const ask = (question: string, user: string, extra: { private?: boolean } = {}): FakeInteraction =>
  harness.discord.sendCommand({
    name: 'ask',
    user,
    channelId: channel(0),
    options: [{ name: 'question', type: 3, value: question }, ...(extra.private === undefined ? [] : [{ name: 'private', type: 5, value: extra.private }])],
  });
const config = (options: unknown[]) => harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: options as never }).reply();
const replyTo = (channelId: string, messageId: string) =>
  harness.discord.channelMessages(channelId).find((m) => m.message.message_reference?.message_id === messageId);
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('rejected questions cost no cooldown', () => {
  it('GIVEN an /ask with no question in it THEN a private notice, and the corrected question right after is answered', async () => {
    const user = member();
    const rejected = await ask('<@123456789012345678> @everyone ?!', user).reply();
    expect(rejected.ephemeral).toBe(true);
    expect(rejected.message.content).toMatch(/^There’s no question in that message/);
    const corrected = await ask('Who is Keith Kellogg?', user).reply();
    expect(corrected.message.embeds[0]?.description).toContain('Kellogg');
    // The cooldown did start with the searched question.
    expect((await ask('And Witkoff?', user).reply()).message.content).toMatch(/^You’re asking quickly!/);
  });

  it('GIVEN a 2,000-character mention THEN a ❓ and a short notice, and the corrected question right after is answered', async () => {
    const user = member();
    const long = harness.discord.sendMessage({ content: `what did Hegseth say ${'about the borders '.repeat(100)}`, mentionsBot: true, author: user, channelId: channel(0) });
    const notice = await harness.discord.waitFor(() => replyTo(channel(0), long.id));
    expect(notice.message.content).toMatch(/^That question is too long for me: I take up to 500 characters/);
    expect(harness.discord.reactionsOn(long.id)).toEqual(['❓']);
    const corrected = harness.discord.sendMessage({ content: 'What did Hegseth say about the 2014 borders?', mentionsBot: true, author: user, channelId: channel(0) });
    const answer = await harness.discord.waitFor(() => replyTo(channel(0), corrected.id));
    expect(answer.message.embeds[0]?.description).toContain('Hegseth');
  });
});

describe('declines are private unless the server opts in', () => {
  it('GIVEN gibberish by public /ask THEN only the asker sees "not covered", with no footer or button claiming what is not there', async () => {
    const reply = await ask('asdfghjkl qwertyuiop', member()).reply();
    expect(reply.ephemeral).toBe(true);
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toBe('Not covered by the essays');
    expect(embed.description).toBe('The essays don’t answer “asdfghjkl qwertyuiop”.\n\nUse `/sources` to see what they cover.');
    expect(embed.footer).toBeUndefined();
    expect(reply.message.components ?? []).toEqual([]);
  });

  it('GIVEN a slow decline that was deferred publicly THEN the "thinking…" placeholder is removed and the decline is private', async () => {
    modelDelayMs = 1_300;
    try {
      const interaction = ask('anyone got a good borscht recipe?', member());
      expect((await interaction.acknowledged()).type).toBe(5);
      const reply = await interaction.reply(10_000);
      expect(reply.ephemeral).toBe(true);
      expect(reply.message.embeds[0]?.title).toBe('Not covered by the essays');
      expect(interaction.original?.deleted).toBe(true);
      expect(harness.discord.violations).toEqual([]);
    } finally {
      modelDelayMs = 0;
    }
  });

  it('GIVEN /config declines public THEN a decline with close passages is public, gibberish still private', async () => {
    await config([{ name: 'declines', type: 1, options: [{ name: 'visibility', type: 3, value: 'public' }] }]);
    try {
      const near = await ask('Did Medinsky mention borscht recipes at the Kremlin?', member(), { private: false }).reply();
      expect(near.message.embeds[0]?.title).toBe('Not covered by the essays');
      expect(near.message.embeds[0]?.fields?.length).toBeGreaterThan(0);
      expect(near.ephemeral).toBe(false);
      expect((await ask('asdfghjkl qwertyuiop', member()).reply()).ephemeral).toBe(true);
    } finally {
      await config([{ name: 'declines', type: 1, options: [{ name: 'visibility', type: 3, value: 'private' }] }]);
    }
  });

  it('GIVEN a mention the essays do not cover THEN a 🤷 reaction and one short notice, not a public "not covered" answer', async () => {
    const question = harness.discord.sendMessage({ content: 'anyone got a good borscht recipe?', mentionsBot: true, author: member(), channelId: channel(0) });
    const notice = await harness.discord.waitFor(() => replyTo(channel(0), question.id));
    expect(notice.message.embeds).toEqual([]);
    expect(notice.message.content).toMatch(/^The essays don’t cover that/);
    expect(harness.discord.reactionsOn(question.id)).toEqual(['🤷']);
  });
});

describe('notices to mentions', () => {
  it('GIVEN mentions in a channel the bot does not serve THEN a 🚫 each time, and one notice per member per cooldown', async () => {
    await config([{ name: 'allow-channel', type: 1, options: [{ name: 'channel', type: 7, value: channel(0) }] }]);
    try {
      const user = member();
      const first = harness.discord.sendMessage({ content: 'Who is Kellogg?', mentionsBot: true, author: user, channelId: channel(1) });
      const notice = await harness.discord.waitFor(() => replyTo(channel(1), first.id));
      expect(notice.message.content).toBe(`I answer questions in <#${channel(0)}>. Please ask there.`);
      const second = harness.discord.sendMessage({ content: 'Who is Witkoff?', mentionsBot: true, author: user, channelId: channel(1) });
      await harness.discord.waitFor(() => (harness.discord.reactionsOn(second.id).length > 0 ? true : undefined));
      await settle();
      expect(harness.discord.reactionsOn(second.id)).toEqual(['🚫']);
      expect(replyTo(channel(1), second.id)).toBeUndefined();
      expect(harness.discord.channelMessages(channel(1))).toHaveLength(1);
    } finally {
      await config([{ name: 'all-channels', type: 1, options: [] }]);
    }
  });

  it('GIVEN a mention during the cooldown THEN ⏳ and a notice, then only ⏳', async () => {
    const user = member();
    const answered = harness.discord.sendMessage({ content: 'Who is Dmitriev?', mentionsBot: true, author: user, channelId: channel(0) });
    await harness.discord.waitFor(() => replyTo(channel(0), answered.id));
    const quick = [1, 2].map((n) => harness.discord.sendMessage({ content: `And Abramovich ${n}?`, mentionsBot: true, author: user, channelId: channel(0) }));
    await harness.discord.waitFor(() => (quick.every((m) => harness.discord.reactionsOn(m.id).length > 0) ? true : undefined));
    await settle();
    expect(quick.map((m) => harness.discord.reactionsOn(m.id))).toEqual([['⏳'], ['⏳']]);
    const notices = quick.map((m) => replyTo(channel(0), m.id)).filter((m): m is FakeMessage => m !== undefined);
    expect(notices.map((m) => m.message.content)).toEqual([expect.stringMatching(/^You’re asking quickly! Please wait \d+ s/)]);
  });
});

describe('words for members', () => {
  it('GIVEN /passage ref:trump-putin-call#p999 THEN it says plainly there is no such paragraph and suggests /sources, with no maintainer command', async () => {
    const reply = await harness.discord.sendCommand({ name: 'passage', user: member(), options: [{ name: 'ref', type: 3, value: 'trump-putin-call#p999' }] }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe('There is no paragraph 999 in `trump-putin-call`: it has 16. Use `/sources` to see the essays and their paragraph counts.');
    const unknown = await harness.discord.sendCommand({ name: 'passage', user: member(), options: [{ name: 'ref', type: 3, value: 'no-such-essay#p1' }] }).reply();
    expect(unknown.message.content).toBe('There is no essay by that name. Use `/sources` to see the essays.');
  });

  it('GIVEN answers THEN field names use the short essay title, name the paragraph once, and the footer says what is there', async () => {
    const reply = await ask('What does Russia want from Ukraine and NATO?', member()).reply();
    const embed = reply.message.embeds[0]!;
    expect(embed.fields?.length).toBeGreaterThan(0);
    for (const field of embed.fields ?? []) {
      expect(field.name).toMatch(/^(Putin meets Witkoff in Moscow|After the Trump–Putin phone call)( · [^·]+)? · ¶\d+$/u);
      expect(field.value).not.toMatch(/#p\d+|¶/u);
    }
    expect(embed.footer?.text).toMatch(/^Quotes are verbatim · page 1\/\d+$/u);
  });
});

describe('question hygiene', () => {
  it('GIVEN a question wrapped in a masked link and formatting THEN the title keeps the words, without link or markup debris', async () => {
    const reply = await ask('**[click me](https://evil.example/phish)** what did Hegseth say about the 2014 borders? ||spoiler|| `code`', member()).reply();
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toBe('“click me what did Hegseth say about the 2014 borders? spoiler code”');
    expect(embed.description).toContain('Pete Hegseth said publicly');
  });
});

describe('help forums without the Message Content intent', () => {
  it('GIVEN a post in a configured forum THEN it is answered from its title alone', async () => {
    await config([{ name: 'forum-add', type: 1, options: [{ name: 'forum', type: 7, value: channel(2) }] }]);
    const post = harness.discord.createForumPost({ forumId: channel(2), title: 'Who is Thomas Graham?', content: 'The body is hidden from the bot without the intent.', author: member() });
    const answer = await harness.discord.waitFor(() => harness.discord.channelMessages(post.threadId)[0]);
    expect(answer.message.embeds[0]?.title).toBe('“Who is Thomas Graham?”');
    expect(answer.message.embeds[0]?.description).toContain('Graham');
  });
});
