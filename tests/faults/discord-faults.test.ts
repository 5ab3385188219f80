import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { slowEmbedder } from '../support/slow-embedder.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();
let harness: Harness;
let delay = 0;
let next = 0;

beforeAll(async () => {
  const users = Array.from({ length: 40 }, (_, i) => ({ username: `member${i}` }));
  harness = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: slowEmbedder(await testEmbedder(), () => delay), fake: { users } });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const user = () => harness.discord.users[next++]!.id;
const ask = (question: string) => harness.discord.sendCommand({ name: 'ask', user: user(), options: [{ name: 'question', type: 3, value: question }] });
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

describe('Discord faults', () => {
  it('GIVEN a 429 with retry_after on the reply THEN the bot waits it out and still answers within 3 s', async () => {
    harness.discord.failNext({ method: 'POST', path: CALLBACK, status: 429, retryAfterSeconds: 0.5 });
    const interaction = ask('Who is Keith Kellogg?');
    expect((await interaction.acknowledged()).elapsedMs).toBeLessThan(3_000);
    expect((await interaction.reply()).message.embeds[0]?.description).toContain('Kellogg');
  });

  it('GIVEN two 500s on the reply THEN the bot retries and answers', async () => {
    harness.discord.failNext({ method: 'POST', path: CALLBACK, status: 500, times: 2 });
    const reply = await ask('What did Thomas Graham say?').reply();
    expect(reply.message.embeds[0]?.description).toContain('Thomas Graham');
  });

  it('GIVEN the deferred answer cannot be delivered (PATCH keeps failing) THEN the member gets a private apology, not silence', async () => {
    delay = 1_500;
    // Every attempt discord.js makes (the first and three retries) to deliver the answer fails.
    harness.discord.failNext({ method: 'PATCH', path: /\/messages\/(@|%40)original$/, status: 500, times: 4 });
    const interaction = ask('What are the cast-iron guarantees?');
    expect((await interaction.acknowledged()).type).toBe(5);
    const apology = await harness.discord.waitFor(() => interaction.followUps[0], 20_000);
    delay = 0;
    // The public "thinking…" is removed, so the apology reaches the asker alone.
    expect(apology.message.content).toMatch(/^Sorry, something went wrong on my side.*reference `[0-9a-f]{8}`/);
    expect(apology.ephemeral).toBe(true);
    expect(interaction.original?.deleted).toBe(true);
    expect(harness.logs.some((line) => line.includes('"msg":"handling failed"'))).toBe(true);
  }, 30_000);

  it('GIVEN the reply to a mention fails four times THEN an apology reply still arrives', async () => {
    const channelId = harness.discord.defaultChannelId;
    harness.discord.failNext({ method: 'POST', path: new RegExp(`^/channels/${channelId}/messages$`), status: 500, times: 4 });
    const question = harness.discord.sendMessage({ content: 'who is Medinsky?', mentionsBot: true, author: user() });
    const reply = await harness.discord.waitFor(
      () => harness.discord.channelMessages(channelId).find((m) => m.message.message_reference?.message_id === question.id),
      20_000,
    );
    expect(reply.message.content).toMatch(/^Sorry, something went wrong on my side/);
  }, 30_000);

  it('GIVEN a global 429 THEN the bot backs off and delivers', async () => {
    harness.discord.failNext({ status: 429, global: true, retryAfterSeconds: 0.3 });
    const reply = await ask('What is the Kremlin’s ultimate goal?').reply(10_000);
    expect(reply.message.embeds[0]?.description).toMatch(/^> /);
  });

  it('GIVEN the gateway closes with 4009 (session timed out) THEN the bot identifies again and keeps answering', async () => {
    const identifies = harness.discord.identifies;
    harness.discord.closeGateway(4009);
    await harness.discord.waitFor(() => harness.discord.identifies > identifies || undefined, 20_000);
    const reply = await ask('What does the Kremlin want from Trump?').reply(20_000);
    expect(reply.message.embeds.length).toBe(1);
  }, 40_000);

  it('GIVEN a non-resumable invalid session THEN the bot identifies again and keeps answering', async () => {
    const identifies = harness.discord.identifies;
    harness.discord.invalidateSession(false);
    await harness.discord.waitFor(() => harness.discord.identifies > identifies || undefined, 20_000);
    const reply = await ask('How long did Trump and Putin talk on the phone?').reply(20_000);
    expect(reply.message.embeds.length).toBe(1);
    expect(harness.discord.violations).toEqual([]);
  }, 40_000);
});
