import { buildProgress } from './cli/progress.js';
import { parseConfig, readDotenvFile } from './config/load-config.js';
import { formatError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { scrubSecrets } from './core/secrets.js';
import { startBot } from './discord/bot.js';
import { createDiscordClient } from './discord/client.js';
import { loginFailureExitCode } from './discord/login-failure.js';
import { GuildStore } from './guild/guild-store.js';
import { startHealthServer } from './runtime/health-server.js';
import { BotMetrics } from './runtime/metrics.js';
import { prepareEngine } from './runtime/prepare.js';
import { stopWhenOrphaned } from './runtime/process-guards.js';
import { Shutdown } from './runtime/shutdown.js';
import { runTerminalChat } from './runtime/terminal-chat.js';

/** In-flight answers get this long to finish on shutdown. */
const DRAIN_MS = 10_000;

readDotenvFile();
const config = parseConfig(process.env);
if (!config.ok) {
  process.stderr.write(scrubSecrets(`citebot: ${formatError(config.error)}\n`));
  process.exit(2);
}
const settings = config.value;
const logger = createLogger({ level: settings.LOG_LEVEL, secrets: [settings.DISCORD_TOKEN] });
const shutdown = new Shutdown(logger);
// Started by `npm start` and npm killed: stop as if told to, rather than run on unseen.
stopWhenOrphaned(() => process.kill(process.pid, 'SIGTERM'));

const prepared = await prepareEngine(settings, logger, buildProgress(logger));
if (!prepared.ok) {
  process.stderr.write(`citebot: ${formatError(prepared.error)}\n`);
  process.exit(1);
}
const { engines, embedder } = prepared.value;
shutdown.add(() => embedder?.dispose());
shutdown.add(engines.watch());

if (!settings.DISCORD_TOKEN) {
  await runTerminalChat(engines, process.stdin, process.stdout);
  await shutdown.run();
} else {
  const metrics = new BotMetrics();
  const track = () => {
    const current = engines.current();
    metrics.indexChunks.set(current?.index.library.chunkCount ?? 0);
    metrics.keywordMode.set(current?.engine.mode === 'keyword' ? 1 : 0);
  };
  engines.onSwap(track);
  track();

  const client = createDiscordClient(settings);
  const bot = await startBot(client, { config: settings, logger, engines, guilds: new GuildStore(settings.DATA_DIR), metrics }).catch(
    (error: unknown) => {
      logger.fatal({ err: error }, 'could not connect to Discord');
      process.exit(loginFailureExitCode(error));
    },
  );
  shutdown.add(() => bot.stop(DRAIN_MS));

  if (settings.HEALTH_PORT !== undefined) {
    const health = await startHealthServer(
      { port: settings.HEALTH_PORT, host: settings.HEALTH_HOST },
      () => {
        const current = engines.current();
        const connected = bot.isConnected();
        return {
          ready: current !== undefined && connected,
          details: { gateway: connected ? 'connected' : 'disconnected', mode: current?.engine.mode ?? null, index: current?.index.manifest.buildId ?? null },
        };
      },
      metrics,
    );
    shutdown.add(() => new Promise((resolve) => health.close(resolve)));
    logger.info({ host: settings.HEALTH_HOST, port: settings.HEALTH_PORT }, 'health and metrics server listening');
  }
}
