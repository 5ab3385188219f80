import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embedding/embedder.js';
import { MANAGE_GUILD, type Harness, startHarness } from '../support/bot-harness.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();
let harness: Harness;
let leakToken = false;
let next = 0;

/** An embedder that fails with the bot token in its message, as a careless library might. */
function leakyEmbedder(inner: Embedder, token: () => string): Embedder {
  return {
    ...inner,
    countTokens: (text) => inner.countTokens(text),
    embedPassages: (texts) => inner.embedPassages(texts),
    dispose: () => inner.dispose(),
    async embedQuery(text) {
      if (leakToken) throw new Error(`request failed: Authorization: Bot ${token()}`);
      return inner.embedQuery(text);
    },
  };
}

beforeAll(async () => {
  const users = Array.from({ length: 20 }, (_, i) => ({ username: `member${i}` }));
  let token = '';
  harness = await startHarness({
    root: await tempDir(),
    corpusDir: ESSAYS_DIR,
    embedder: leakyEmbedder(await testEmbedder(), () => token),
    fake: { users, guilds: [{ name: 'Guild A' }, { name: 'Guild B' }] },
    env: { REINDEX_GUILDS: '100000000000000001' },
  });
  token = harness.discord.token;
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const guildA = () => harness.discord.guilds[0]!;
const guildB = () => harness.discord.guilds[1]!;
const user = () => harness.discord.users[next++]!.id;
const inGuild = (guild: { id: string; channelIds: string[] }) => ({ guildId: guild.id, channelId: guild.channelIds[0]! });

describe('secrets', () => {
  it('GIVEN an error that quotes the bot token THEN neither the log nor any message sent shows it', async () => {
    leakToken = true;
    const reply = await harness.discord
      .sendCommand({ name: 'ask', user: user(), ...inGuild(guildA()), options: [{ name: 'question', type: 3, value: 'Who is Kellogg?' }] })
      .reply();
    leakToken = false;
    expect(reply.message.content).toMatch(/^Sorry, something went wrong on my side/);
    const token = harness.discord.token;
    expect(harness.logs.some((line) => line.includes('request failed: Authorization: Bot [redacted]'))).toBe(true);
    expect(harness.logs.filter((line) => line.includes(token))).toEqual([]);
    expect(harness.discord.requests.filter((request) => JSON.stringify(request.body ?? '').includes(token))).toEqual([]);
  });
});

describe('moderator permissions', () => {
  it('GIVEN a member without Manage Server THEN /reindex and /config changes are refused', async () => {
    for (const options of [[], [{ name: 'full', type: 5, value: true }]]) {
      const reply = await harness.discord.sendCommand({ name: 'reindex', user: user(), ...inGuild(guildA()), memberPermissions: '0', options }).reply();
      expect(reply.message.content).toContain('Only moderators');
    }
    const change = [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 0 }] }];
    const reply = await harness.discord.sendCommand({ name: 'config', user: user(), ...inGuild(guildA()), memberPermissions: '0', options: change }).reply();
    expect(reply.message.content).toContain('Only moderators');
    const settings = await harness.guilds.settings(guildA().id);
    expect(settings.settings.cooldownSeconds).toBe(15);
  });

  it('GIVEN REINDEX_GUILDS THEN a moderator of another server cannot rebuild the shared index', async () => {
    const reply = await harness.discord.sendCommand({ name: 'reindex', user: user(), ...inGuild(guildB()), memberPermissions: MANAGE_GUILD }).reply();
    expect(reply.message.content).toContain('managed by the bot’s operators');
  });
});

describe('servers are kept apart', () => {
  it('GIVEN /config in one server THEN the other server’s settings and /stats are untouched', async () => {
    const moderator = user();
    const cooldown = [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 99 }] }];
    await harness.discord.sendCommand({ name: 'config', user: moderator, ...inGuild(guildA()), memberPermissions: MANAGE_GUILD, options: cooldown }).reply();
    const show = [{ name: 'show', type: 1, options: [] }];
    const inB = await harness.discord.sendCommand({ name: 'config', user: moderator, ...inGuild(guildB()), memberPermissions: MANAGE_GUILD, options: show }).reply();
    expect(inB.message.embeds[0]?.fields?.find((field) => field.name === 'Cooldown')?.value).toBe('15 s per member');

    await harness.discord.sendCommand({ name: 'ask', user: user(), ...inGuild(guildA()), options: [{ name: 'question', type: 3, value: 'Who is Dmitriev?' }] }).reply();
    const statsB = await harness.discord.sendCommand({ name: 'stats', user: moderator, ...inGuild(guildB()), memberPermissions: MANAGE_GUILD }).reply();
    expect(statsB.message.embeds[0]?.fields?.find((field) => field.name === 'Questions')?.value).toBe('0');
    const statsA = await harness.discord.sendCommand({ name: 'stats', user: moderator, ...inGuild(guildA()), memberPermissions: MANAGE_GUILD }).reply();
    expect(Number(statsA.message.embeds[0]?.fields?.find((field) => field.name === 'Questions')?.value)).toBeGreaterThanOrEqual(1);
  });
});

describe('references cannot reach outside the index', () => {
  it.each(['../../../etc/passwd#p1', '..%2F..%2Fsecrets#p1', 'trump-putin-call#p0', 'trump-putin-call#p999999'])('GIVEN /passage ref %s THEN a short notice, no file', async (ref) => {
    const reply = await harness.discord.sendCommand({ name: 'passage', user: user(), ...inGuild(guildA()), options: [{ name: 'ref', type: 3, value: ref }] }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/^(That is not a passage reference|There is no (paragraph|essay))/);
    expect(reply.message.content).not.toMatch(/root:|ENOENT|at .*\.ts/);
  });
});
