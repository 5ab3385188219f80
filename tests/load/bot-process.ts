// The bot under load, in a process of its own: its event-loop lag, RSS and heap are then the bot's alone, while
// the fake Discord (which keeps every interaction, message and request it ever saw) and the simulated users run
// in the driver process. The wiring is the e2e harness's (startHarness): discord.js client, handlers, engine, stores.
import { Events } from 'discord.js';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startHarness, type Harness } from '../support/bot-harness.js';
import type { FakeDiscord } from '../support/fake-discord/index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { testEmbedder } from '../support/test-embedder.js';
import type { BotMessage, BotPhaseStats, BotProcessArgs, BotRequest, MemorySample } from './protocol.js';
import { mb, round } from './stats.js';

/** The monitor's sampling interval; each sample is this plus the lag, so it is subtracted again. */
const LAG_RESOLUTION_MS = 10;
const RSS_POLL_MS = 100;
const PINO_WARN = 40;

const send = (message: BotMessage) => process.send?.(message);
const lagOf = (nanoseconds: number) => round(Math.max(0, nanoseconds / 1e6 - LAG_RESOLUTION_MS));
const newLagMonitor = () => {
  const monitor = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  monitor.enable();
  return monitor;
};

/** Counters that start again at each phase-start. */
const freshCounts = () => ({
  peakRss: 0,
  forcedGcMaxMs: 0,
  acked: 0,
  maxAckLatencyMs: 0,
  maxGapMs: 0,
  zombieCloses: 0,
  reconnects: 0,
  /** Warning and error log lines, counted by message. */
  logWarnings: {} as Record<string, number>,
  logErrors: {} as Record<string, number>,
});

/** Everything measured since the last phase-start. */
class PhaseMeters {
  // Two monitors: `lag` sees the whole phase; `window` is paused and reset around each forced GC, so that the
  // measurement's own GC pauses (a production bot never calls gc()) can be told apart from the bot's. (reset() also
  // forgets when the last tick was, so the pause is not counted when it is enabled again.)
  private readonly lag = newLagMonitor();
  private readonly window = newLagMonitor();
  private windowMaxNs = 0;
  private counts = freshCounts();
  /** Kept across phases, so a gap spanning a phase boundary still counts. */
  private lastAckAt: number | undefined;

  constructor(private readonly harness: Harness) {
    const client = harness.bot.client;
    // discord.js logs each HEARTBEAT_ACK as a debug line; the raw event is not exposed on the client.
    client.on(Events.Debug, (line) => {
      const ack = /Heartbeat acknowledged, latency of (\d+)ms/.exec(line);
      if (ack) this.heartbeatAcked(Number(ack[1]));
      if (/zombie/i.test(line)) this.counts.zombieCloses += 1;
    });
    client.on(Events.ShardReconnecting, () => (this.counts.reconnects += 1));
    setInterval(() => this.poll(), RSS_POLL_MS).unref();
  }

  reset(): void {
    this.lag.reset();
    this.window.reset();
    this.windowMaxNs = 0;
    this.counts = freshCounts();
  }

  stats(): BotPhaseStats {
    this.poll();
    const { peakRss, forcedGcMaxMs, acked, maxAckLatencyMs, maxGapMs, zombieCloses, reconnects, ...logs } = this.counts;
    return {
      lagMs: {
        p50: lagOf(this.lag.percentile(50)),
        p99: lagOf(this.lag.percentile(99)),
        max: lagOf(this.lag.max),
        maxExcludingForcedGc: lagOf(Math.max(this.windowMaxNs, this.window.max)),
        samples: this.lag.count,
      },
      heartbeats: { acked, maxAckLatencyMs, maxGapMs, zombieCloses, reconnects },
      peakRssMb: mb(peakRss),
      lifetimeMaxRssMb: round(process.resourceUsage().maxRSS / 1024),
      forcedGcMaxMs,
      ...logs,
    };
  }

  /** Heap after a full GC, when the process runs with --expose-gc. */
  memorySample(): MemorySample {
    let gcMs: number | null = null;
    if (global.gc) {
      this.windowMaxNs = Math.max(this.windowMaxNs, this.window.max);
      this.window.disable();
      const started = performance.now();
      global.gc();
      gcMs = round(performance.now() - started);
      this.counts.forcedGcMaxMs = Math.max(this.counts.forcedGcMaxMs, gcMs);
      this.window.reset();
      this.window.enable();
    }
    const usage = process.memoryUsage();
    return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), gcMs };
  }

  private heartbeatAcked(latencyMs: number): void {
    const now = Date.now();
    const counts = this.counts;
    if (this.lastAckAt !== undefined) counts.maxGapMs = Math.max(counts.maxGapMs, now - this.lastAckAt);
    this.lastAckAt = now;
    counts.acked += 1;
    counts.maxAckLatencyMs = Math.max(counts.maxAckLatencyMs, latencyMs);
  }

  /** Tracks peak RSS and empties the harness's in-memory log (it would otherwise grow with every question). */
  private poll(): void {
    const counts = this.counts;
    counts.peakRss = Math.max(counts.peakRss, process.memoryUsage.rss());
    for (const line of this.harness.logs.splice(0)) {
      // pino writes the level first; only warnings and errors are worth parsing (debug lines are most of the log).
      const level = Number(/^\{"level":(\d+)/.exec(line)?.[1] ?? 0);
      if (level < PINO_WARN) continue;
      const { msg = '' } = JSON.parse(line) as { msg?: string };
      const tally = level === PINO_WARN ? counts.logWarnings : counts.logErrors;
      tally[msg] = (tally[msg] ?? 0) + 1;
    }
  }
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as BotProcessArgs;
  // startHarness only needs the fake's token, REST address and a READY wait; the fake itself is in the driver,
  // which waits for READY on its side and checks the wording of the messages it received (run.ts).
  const remoteDiscord = { token: args.token, restApi: args.restApi, waitForReady: async () => undefined, botMessages: () => [] } as unknown as FakeDiscord;
  const harness = await startHarness({ root: args.root, corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), discord: remoteDiscord });
  const meters = new PhaseMeters(harness);

  process.on('message', (request: BotRequest) => {
    const reply = (value: unknown) => send({ kind: 'reply', id: request.id, value });
    switch (request.kind) {
      case 'phase-start':
        meters.reset();
        return reply(null);
      case 'phase-end':
        return reply(meters.stats());
      case 'memory-sample':
        return reply(meters.memorySample());
      case 'stop':
        // onnxruntime's thread pool can keep the process alive after the bot stops, hence the exit.
        void harness.stop().finally(() => {
          reply(null);
          setTimeout(() => process.exit(0), 100);
        });
    }
  });
  send({ kind: 'ready' });
}

main().catch((error: unknown) => {
  send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
