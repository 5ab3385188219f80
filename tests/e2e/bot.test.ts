import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE_GUILD, type Harness, startHarness } from '../support/bot-harness.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();
let harness: Harness;
let userIndex = 0;

beforeAll(async () => {
  // Several members, so the per-member cooldown does not get in the way of unrelated tests.
  const users = Array.from({ length: 60 }, (_, i) => ({ username: `member${i}` }));
  harness = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), fake: { users } });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const nextUser = () => harness.discord.users[userIndex++ % harness.discord.users.length]!.id;
const ask = (question: string, extra: { private?: boolean; user?: string } = {}) =>
  harness.discord.sendCommand({
    name: 'ask',
    user: extra.user ?? nextUser(),
    options: [
      { name: 'question', type: 3, value: question },
      ...(extra.private === undefined ? [] : [{ name: 'private', type: 5, value: extra.private }]),
    ],
  });

const embedOf = (message: FakeMessage) => message.message.embeds[0]!;
/** The custom ids of every button on a message the bot sent. */
function customIds(message: FakeMessage): string[] {
  const rows = (message.message.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).flatMap((component) => (component.custom_id ? [component.custom_id] : []));
}

describe('asking with /ask', () => {
  it('GIVEN a covered question THEN the reply quotes the essay verbatim and cites essay and ¶, naming the paragraph once', async () => {
    const interaction = ask('What did Hegseth say about the 2014 borders?');
    expect((await interaction.acknowledged()).elapsedMs).toBeLessThan(3_000);
    const reply = await interaction.reply();
    const embed = embedOf(reply);
    expect(embed.description).toMatch(/^> .*Pete Hegseth said publicly that a return to Ukraine’s 2014 borders is unrealistic/s);
    expect(embed.description).toMatch(/\n— \*\*After the Trump–Putin phone call: why talks on Ukraine suit the Kremlin\*\* · ¶4$/);
    expect(embed.description?.match(/¶4|#p4/g)).toEqual(['¶4']);
    expect(embed.footer?.text).toMatch(/^Quotes are verbatim( · page 1\/\d+)?$/);
    const source = await readFile(path.join(ESSAYS_DIR, 'trump-putin-call.md'), 'utf8');
    expect(source).toContain('U.S. Defense Secretary Pete Hegseth said publicly that a return to Ukraine’s 2014 borders is unrealistic');
    expect(harness.discord.violations).toEqual([]);
  });

  it('GIVEN a question the essays do not cover THEN it says so plainly, to the asker alone', async () => {
    const reply = await ask('anyone got a good borscht recipe?').reply();
    expect(reply.ephemeral).toBe(true);
    expect(embedOf(reply).title).toBe('Not covered by the essays');
    expect(embedOf(reply).description).toContain('The essays don’t answer “anyone got a good borscht recipe?”');
  });

  it('GIVEN @everyone and a role mention in the question THEN nobody is pinged', async () => {
    const reply = await ask('@everyone <@&123456789012345678> what does Putin want from Ukraine?').reply();
    type Payload = { type?: number; data?: { allowed_mentions?: unknown }; allowed_mentions?: unknown };
    // Every payload that carries a message (not the bare "thinking…" acknowledgement, type 5) pings nobody.
    const messages = (reply.payloads as Payload[]).filter((payload) => payload.type !== 5);
    expect(messages.length).toBeGreaterThan(0);
    for (const payload of messages) expect((payload.data ?? payload).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(harness.discord.violations).toEqual([]);
  });

  it('GIVEN a private question THEN the answer is ephemeral and "Post to channel" publishes it publicly', async () => {
    const asker = nextUser();
    const reply = await ask('Who are Kirill Dmitriev, Abramovich and Voloshin?', { private: true, user: asker }).reply();
    expect(reply.ephemeral).toBe(true);
    const post = customIds(reply).find((id) => id.startsWith('cb:post:'))!;
    const published = await harness.discord.clickButton({ message: reply, customId: post, user: asker }).reply();
    expect(published.ephemeral).toBe(false);
    expect(embedOf(published).description).toContain('Kirill Dmitriev');
  });

  it('GIVEN the answer buttons THEN "Full ¶" shows the whole paragraph and "Next" the next page', async () => {
    const reply = await ask('What does Russia want from Ukraine and NATO?').reply();
    const ids = customIds(reply);
    const full = await harness.discord.clickButton({ message: reply, customId: ids.find((id) => id.startsWith('cb:full:'))! }).reply();
    const [, doc, paragraph] = /^Whole paragraph, verbatim · ([a-z-]+)#p(\d+)$/.exec(embedOf(full).footer!.text)!;
    const source = await readFile(path.join(ESSAYS_DIR, `${doc}.md`), 'utf8');
    const paragraphs = source.split('\n---\n')[1]!.trim().split('\n\n').filter((block) => !block.startsWith('## '));
    expect(embedOf(full).description?.replaceAll('\\', '')).toContain(paragraphs[Number(paragraph) - 1]!.replace(/^> /, '').split('\n')[0]!);

    const next = ids.find((id) => id.startsWith('cb:page:') && id.endsWith(':1'));
    expect(next).toBeDefined();
    const page = await harness.discord.clickButton({ message: reply, customId: next! }).reply();
    expect(page.ephemeral).toBe(true);
    expect(embedOf(page).footer?.text).toMatch(/^Quotes are verbatim · page 2\/\d$/);
  });

  it('GIVEN 👍 on a public answer THEN the vote is recorded for /stats and shown to the voter alone', async () => {
    const reply = await ask('How long did Trump and Putin talk on the phone?').reply();
    const up = customIds(reply).find((id) => id.startsWith('cb:up:'))!;
    const card = await harness.discord.clickButton({ message: reply, customId: up }).reply();
    expect(card.ephemeral).toBe(true);
    expect(card.message.content).toMatch(/^Your vote on this answer: 👍/);
    const guildId = harness.discord.guilds[0]!.id;
    const events = await harness.guilds.events(guildId);
    expect(events.some((event) => event.type === 'feedback' && event.vote === 'up')).toBe(true);
  });

  it('GIVEN two questions in a row from one member THEN the second gets a polite cooldown notice', async () => {
    const member = nextUser();
    await ask('What is the Kremlin’s ultimate goal?', { user: member }).reply();
    const second = await ask('And what about sanctions?', { user: member }).reply();
    expect(second.ephemeral).toBe(true);
    expect(second.message.content).toMatch(/Please wait \d+ s before your next question/);
  });
});

describe('other commands', () => {
  it('GIVEN /sources THEN both essays are listed with paragraph counts, model and mode', async () => {
    const reply = await harness.discord.sendCommand({ name: 'sources', user: nextUser() }).reply();
    const embed = embedOf(reply);
    expect(embed.fields?.map((field) => field.value.split(' · ').slice(0, 2).join(' · '))).toEqual([
      '`putin-witkoff-meeting` · 17 paragraphs',
      '`trump-putin-call` · 16 paragraphs',
    ]);
    expect(embed.footer?.text).toMatch(/^Search by meaning and words \(embedding model and word vectors\) · Model: tests\/fixtures\/model · Index /);
  });

  it('GIVEN /passage with autocomplete THEN choices are references, and the chosen one shows verbatim', async () => {
    const auto = harness.discord.sendAutocomplete({ name: 'passage', user: nextUser(), options: [{ name: 'ref', type: 3, value: 'trump-putin-call#p1', focused: true }] });
    const choices = ((await auto.acknowledged()).body as { data: { choices: { value: string }[] } }).data.choices;
    expect(choices.map((choice) => choice.value)).toContain('trump-putin-call#p1');
    expect(choices.map((choice) => choice.value)).toContain('trump-putin-call#p16');
    const reply = await harness.discord.sendCommand({ name: 'passage', user: nextUser(), options: [{ name: 'ref', type: 3, value: 'putin-witkoff-meeting#p12' }] }).reply();
    expect(embedOf(reply).description).toMatch(/^Putin is well on his way/);
    expect(embedOf(reply).description).toContain('— Thomas Graham\nFormer senior director');
  });

  it('GIVEN a member without Manage Server THEN /stats, /config and the reset button refuse', async () => {
    const stats = await harness.discord.sendCommand({ name: 'stats', user: nextUser(), memberPermissions: '0' }).reply();
    expect(stats.message.content).toContain('Only moderators');
    const moderator = nextUser();
    const config = await harness.discord
      .sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: [{ name: 'show', type: 1, options: [] }] })
      .reply();
    const reset = customIds(config).find((id) => id.startsWith('cb:reset:'))!;
    // The settings message is private to the moderator; they click it after losing the permission.
    const refused = await harness.discord.clickButton({ message: config, customId: reset, user: moderator, memberPermissions: '0' }).reply();
    expect(refused.message.content).toContain('Only moderators');
  });

  it('GIVEN a moderator THEN /stats counts questions, answers, latency, citations and feedback', async () => {
    const reply = await harness.discord.sendCommand({ name: 'stats', user: nextUser(), memberPermissions: MANAGE_GUILD }).reply();
    const fields = Object.fromEntries(embedOf(reply).fields!.map((field) => [field.name, field.value]));
    expect(Number(fields.Questions)).toBeGreaterThanOrEqual(5);
    expect(Number(fields['Not covered'])).toBeGreaterThanOrEqual(1);
    expect(fields['Latency p50 / p95']).toMatch(/^\d+ ms \/ \d+ ms$/);
    expect(fields.Feedback).toMatch(/👍 [1-9]/);
    expect(fields['Most-cited paragraphs']).toMatch(/`[a-z-]+#p\d+` \(\d+\)/);
  });
});

describe('mentions', () => {
  it('GIVEN a message that mentions the bot THEN it replies with quotes, and a reply to that answer is a follow-up', async () => {
    const channelId = harness.discord.defaultChannelId;
    const question = harness.discord.sendMessage({ content: 'what was agreed about the 25 per cent tariff on India?', mentionsBot: true, author: nextUser() });
    const answer = await harness.discord.waitFor(() =>
      harness.discord.channelMessages(channelId).find((m) => m.message.message_reference?.message_id === question.id),
    );
    expect(embedOf(answer).description).toContain('25 per cent tariff on India');
    const followUp = harness.discord.sendMessage({ content: 'and who is Thomas Graham?', referencedMessageId: answer.id, mentionsBot: true, author: nextUser() });
    const second = await harness.discord.waitFor(() =>
      harness.discord.channelMessages(channelId).find((m) => m.message.message_reference?.message_id === followUp.id),
    );
    expect(embedOf(second).description).toContain('Thomas Graham');
  });

  it('GIVEN a message that does not mention the bot THEN it stays quiet', async () => {
    const channelId = harness.discord.defaultChannelId;
    const before = harness.discord.channelMessages(channelId).length;
    harness.discord.sendMessage({ content: 'just chatting about Putin', author: nextUser() });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.discord.channelMessages(channelId)).toHaveLength(before);
  });
});
