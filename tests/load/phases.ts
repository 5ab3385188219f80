// The measured phases: a burst, a burst during a full reindex, and a steady-rate soak.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MANAGE_GUILD } from '../support/bot-harness.js';
import type { FakeDiscord, FakeInteraction } from '../support/fake-discord/index.js';
import type { BotHandle } from './bot-handle.js';
import type { BotPhaseStats, MemorySample } from './protocol.js';
import { round, slope } from './stats.js';
import { answerElapsedMs, settle, summarize, type AskTraffic, type QuestionSummary } from './traffic.js';

/** How long to wait for the last answers after the last question was sent. */
const SETTLE_MS = 120_000;
const MEMORY_SAMPLE_EVERY_MS = 10_000;
/** Soak samples taken before this are warm-up: caches and JIT still filling, so left out of the leak fit. */
const SOAK_WARM_UP_MS = 30_000;

export interface LoadContext {
  readonly discord: FakeDiscord;
  readonly bot: BotHandle;
  readonly traffic: AskTraffic;
  readonly moderator: string;
  readonly heartbeatIntervalMs: number;
}

export interface PhaseResult {
  readonly durationS: number;
  readonly questions: QuestionSummary;
  readonly bot: BotPhaseStats;
  readonly gateway: {
    /** Heartbeats the fake received (and acknowledged at once), and about how many the interval calls for. */
    readonly heartbeatsReceived: number;
    readonly heartbeatsExpected: number;
    readonly identifies: number;
    readonly resumes: number;
    readonly noneMissed: boolean;
  };
  readonly violations: { readonly count: number; readonly byKind: Record<string, number>; readonly first: string[] };
  /** REST requests the bot made, and how many the fake answered with 429 (it only does when told to). */
  readonly rest: { readonly requests: number; readonly rateLimited: number };
  /** The driver's own event-loop delay: if high, the fake's timestamps (and so the latencies) are late too. */
  readonly driverLagMaxMs: number;
  readonly memoryAfter: MemorySample;
}

/** Runs `work` with the bot's meters reset, then collects what the bot, the fake and the driver saw. */
async function measure(context: LoadContext, work: () => Promise<FakeInteraction[]>): Promise<PhaseResult> {
  const { discord, bot, heartbeatIntervalMs } = context;
  const before = {
    violations: discord.violations.length,
    requests: discord.requests.length,
    heartbeats: discord.heartbeats,
    identifies: discord.identifies,
    resumes: discord.resumes,
  };
  const driverLag = monitorEventLoopDelay({ resolution: 10 });
  driverLag.enable();
  await bot.startPhase();
  const started = performance.now();
  const interactions = await work();
  const durationMs = performance.now() - started;
  const botStats = await bot.endPhase();
  driverLag.disable();

  const violations = discord.violations.slice(before.violations);
  const requests = discord.requests.slice(before.requests);
  const byKind: Record<string, number> = {};
  for (const violation of violations) byKind[violation.kind] = (byKind[violation.kind] ?? 0) + 1;
  const heartbeats = botStats.heartbeats;
  const gateway = {
    heartbeatsReceived: discord.heartbeats - before.heartbeats,
    heartbeatsExpected: Math.floor(durationMs / heartbeatIntervalMs),
    identifies: discord.identifies - before.identifies,
    resumes: discord.resumes - before.resumes,
  };
  const noneMissed =
    heartbeats.zombieCloses === 0 && heartbeats.reconnects === 0 && gateway.identifies === 0 && gateway.resumes === 0 &&
    heartbeats.maxGapMs < 2 * heartbeatIntervalMs && gateway.heartbeatsReceived >= gateway.heartbeatsExpected - 1;
  return {
    durationS: round(durationMs / 1000),
    questions: summarize(interactions),
    bot: botStats,
    gateway: { ...gateway, noneMissed },
    violations: { count: violations.length, byKind, first: violations.slice(0, 5).map((v) => `${v.kind}: ${v.request}: ${v.detail}`) },
    rest: { requests: requests.length, rateLimited: requests.filter((request) => request.status === 429).length },
    driverLagMaxMs: round(Math.max(0, driverLag.max / 1e6 - 10)),
    memoryAfter: await bot.sampleMemory(),
  };
}

export interface BurstResult extends PhaseResult {
  /** How long the driver took to dispatch the whole burst. */
  readonly dispatchMs: number;
}

/** `count` questions sent back to back; waits for every answer (or SETTLE_MS). */
export async function runBurst(context: LoadContext, count: number): Promise<BurstResult> {
  let dispatchMs = 0;
  const result = await measure(context, async () => {
    const sending = performance.now();
    const interactions = context.traffic.burst(count);
    dispatchMs = round(performance.now() - sending);
    await settle(interactions, SETTLE_MS);
    return interactions;
  });
  return { ...result, dispatchMs };
}

export interface ReindexResult extends PhaseResult {
  readonly reindex: { readonly ackMs?: number; readonly doneMs?: number; readonly lastAnswerMs?: number; readonly report: string };
}

/** A moderator's `/reindex full:true`, immediately followed by `count` questions. */
export async function runReindexBurst(context: LoadContext, count: number): Promise<ReindexResult> {
  let reindex: FakeInteraction | undefined;
  const result = await measure(context, async () => {
    const full = [{ name: 'full', type: 5, value: true }];
    reindex = context.discord.sendCommand({ name: 'reindex', user: context.moderator, memberPermissions: MANAGE_GUILD, options: full });
    const interactions = context.traffic.burst(count);
    await settle([reindex, ...interactions], SETTLE_MS);
    return interactions;
  });
  const report = reindex?.visibleReply?.message;
  return {
    ...result,
    reindex: {
      ackMs: reindex?.callback?.elapsedMs,
      doneMs: reindex ? answerElapsedMs(reindex) : undefined,
      lastAnswerMs: result.questions.answerMs.max,
      report: (report?.embeds[0]?.description ?? report?.content ?? 'no reply').split('\n')[0] ?? '',
    },
  };
}

export interface SoakMemory {
  readonly samples: (MemorySample & { readonly atS: number })[];
  readonly warmUpS: number;
  readonly rssMb: { readonly start: number; readonly end: number; readonly max: number; readonly growthPerMin: number };
  readonly heapUsedMb: { readonly start: number; readonly end: number; readonly max: number; readonly growthPerMin: number };
}

export interface SoakResult extends PhaseResult {
  readonly ratePerSecond: number;
  readonly memory: SoakMemory;
}

/** `perSecond` questions a second for `minutes`, with the bot's memory sampled every MEMORY_SAMPLE_EVERY_MS. */
export async function runSoak(context: LoadContext, minutes: number, perSecond: number): Promise<SoakResult> {
  const samples: SoakMemory['samples'] = [];
  const result = await measure(context, async () => {
    const started = performance.now();
    const sample = async () => {
      const atS = round((performance.now() - started) / 1000);
      samples.push({ atS, ...(await context.bot.sampleMemory()) });
    };
    const sampling = [sample()];
    const sampler = setInterval(() => sampling.push(sample()), MEMORY_SAMPLE_EVERY_MS);
    const interactions = await context.traffic.steady(perSecond, minutes * 60_000);
    clearInterval(sampler);
    await Promise.all(sampling);
    await settle(interactions, SETTLE_MS);
    return interactions;
  });
  return { ...result, ratePerSecond: perSecond, memory: soakMemory(samples) };
}

function soakMemory(samples: SoakMemory['samples']): SoakMemory {
  const warmedUp = samples.filter((sample) => sample.atS * 1000 >= SOAK_WARM_UP_MS);
  const series = warmedUp.length >= 2 ? warmedUp : samples;
  const describe = (value: (sample: MemorySample) => number) => ({
    start: value(series[0] ?? { rssMb: NaN, heapUsedMb: NaN, gcMs: null }),
    end: value(series.at(-1) ?? { rssMb: NaN, heapUsedMb: NaN, gcMs: null }),
    max: Math.max(...series.map(value)),
    growthPerMin: round(slope(series.map((sample) => ({ x: sample.atS / 60, y: value(sample) }))), 2),
  });
  return { samples, warmUpS: round((series[0]?.atS ?? 0)), rssMb: describe((s) => s.rssMb), heapUsedMb: describe((s) => s.heapUsedMb) };
}
