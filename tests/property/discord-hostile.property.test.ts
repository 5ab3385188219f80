import { InteractionResponseType } from 'discord.js';
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE_GUILD, type Harness, startHarness } from '../support/bot-harness.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { slowEmbedder } from '../support/slow-embedder.js';
import { testEmbedder } from '../support/test-embedder.js';
import { LINK_SYNTAX, limitProblems, type PayloadLike, PING_SYNTAX } from './discord-oracle.js';
import { hostileQuestion, seasonedQuestion } from './hostile-arbitraries.js';
import { checkAsync, configureProperties } from './property-config.js';

configureProperties();

const tempDir = useTempDirs();
let harness: Harness;
let essaySources: string[];
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);

/** Discord caps a string option at its max_length (500 for /ask) and a message at 2,000 characters. */
const codePoints = (text: string, max: number) => [...text].slice(0, max).join('');
const ASK_MAX = 500;
const MESSAGE_MAX = 2000;
const REPLY_TIMEOUT_MS = 8_000;
/** Slower than /ask's 1 s, so the reply is deferred ("citebot is thinking…") and completed by an edit. */
const SLOW_MODEL_MS = 1_200;
let modelDelayMs = 0;

beforeAll(async () => {
  process.on('unhandledRejection', recordUnhandled);
  essaySources = await Promise.all(['putin-witkoff-meeting.md', 'trump-putin-call.md'].map((file) => readFile(path.join(ESSAYS_DIR, file), 'utf8')));
  const users = Array.from({ length: 6 }, (_, i) => ({ username: `hostile${i}` }));
  const embedder = slowEmbedder(await testEmbedder(), () => modelDelayMs);
  harness = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder, fake: { users } });
  const moderator = harness.discord.users[0]!.id;
  const cooldownOff = [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 0 }] }];
  await harness.discord.sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: cooldownOff }).reply();
}, 60_000);

afterAll(async () => {
  await harness?.stop();
  process.off('unhandledRejection', recordUnhandled);
});

type Kind = 'answer' | 'not-covered' | 'notice';

/** What the member sees: an answer, a "not covered", or a short notice; anything else is a failure. */
function kindOf(message: FakeMessage): Kind {
  const { content, embeds } = message.message;
  const embed = embeds[0];
  if (embed) return embed.title === 'Not covered by the essays' || embed.title === 'No more passages' ? 'not-covered' : 'answer';
  expect(content.trim(), 'a reply with neither embed nor text').not.toBe('');
  expect(content).not.toMatch(/something went wrong/i);
  expect(content.length).toBeLessThan(400);
  return 'notice';
}

/** "citebot is thinking…" (a deferred reply or update) carries no message yet. */
const DEFERRALS: readonly number[] = [InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.DeferredMessageUpdate];

function expectSafe(message: FakeMessage): void {
  for (const payload of message.payloads as { type?: number; data?: unknown }[]) {
    if (payload.type !== undefined && DEFERRALS.includes(payload.type)) continue;
    const body = (payload.data ?? payload) as PayloadLike & { allowed_mentions?: unknown };
    expect(limitProblems(body)).toEqual([]);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  }
}

/**
 * The first line of every quote block in the message, markdown escapes and "…" marks
 * removed, is text of an essay: what the bot shows as a quote is verbatim.
 */
function expectQuotesVerbatim(message: FakeMessage): void {
  const embed = message.message.embeds[0];
  if (!embed) return;
  const blocks = [embed.description ?? '', ...(embed.fields ?? []).map((field) => field.value)].filter((text) => text.startsWith('> '));
  for (const block of blocks) {
    const firstLine = block.split('\n')[0]!.slice(2);
    const quoted = firstLine.replace(/\\(.)/gu, '$1').replace(/^… /u, '').replace(/ ?…$/u, '').trim();
    expect(essaySources.some((source) => source.includes(quoted)), quoted).toBe(true);
    quotesChecked += 1;
  }
}

/**
 * Where the bot repeats the member's question (an answer's title, "The essays don't answer “…”"),
 * it repeats no link and no ping syntax: the bot must not be a way to post them.
 */
function expectNoEchoedLinksOrPings(message: FakeMessage): void {
  const embed = message.message.embeds[0];
  if (!embed) return;
  const echoes = [embed.title?.match(/^“(.*)”$/su)?.[1], embed.description?.match(/^The essays don’t answer “(.*)”\./su)?.[1]];
  for (const echo of echoes) {
    if (echo === undefined) continue;
    expect(echo).not.toMatch(PING_SYNTAX);
    expect(echo).not.toMatch(LINK_SYNTAX);
  }
}

function buttonIds(message: FakeMessage): string[] {
  const rows = (message.message.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).flatMap((button) => (button.custom_id ? [button.custom_id] : []));
}

const reached: Record<Kind, number> = { answer: 0, 'not-covered': 0, notice: 0 };
let quotesChecked = 0;
let deferred = 0;
let reactedOnly = 0;

async function askBySlash(question: string, user: string, isPrivate: boolean | undefined, echo: boolean): Promise<void> {
  const options = [
    { name: 'question', type: 3, value: question },
    ...(isPrivate === undefined ? [] : [{ name: 'private', type: 5, value: isPrivate }]),
  ];
  const interaction = harness.discord.sendCommand({ name: 'ask', user, options });
  const ack = await interaction.acknowledged(REPLY_TIMEOUT_MS);
  expect(ack.elapsedMs).toBeLessThan(3_000);
  if (ack.type === InteractionResponseType.DeferredChannelMessageWithSource) deferred += 1;
  const reply = await interaction.reply(REPLY_TIMEOUT_MS);
  reached[kindOf(reply)] += 1;
  expectSafe(reply);
  expectQuotesVerbatim(reply);
  if (echo) expectNoEchoedLinksOrPings(reply);
  // "Next ▶" renders the (hostile) question again on page 2.
  const more = buttonIds(reply).find((id) => id.startsWith('cb:page:') && id.endsWith(':1'));
  if (more) {
    const next = await harness.discord.clickButton({ message: reply, customId: more, user }).reply(REPLY_TIMEOUT_MS);
    kindOf(next);
    expectSafe(next);
    expectQuotesVerbatim(next);
    if (echo) expectNoEchoedLinksOrPings(next);
  }
}

/**
 * A mention gets a reply (an answer or a notice), or, where a public reply would be noise (a decline, a
 * refusal the member was already told about this cooldown), only a reaction on the question.
 */
async function askByMention(content: string, author: string, echo: boolean): Promise<void> {
  const channelId = harness.discord.defaultChannelId;
  const question = harness.discord.sendMessage({ content, mentionsBot: true, author });
  const replyTo = () => harness.discord.channelMessages(channelId).find((message) => message.message.message_reference?.message_id === question.id);
  await harness.discord.waitFor(
    () => replyTo() ?? (harness.discord.reactionsOn(question.id).length > 0 ? true : undefined),
    REPLY_TIMEOUT_MS,
    `a reply or a reaction to message ${question.id}`,
  );
  // A reaction comes first when a notice follows it.
  if (!replyTo()) await new Promise((resolve) => setTimeout(resolve, 150));
  const reply = replyTo();
  if (!reply) {
    expect(harness.discord.reactionsOn(question.id).every((emoji) => ['🚫', '⏳', '❓', '🤷', '👋'].includes(emoji))).toBe(true);
    reactedOnly += 1;
    return;
  }
  reached[kindOf(reply)] += 1;
  expectSafe(reply);
  expectQuotesVerbatim(reply);
  if (echo) expectNoEchoedLinksOrPings(reply);
}

describe('hostile questions through the fake Discord', () => {
  const questions = fc.oneof({ arbitrary: hostileQuestion({ longLength: MESSAGE_MAX }), weight: 2 }, { arbitrary: seasonedQuestion, weight: 1 });
  const how = fc.oneof(
    fc.record({ via: fc.constant('slash' as const), isPrivate: fc.option(fc.boolean(), { nil: undefined }) }),
    fc.record({ via: fc.constant('mention' as const) }),
  );

  /** Asks `raw` as a member would, by /ask or by mention, and checks the reply and the fake's record of violations. */
  function hostileAsking(slowModel: fc.Arbitrary<boolean>, echo: boolean) {
    return fc.asyncProperty(questions, how, fc.integer({ min: 1, max: 5 }), slowModel, async (raw, route, userIndex, slow) => {
      const user = harness.discord.users[userIndex]!.id;
      modelDelayMs = slow ? SLOW_MODEL_MS : 0;
      if (route.via === 'slash') {
        // Discord does not send an empty required option.
        const question = codePoints(raw, ASK_MAX);
        fc.pre(question.trim() !== '');
        await askBySlash(question, user, route.isPrivate, echo);
      } else {
        await askByMention(codePoints(raw, MESSAGE_MAX), user, echo);
      }
      expect(harness.discord.violations).toEqual([]);
      expect(unhandled).toEqual([]);
    });
  }

  it('GIVEN hostile questions by /ask and by mention THEN each is acknowledged and answered (answer, "not covered" or a notice), within limits, pinging nobody', async () => {
    // One run in ten has a model slow enough that /ask defers its reply.
    const slowModel = fc.integer({ min: 0, max: 9 }).map((n) => n === 9);
    await checkAsync(hostileAsking(slowModel, false), { numRuns: 120, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true });
    // The runs must reach every kind of reply, or the property proves little.
    expect(reached.answer).toBeGreaterThan(0);
    expect(reached['not-covered']).toBeGreaterThan(0);
    expect(reached.notice).toBeGreaterThan(0);
    expect(quotesChecked).toBeGreaterThan(reached.answer);
    expect(deferred).toBeGreaterThan(0);
    expect(reactedOnly).toBeGreaterThan(0);
    const errors = harness.logs.filter((line) => (JSON.parse(line) as { level: number | string }).level === 50 || line.includes('"level":"error"'));
    expect(errors).toEqual([]);
    expect(harness.discord.unknownRoutes).toEqual([]);
  }, 120_000);

  it('GIVEN hostile questions THEN where the reply repeats the question, it repeats no link and no ping syntax', async () => {
    await checkAsync(hostileAsking(fc.constant(false), true), { numRuns: 60, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true });
  }, 60_000);
});
