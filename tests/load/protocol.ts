// Messages between the load driver (parent process: fake Discord + simulated users) and the bot under load
// (child process). Each request carries an id; the child answers it with the same id.

/** What the bot process needs to connect to the fake Discord that runs in the driver. */
export interface BotProcessArgs {
  readonly token: string;
  readonly restApi: string;
  /** A scratch folder for the bot's index and guild data. */
  readonly root: string;
}

export type BotRequest =
  | { readonly id: number; readonly kind: 'phase-start' }
  | { readonly id: number; readonly kind: 'phase-end' }
  | { readonly id: number; readonly kind: 'memory-sample' }
  | { readonly id: number; readonly kind: 'stop' };

export type BotMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'reply'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'failed'; readonly id?: number; readonly error: string };

/** Event-loop delay beyond the monitor's sampling interval, in ms. */
export interface LagMs {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Max of the phase without the measurement's own forced GCs (see bot-process.ts). */
  readonly maxExcludingForcedGc: number;
  readonly samples: number;
}

export interface HeartbeatStats {
  /** HEARTBEAT_ACKs the bot received (discord.js "heartbeat" events). */
  readonly acked: number;
  readonly maxAckLatencyMs: number;
  /** Longest time between two acknowledged heartbeats, carried across phases. */
  readonly maxGapMs: number;
  /** discord.js closes a connection whose previous heartbeat was never acknowledged ("zombie"). */
  readonly zombieCloses: number;
  readonly reconnects: number;
}

/** What the bot process measured between phase-start and phase-end. */
export interface BotPhaseStats {
  readonly lagMs: LagMs;
  readonly heartbeats: HeartbeatStats;
  readonly peakRssMb: number;
  /** process.resourceUsage().maxRSS: the process's high-water mark since it started. */
  readonly lifetimeMaxRssMb: number;
  readonly forcedGcMaxMs: number;
  /** The bot's warning and error log lines, counted by message. */
  readonly logWarnings: Record<string, number>;
  readonly logErrors: Record<string, number>;
}

export interface MemorySample {
  readonly rssMb: number;
  /** Heap used right after a full GC when --expose-gc is on (otherwise whatever is live plus garbage). */
  readonly heapUsedMb: number;
  readonly gcMs: number | null;
}
