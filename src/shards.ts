import { parseConfig, readDotenvFile } from './config/load-config.js';
import { formatError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { launchShards } from './discord/sharding.js';
import { scrubSecrets } from './core/secrets.js';

/** Shards get this long to drain their answers (10 s each, in parallel) before they are killed. */
const STOP_MS = 15_000;

/** `npm run start:shards`: one citebot process per shard, for a bot in thousands of servers. */
readDotenvFile();
const config = parseConfig(process.env);
if (!config.ok) {
  // A token pasted on the wrong line must not reach the terminal (as in main.ts and register.ts).
  process.stderr.write(scrubSecrets(`citebot: ${formatError(config.error)}\n`));
  process.exit(2);
}
if (!config.value.DISCORD_TOKEN) {
  process.stderr.write('citebot: the shard launcher runs the Discord bot; set DISCORD_TOKEN (or use `npm start` for the terminal chat).\n');
  process.exit(2);
}
const logger = createLogger({ level: config.value.LOG_LEVEL, secrets: [config.value.DISCORD_TOKEN] });

const shards = await launchShards(config.value, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'the shards could not be started');
  process.exit(1);
});

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ signal }, 'stopping every shard');
  // Ctrl+C already reached every shard (one process group); a second signal would make them skip draining.
  void shards.stop(STOP_MS, { signalShards: signal === 'SIGTERM' }).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await shards.started.catch(async (error: unknown) => {
  if (stopping) return;
  logger.fatal({ err: error }, 'a shard could not be started');
  await shards.stop(STOP_MS);
  process.exit(1);
});
