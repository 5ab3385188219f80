import path from 'node:path';
import { type Config, parseConfig } from '../../src/config/load-config.js';
import { createLogger, type Logger } from '../../src/core/logger.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { createDiscordClient } from '../../src/discord/client.js';
import { registerCommands } from '../../src/discord/register.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { GuildStore } from '../../src/guild/guild-store.js';
import { EngineHolder } from '../../src/runtime/engine-holder.js';
import { BotMetrics } from '../../src/runtime/metrics.js';
import { readCalibration } from '../../src/runtime/read-calibration.js';
import { reindex } from '../../src/runtime/reindex.js';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord/index.js';
import { memberWordingProblems } from './member-wording.js';
import { testWordVectors } from './word-vectors.js';
import { REPO_ROOT, TEST_MODEL_DIR } from './paths.js';

export interface Harness {
  readonly discord: FakeDiscord;
  readonly bot: RunningBot;
  readonly engines: EngineHolder;
  readonly config: Config;
  readonly metrics: BotMetrics;
  readonly guilds: GuildStore;
  /** Every log line the bot wrote, as JSON text. */
  readonly logs: string[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly root: string;
  readonly corpusDir: string;
  readonly embedder: Embedder | null;
  readonly env?: Record<string, string>;
  /** Reuse a running fake Discord (to restart the bot against it). */
  readonly discord?: FakeDiscord;
  readonly fake?: FakeDiscordOptions;
}

/** The real bot wiring (client, handlers, engine, stores) against a loopback fake Discord and a test index. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const discord = options.discord ?? (await FakeDiscord.start(options.fake));
  const parsed = parseConfig({
    CORPUS_DIR: options.corpusDir,
    INDEX_DIR: path.join(options.root, 'index'),
    DATA_DIR: path.join(options.root, 'data'),
    EMBEDDING_MODEL: TEST_MODEL_DIR,
    CALIBRATION_FILE: path.join(REPO_ROOT, 'eval/calibration.json'),
    DISCORD_TOKEN: discord.token,
    DISCORD_API_BASE: discord.restApi,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const config = parsed.value;
  const logs: string[] = [];
  const logger: Logger = createLogger({
    level: 'debug',
    secrets: [config.DISCORD_TOKEN],
    destination: { write: (line: string) => logs.push(line) },
  });

  const words = await testWordVectors();
  const built = await reindex(config, { embedder: options.embedder, words }, { full: false, logger });
  if (!built.ok) throw new Error(built.error.message);
  const engines = new EngineHolder(config, { embedder: options.embedder, words, calibration: await readCalibration(config.CALIBRATION_FILE, logger), logger });
  const loaded = await engines.load();
  if (!loaded.ok) throw new Error(loaded.error.message);
  await engines.keywordsLoaded;
  await registerCommands(config);

  const metrics = new BotMetrics();
  const guilds = new GuildStore(config.DATA_DIR);
  const bot = await startBot(createDiscordClient(config), { config, logger, engines, guilds, metrics });
  await discord.waitForReady();
  return {
    discord,
    bot,
    engines,
    config,
    metrics,
    guilds,
    logs,
    /**
     * Stops the bot, then checks every message it sent in this harness's life
     * against the rule for member-facing words, so each suite that drives the bot
     * also proves that no member was shown a CLI command or a lower-case sentence.
     */
    async stop() {
      await bot.stop(5_000);
      const problems = memberWordingProblems(discord.botMessages());
      if (!options.discord) await discord.stop();
      if (problems.length > 0) throw new Error(`members were shown maintainer wording:\n${problems.join('\n')}`);
    },
  };
}

export const MANAGE_GUILD = (1n << 5n).toString();
