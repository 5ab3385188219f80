import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { freePort } from '../support/free-port.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { runCli, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('the model cannot be loaded at start', () => {
  it('GIVEN an existing vector index and no model THEN the bot answers by words and their near words, shown in /sources and /healthz', async () => {
    const root = await tempDir();
    const discord = await FakeDiscord.start();
    const port = await freePort();
    const base = { CORPUS_DIR: ESSAYS_DIR, INDEX_DIR: path.join(root, 'index'), DATA_DIR: path.join(root, 'data') };
    let bot: ReturnType<typeof startEntryPoint> | undefined;
    try {
      expect((await runCli(['index'], base)).code).toBe(0);
      const env = {
        ...base,
        EMBEDDING_MODEL: path.join(root, 'model-that-is-not-there/a/b'),
        MODEL_CACHE_DIR: root,
        DISCORD_TOKEN: discord.token,
        DISCORD_API_BASE: discord.restApi,
        HEALTH_PORT: String(port),
        LOG_LEVEL: 'info',
      };
      expect((await startEntryPoint('src/register.ts', env).exited())).toBe(0);
      bot = startEntryPoint('src/main.ts', env);
      await bot.waitForOutput(/connected to Discord/);
      expect(bot.output()).toMatch(/could not be loaded .* Answering from keyword search only/);
      // The vectors were kept for when the model is back.
      expect(bot.output()).toContain('would replace its vectors with a keyword-only index');

      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { mode: string };
      // Without the model, the committed word-vector table still matches words by meaning (lexical mode).
      expect(health.mode).toBe('lexical');
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^citebot_keyword_only 0$/m);
      const sources = await discord.sendCommand({ name: 'sources' }).reply();
      expect(sources.message.embeds[0]?.footer?.text).toMatch(/^Search by words and their near words \(word vectors, no model\)/);
      const answer = await discord.sendCommand({ name: 'ask', options: [{ name: 'question', type: 3, value: 'Who is Kirill Dmitriev?' }] }).reply();
      expect(answer.message.embeds[0]?.footer?.text).toMatch(/^Quotes are verbatim( · page 1\/\d+)?$/);
      expect(answer.message.embeds[0]?.description).toContain('Dmitriev');
      bot.child.kill('SIGTERM');
      expect(await bot.exited()).toBe(0);
      expect(JSON.parse((await runCli(['sources', '--json'], base)).stdout).model).toBe('tests/fixtures/model');
    } finally {
      // A failed expectation must not leave the bot running after the test.
      if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
      await discord.stop();
    }
  }, 60_000);
});
