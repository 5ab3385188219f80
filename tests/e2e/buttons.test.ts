import { ButtonStyle } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE_GUILD, type Harness, startHarness } from '../support/bot-harness.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

/** The buttons under an answer and a settings message, the "Find in essays" message command, and /stats' lists. */
const tempDir = useTempDirs();
let harness: Harness;
let next = 0;

beforeAll(async () => {
  const users = Array.from({ length: 40 }, (_, i) => ({ username: `member${i}`, globalName: `Member ${i}` }));
  harness = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), fake: { users } });
  const cooldownOff = [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 0 }] }];
  await harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: cooldownOff }).reply();
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const moderator = () => harness.discord.users[0]!.id;
const member = () => harness.discord.users[1 + (next++ % 39)]!.id;
const ask = (question: string, user: string, isPrivate?: boolean) =>
  harness.discord
    .sendCommand({ name: 'ask', user, options: [{ name: 'question', type: 3, value: question }, ...(isPrivate === undefined ? [] : [{ name: 'private', type: 5, value: isPrivate }])] })
    .reply();

interface Button {
  custom_id: string;
  label?: string;
  style: number;
  disabled?: boolean;
  emoji?: { name: string };
}
const buttonsOf = (message: FakeMessage): Button[] =>
  ((message.message.components ?? []) as unknown as { components: Button[] }[]).flatMap((row) => row.components);
const button = (message: FakeMessage, match: (button: Button) => boolean) => buttonsOf(message).find(match);
const labelled = (message: FakeMessage, label: string) => button(message, (b) => b.label === label);
const emoji = (message: FakeMessage, name: string) => button(message, (b) => b.emoji?.name === name)!;
const click = (message: FakeMessage, customId: string, user: string, memberPermissions?: string) =>
  harness.discord.clickButton({ message, customId, user, ...(memberPermissions ? { memberPermissions } : {}) }).reply();
/** The bot's message as it is now (after edits). */
const current = (message: FakeMessage) => harness.discord.botMessages().find((m) => m.id === message.id)!;
const postedCopy = (message: FakeMessage) => harness.discord.waitFor(() => (current(message).message.content === 'Posted ✓' ? current(message) : undefined));

describe('Post to channel', () => {
  it('GIVEN a private answer THEN one press publishes its first page with "Asked by", and the private copy says "Posted ✓" without the button', async () => {
    const asker = member();
    const answer = await ask('Who are Kirill Dmitriev, Abramovich and Voloshin?', asker, true);
    const post = labelled(answer, 'Post to channel')!;
    // Two presses in flight at once (a double click): one post.
    const presses = [harness.discord.clickButton({ message: answer, customId: post.custom_id, user: asker }), harness.discord.clickButton({ message: answer, customId: post.custom_id, user: asker })];
    await Promise.all(presses.map((press) => press.acknowledged()));
    await harness.discord.waitFor(() => (presses.every((press) => press.visibleReply || press.followUps.length > 0) ? true : undefined));
    const published = harness.discord.channelMessages(answer.channelId).filter((m) => !m.ephemeral && m.message.embeds[0]?.author?.name === 'Asked by Member 1');
    expect(published).toHaveLength(1);
    const publicAnswer = published[0]!;
    expect(publicAnswer.message.embeds[0]?.description).toContain('Kirill Dmitriev');
    expect((publicAnswer.payloads[0] as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(labelled(publicAnswer, 'Post to channel')).toBeUndefined();

    const privateCopy = await postedCopy(answer);
    expect(labelled(privateCopy, 'Post to channel')).toBeUndefined();
    const refused = presses.flatMap((press) => press.followUps.concat(press.visibleReply ? [press.visibleReply] : [])).filter((m) => m.ephemeral && m.message.content.startsWith('This answer is already posted'));
    expect(refused).toHaveLength(1);
  });

  it('GIVEN another member paging a public answer THEN their private page offers no "Post to channel"', async () => {
    await harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: [{ name: 'passages', type: 1, options: [{ name: 'count', type: 4, value: 1 }] }] }).reply();
    try {
      const answer = await ask('What does Russia want from Ukraine and NATO?', member());
      expect(answer.ephemeral).toBe(false);
      const page = await click(answer, labelled(answer, 'Next ▶')!.custom_id, member());
      expect(page.ephemeral).toBe(true);
      expect(labelled(page, 'Post to channel')).toBeUndefined();
    } finally {
      await harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: [{ name: 'passages', type: 1, options: [{ name: 'count', type: 4, value: 3 }] }] }).reply();
    }
  });
});

describe('paging', () => {
  it('GIVEN one passage per page THEN Next and Previous page in place with "page 2/N", and posting from page 2 publishes page 1', async () => {
    await harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: [{ name: 'passages', type: 1, options: [{ name: 'count', type: 4, value: 1 }] }] }).reply();
    try {
      const asker = member();
      const first = await ask('What does Russia want from Ukraine and NATO?', asker, true);
      const pages = Number(/page 1\/(\d+)$/.exec(first.message.embeds[0]!.footer!.text)![1]);
      // The fake's message objects follow edits, so page 1 is kept as it was.
      const pageOne = first.message.embeds[0]?.description;
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(labelled(first, '◀ Previous')?.disabled).toBe(true);
      const second = await click(first, labelled(first, 'Next ▶')!.custom_id, asker);
      expect(second.id).toBe(first.id);
      expect(second.message.embeds[0]?.footer?.text).toBe(`Quotes are verbatim · page 2/${pages}`);
      expect(labelled(second, '◀ Previous')?.disabled).toBe(false);
      const secondQuote = second.message.embeds[0]?.description;
      const back = await click(second, labelled(second, '◀ Previous')!.custom_id, asker);
      expect(back.message.embeds[0]?.footer?.text).toBe(`Quotes are verbatim · page 1/${pages}`);
      expect(secondQuote).not.toBe(pageOne);
      expect(back.message.embeds[0]?.description).toBe(pageOne);

      const onPageTwo = await click(back, labelled(back, 'Next ▶')!.custom_id, asker);
      const press = harness.discord.clickButton({ message: onPageTwo, customId: labelled(onPageTwo, 'Post to channel')!.custom_id, user: asker });
      const published = await harness.discord.waitFor(() => press.followUps[0]);
      expect(published.ephemeral).toBe(false);
      expect(published.message.embeds[0]?.footer?.text).toBe(`Quotes are verbatim · page 1/${pages}`);
      expect(published.message.embeds[0]?.description).toBe(pageOne);
      const privateCopy = await postedCopy(first);
      expect(privateCopy.message.embeds[0]?.footer?.text).toBe(`Quotes are verbatim · page 2/${pages}`);
    } finally {
      await harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: [{ name: 'passages', type: 1, options: [{ name: 'count', type: 4, value: 3 }] }] }).reply();
    }
  });
});

describe('Why this passage?', () => {
  it('GIVEN an answer THEN each passage has a "Why ¶N?" button that tells the clicker privately which words matched, near words with their similarity', async () => {
    const asker = member();
    const answer = await ask('Does the Kremlin think an agreement with the West is essential, and in writing?', asker);
    expect(answer.message.embeds[0]?.title).not.toMatch(/not covered/i);
    const why = buttonsOf(answer).filter((b) => /^Why ¶\d+\?$/.test(b.label ?? ''));
    expect(why.length).toBeGreaterThan(0);
    const explanations = await Promise.all(why.map((b) => click(answer, b.custom_id, asker)));
    for (const explanation of explanations) {
      expect(explanation.ephemeral).toBe(true);
      const embed = explanation.message.embeds[0]!;
      expect(embed.title).toMatch(/^Why .* · ¶\d+$/);
      expect(embed.description).toMatch(/^• You asked “\w+”: the passage says \*/);
      expect(embed.description).toMatch(/covers about \d+% of your question/);
    }
    // Somewhere the essays say it in other words: "essential" is met by "necessary", and the reason says how close.
    expect(explanations.map((e) => e.message.embeds[0]!.description).join('\n')).toMatch(/close in meaning \(\d+% similar\)/);
  });
});

describe('votes', () => {
  it('GIVEN 👍 then 👎 on a private answer THEN the buttons show the vote in place, and /stats counts the member once, as 👎', async () => {
    const voter = member();
    const answer = await ask('How long did Trump and Putin talk on the phone?', voter, true);
    const messagesBefore = harness.discord.botMessages().length;
    const up = await click(answer, emoji(answer, '👍').custom_id, voter);
    expect(up.id).toBe(answer.id);
    expect([emoji(up, '👍').style, emoji(up, '👎').style]).toEqual([ButtonStyle.Success, ButtonStyle.Secondary]);
    const down = await click(up, emoji(up, '👎').custom_id, voter);
    expect([emoji(down, '👍').style, emoji(down, '👎').style]).toEqual([ButtonStyle.Secondary, ButtonStyle.Danger]);
    expect(harness.discord.botMessages()).toHaveLength(messagesBefore);

    const events = await harness.guilds.events(harness.discord.guilds[0]!.id);
    const votes = events.filter((event) => event.type === 'feedback' && event.answerId === answer.interactionId);
    expect(votes.map((event) => (event.type === 'feedback' ? event.vote : null))).toEqual(['up', 'down']);
  });

  it('GIVEN a vote on a public answer THEN a private card shows it, and changing it there updates the card in place', async () => {
    const voter = member();
    const answer = await ask('What did Thomas Graham say?', member());
    const card = await click(answer, emoji(answer, '👍').custom_id, voter);
    expect(card.ephemeral).toBe(true);
    expect(emoji(card, '👍').style).toBe(ButtonStyle.Success);
    const changed = await click(card, emoji(card, '👎').custom_id, voter);
    expect(changed.id).toBe(card.id);
    expect(changed.message.content).toMatch(/^Your vote on this answer: 👎 not helpful/);
    // The public answer is the same for everyone: it shows nobody's vote.
    const publicAnswer = harness.discord.botMessages().find((m) => m.id === answer.id)!;
    expect([emoji(publicAnswer, '👍').style, emoji(publicAnswer, '👎').style]).toEqual([ButtonStyle.Secondary, ButtonStyle.Secondary]);
  });
});

describe('Find in essays', () => {
  it('GIVEN a member’s message THEN the message command answers privately from its text, with Post to channel', async () => {
    expect(harness.discord.commands.find((command) => command.name === 'Find in essays')?.type).toBe(3);
    const said = harness.discord.sendMessage({ content: 'I wonder what Hegseth said about the 2014 borders', author: member() });
    const user = member();
    const answer = await harness.discord.sendMessageCommand({ name: 'Find in essays', targetMessageId: said.id, user }).reply();
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.embeds[0]?.title).toBe('“I wonder what Hegseth said about the 2014 borders”');
    expect(answer.message.embeds[0]?.description).toContain('Pete Hegseth said publicly');
    await click(answer, labelled(answer, 'Post to channel')!.custom_id, user);
    await postedCopy(answer);
  });

  it('GIVEN a message without text THEN a private note', async () => {
    const answer = await ask('Who is Keith Kellogg?', member());
    const reply = await harness.discord.sendMessageCommand({ name: 'Find in essays', targetMessageId: answer.id, user: member() }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/^That message has no text I can look up/);
  });
});

describe('moderators', () => {
  it('GIVEN "Reset to defaults…" THEN nothing changes until it is confirmed; Cancel keeps the settings', async () => {
    const guildId = harness.discord.guilds[0]!.id;
    const shown = await harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: [{ name: 'strictness', type: 1, options: [{ name: 'level', type: 3, value: 'strict' }] }] }).reply();
    const asked = await click(shown, labelled(shown, 'Reset to defaults…')!.custom_id, moderator(), MANAGE_GUILD);
    expect(asked.message.embeds[0]?.title).toBe('Reset every setting of this server?');
    expect((await harness.guilds.settings(guildId)).settings.strictness).toBe('strict');
    const cancelled = await click(asked, labelled(asked, 'Cancel')!.custom_id, moderator(), MANAGE_GUILD);
    expect(cancelled.message.content).toBe('Nothing was changed.');
    expect((await harness.guilds.settings(guildId)).settings.strictness).toBe('strict');

    const again = await click(cancelled, labelled(cancelled, 'Reset to defaults…')!.custom_id, moderator(), MANAGE_GUILD);
    const reset = await click(again, labelled(again, 'Reset to defaults')!.custom_id, moderator(), MANAGE_GUILD);
    expect(reset.message.content).toBe('Every setting is back to its default.');
    expect((await harness.guilds.settings(guildId)).settings.strictness).toBe('normal');
    const cooldownOff = [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 0 }] }];
    await harness.discord.sendCommand({ name: 'config', user: moderator(), memberPermissions: MANAGE_GUILD, options: cooldownOff }).reply();
  });

  it('GIVEN answered, declined and rejected questions THEN /stats separates them, lists the gaps and never-cited paragraphs, and attaches them as CSV', async () => {
    await ask('Did the Kremlin publish a borscht recipe?', member());
    await ask('<@123456789012345678> ?', member());
    const reply = await harness.discord.sendCommand({ name: 'stats', user: moderator(), memberPermissions: MANAGE_GUILD, options: [{ name: 'csv', type: 5, value: true }] }).reply();
    const fields = Object.fromEntries(reply.message.embeds[0]!.fields!.map((field) => [field.name, field.value]));
    expect(Number(fields['Rejected (empty or too long)'])).toBeGreaterThanOrEqual(1);
    expect(Number(fields.Questions)).toBe(Number(fields.Answered) + Number(fields['Not covered']));
    const declined = Object.entries(fields).find(([name]) => name.startsWith('Recently not covered'))!;
    expect(declined[1].split('\n')[0]).toMatch(/^• “Did the Kremlin publish a borscht recipe\?” <t:\d+:R>$/);
    const neverCited = Object.entries(fields).find(([name]) => name.startsWith('Never cited'))!;
    const count = Number(/\((\d+) paragraphs\)/.exec(neverCited[0])![1]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(33);
    expect(neverCited[1]).toMatch(/`[a-z-]+#p\d+`/);

    expect(reply.message.attachments.map((attachment) => attachment.filename)).toEqual([`citebot-stats-${harness.discord.guilds[0]!.id}.csv`]);
    const upload = harness.discord.requests.flatMap((request) => request.files).find((file) => file.name.endsWith('.csv'))!;
    const csv = upload.data.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('"kind","at","value"');
    expect(csv).toContain(csv.find((line) => line.startsWith('"declined question",') && line.endsWith(',"Did the Kremlin publish a borscht recipe?"')));
    expect(csv.filter((line) => line.startsWith('"never cited paragraph"'))).toHaveLength(count);
  });
});
