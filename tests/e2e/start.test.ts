import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { freePort } from '../support/free-port.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { botProcessEnv, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('npm start', () => {
  it('GIVEN no DISCORD_TOKEN and a fresh index folder THEN it builds the index and answers typed questions in the terminal', async () => {
    const root = await tempDir();
    const app = startEntryPoint('src/main.ts', { CORPUS_DIR: ESSAYS_DIR, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'info' });
    await app.waitForOutput(/Ask about the essays/);
    expect(app.output()).toContain('No DISCORD_TOKEN is set');
    app.child.stdin?.end('Who is Kirill Dmitriev?\n');
    expect(await app.exited()).toBe(0);
    expect(app.output()).toMatch(/> .*Kirill Dmitriev, CEO of the Russian Direct Investment Fund/);
    expect(app.output()).toContain('trump-putin-call#p15');
    expect(app.output()).toMatch(/"msg":"embedding progress"/);
  }, 60_000);

  it('GIVEN a token THEN `npm run register` then `npm start` serve Discord, /healthz, /metrics, and SIGTERM shuts down cleanly', async () => {
    const discord = await FakeDiscord.start();
    const root = await tempDir();
    const port = await freePort();
    const env = botProcessEnv(discord, root, { DISCORD_GUILD_ID: discord.guilds[0]!.id, HEALTH_PORT: String(port) });
    try {
      const register = startEntryPoint('src/register.ts', env);
      expect(await register.exited()).toBe(0);
      expect(register.output()).toMatch(/Registered 7 commands \(\/ask, \/passage, \/sources, \/reindex, \/config, \/stats, “Find in essays”\) in server \d+/);

      const bot = startEntryPoint('src/main.ts', env);
      await bot.waitForOutput(/connected to Discord/);
      await discord.waitForReady();
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', gateway: 'connected', mode: 'fused' });

      const reply = await discord.sendCommand({ name: 'ask', options: [{ name: 'question', type: 3, value: 'Who is Keith Kellogg?' }] }).reply();
      expect(reply.message.embeds[0]?.description).toContain('Kellogg');
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/citebot_questions_total\{source="slash",outcome="answered"\} 1/);
      expect(metrics).toMatch(/citebot_answer_duration_seconds_count 1/);

      bot.child.kill('SIGTERM');
      expect(await bot.exited()).toBe(0);
      expect(bot.output()).toContain('"msg":"shutting down"');
      expect(bot.output()).not.toContain(discord.token);
    } finally {
      await discord.stop();
    }
  }, 60_000);

  it('GIVEN a token Discord rejects THEN start-up logs one fatal line and exits 78 so supervisors stop restarting', async () => {
    const discord = await FakeDiscord.start();
    const root = await tempDir();
    try {
      const bot = startEntryPoint('src/main.ts', {
        CORPUS_DIR: ESSAYS_DIR,
        INDEX_DIR: path.join(root, 'index'),
        DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.bad.token',
        DISCORD_API_BASE: discord.restApi,
        LOG_LEVEL: 'info',
      });
      expect(await bot.exited()).toBe(78);
      expect(bot.output()).toMatch(/"level":60,.*"msg":"could not connect to Discord"/);
      expect(bot.output()).not.toContain('MTIzNDU2Nzg5MDEyMzQ1Njc4.bad.token');
    } finally {
      await discord.stop();
    }
  }, 60_000);

  it('GIVEN SIGTERM while the index is still being built THEN the process stops promptly and cleanly', async () => {
    const root = await tempDir();
    const app = startEntryPoint('src/main.ts', { CORPUS_DIR: ESSAYS_DIR, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'info' });
    await app.waitForOutput(/"msg":"embedding chunks"|Ask about the essays/);
    const signalled = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exited()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(app.output()).toContain('"msg":"shutting down"');
  }, 60_000);
});
