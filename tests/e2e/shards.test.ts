import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { registerCommands } from '../../src/discord/register.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { freePort } from '../support/free-port.js';
import { TEST_MODEL_DIR } from '../support/paths.js';
import { botProcessEnv, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** A server id that Discord's (id >> 22) % 2 puts on shard `shard`. */
function serverIdOnShard(shard: number, offsetMs: bigint): string {
  const elapsed = BigInt(Date.now()) - DISCORD_EPOCH_MS - offsetMs;
  const even = elapsed - (elapsed % 2n);
  return ((even + BigInt(shard)) << 22n).toString();
}

describe('npm run start:shards', () => {
  it('GIVEN two shards THEN each connects as its own shard and answers its own server, and SIGTERM stops them all', async () => {
    const guilds = [{ id: serverIdOnShard(0, 1_000n), name: 'Shard zero' }, { id: serverIdOnShard(1, 2_000n), name: 'Shard one' }];
    const discord = await FakeDiscord.start({ users: [{ username: 'alice' }, { username: 'bob' }], guilds });
    const root = await tempDir();
    const port = await freePort();
    const env = botProcessEnv(discord, root, { TOTAL_SHARDS: '2', HEALTH_PORT: String(port) });
    let launcher: ReturnType<typeof startEntryPoint> | undefined;
    try {
      const config = parseConfig({ ...env, EMBEDDING_MODEL: TEST_MODEL_DIR });
      if (!config.ok) throw new Error(config.error.message);
      await registerCommands(config.value);

      launcher = startEntryPoint('src/shards.ts', env);
      await launcher.waitForOutput(/"msg":"every shard is connected"/, 120_000);
      expect(discord.sessionShards).toEqual([
        [0, 2],
        [1, 2],
      ]);

      // Discord delivers each server's interactions to its shard only: both answered means both shards serve.
      const [zero, one] = discord.guilds;
      const ask = (guild: { id: string; channelIds: string[] }, user: string, question: string) =>
        discord.sendCommand({ name: 'ask', user, guildId: guild.id, channelId: guild.channelIds[0]!, options: [{ name: 'question', type: 3, value: question }] }).reply(20_000);
      const [alice, bob] = discord.users.map((user) => user.id);
      const [fromZero, fromOne] = await Promise.all([ask(zero!, alice!, 'Who is Keith Kellogg?'), ask(one!, bob!, 'What did Thomas Graham say?')]);
      expect(fromZero.message.embeds[0]?.description).toContain('Kellogg');
      expect(fromOne.message.embeds[0]?.description).toContain('Graham');
      expect((await readdir(path.join(root, 'data', 'guilds'))).sort()).toEqual([zero!.id, one!.id].sort());

      // Each shard serves its own health port: HEALTH_PORT + shard id.
      for (const shard of [0, 1]) {
        const health = await fetch(`http://127.0.0.1:${port + shard}/healthz`);
        expect(health.status).toBe(200);
      }

      launcher.child.kill('SIGTERM');
      expect(await launcher.exited()).toBe(0);
      expect(launcher.output().match(/"msg":"shutting down"/g)).toHaveLength(2);
      expect(launcher.output()).not.toContain(discord.token);
      expect(discord.violations).toEqual([]);
    } finally {
      // A failed expectation must not leave shards running: SIGTERM makes the launcher stop them.
      if (launcher?.child.exitCode === null) {
        launcher.child.kill('SIGTERM');
        await launcher.exited();
      }
      await discord.stop();
    }
  }, 180_000);
});
