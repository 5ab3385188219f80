import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Routes, ShardingManager } from 'discord.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../core/logger.js';
import { restClient } from './rest-client.js';
import { within } from '../core/within.js';

/** Each shard is a whole citebot (src/main.ts) in a child process, which needs the TypeScript loader too. */
const SHARD_ENTRY = fileURLToPath(new URL('../main.ts', import.meta.url));
/** A shard counts as started once connected, which includes loading the model and the index. */
const SPAWN_TIMEOUT_MS = 180_000;

export interface RunningShards {
  /** Settles once every shard is connected; rejects if one cannot start. */
  readonly started: Promise<void>;
  /**
   * Stops respawning, asks every shard to drain and exit (SIGTERM, unless they
   * got the signal themselves: Ctrl+C reaches the whole process group), and
   * waits up to `timeoutMs` before killing the rest.
   */
  stop(timeoutMs: number, options?: { readonly signalShards: boolean }): Promise<void>;
}

/**
 * The sharding launcher (`npm run start:shards`): discord.js's ShardingManager
 * starting one process per shard, one after another as Discord's identify limit
 * asks. Discord sends each server's events to shard (server id >> 22) % shards
 * and DMs to shard 0, so every server's state lives in exactly one process.
 */
export async function launchShards(config: Config, logger: Logger): Promise<RunningShards> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const totalShards = config.TOTAL_SHARDS === 'auto' ? await recommendedShardCount(config, token) : config.TOTAL_SHARDS;
  const manager = new ShardingManager(SHARD_ENTRY, { token, totalShards, execArgv: ['--import', 'tsx'], mode: 'process', respawn: true });
  manager.on('shardCreate', (shard) => {
    // Each shard serves its own /healthz and /metrics: HEALTH_PORT, HEALTH_PORT + 1, …
    if (config.HEALTH_PORT) (shard.env as NodeJS.ProcessEnv).HEALTH_PORT = String(config.HEALTH_PORT + shard.id);
    shard.on('spawn', () => logger.info({ shard: shard.id, totalShards }, 'shard started'));
    shard.on('death', (child) => logger.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : null }, 'shard exited'));
  });
  logger.info({ totalShards }, 'starting shards');
  const started = manager.spawn({ amount: totalShards, timeout: SPAWN_TIMEOUT_MS }).then(() => logger.info({ totalShards }, 'every shard is connected'));
  return { started, stop: (timeoutMs, options) => stopShards(manager, timeoutMs, options?.signalShards ?? true) };
}

/** How many shards Discord recommends for the bot's server count (through DISCORD_API_BASE when set). */
async function recommendedShardCount(config: Config, token: string): Promise<number> {
  const rest = restClient(config, token);
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, gateway.shards);
}

async function stopShards(manager: ShardingManager, timeoutMs: number, signalShards: boolean): Promise<void> {
  manager.respawn = false;
  const children = [...manager.shards.values()].flatMap((shard) => (shard.process && shard.process.exitCode === null ? [shard.process] : []));
  const exited = children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  if (signalShards) for (const child of children) child.kill('SIGTERM');
  if ((await within(Promise.all(exited), timeoutMs)) === 'late') for (const child of children) killIfRunning(child);
}

function killIfRunning(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
