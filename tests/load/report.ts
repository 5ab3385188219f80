// The load run's output: every figure as JSON, and a summary for people on stdout.
import { writeFile } from 'node:fs/promises';
import type { BurstResult, PhaseResult, ReindexResult, SoakResult } from './phases.js';
import type { Percentiles } from './stats.js';

export interface LoadReport {
  readonly date: string;
  readonly command: string;
  readonly machine: { readonly cpu: string; readonly cores: number; readonly loadAverageAtStart: number[]; readonly memoryGb: number };
  readonly node: string;
  readonly options: { burst: number; users: number; soakMinutes: number; rate: number; skipSoak: boolean };
  readonly heartbeatIntervalMs: number;
  readonly burst: BurstResult;
  readonly reindex: ReindexResult;
  readonly soak: SoakResult | undefined;
}

export async function writeReport(file: string, report: LoadReport): Promise<void> {
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : `${Math.round(value)} ms`);
const spread = (p: Percentiles) => `p50 ${ms(p.p50)} · p95 ${ms(p.p95)} · p99 ${ms(p.p99)} · max ${ms(p.max)}`;
const row = (label: string, value: string) => `  ${label.padEnd(26)} ${value}`;
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([key, count]) => `${count}× "${key}"`)
    .join(', ') || 'none';

function phaseLines(title: string, phase: PhaseResult, heartbeatIntervalMs: number): string[] {
  const { questions: q, bot, gateway, violations } = phase;
  const lag = bot.lagMs;
  const heartbeats = bot.heartbeats;
  return [
    `${title} (${phase.durationS} s)`,
    row('acknowledged within 3 s', `${q.acknowledgedWithin3s}/${q.sent} (deferred ${q.deferred}; interaction-expired ${violations.byKind['interaction-expired'] ?? 0})`),
    row('answers delivered', `${q.answersDelivered}/${q.sent} (no reply ${q.noReply}; other replies: ${counts(q.otherReplies)})`),
    row('answer latency', spread(q.answerMs)),
    row('ack latency', spread(q.ackMs)),
    row('bot event-loop lag', `p50 ${lag.p50} ms · p99 ${lag.p99} ms · max ${lag.max} ms (max without forced GCs ${lag.maxExcludingForcedGc} ms)`),
    row('bot peak RSS', `${bot.peakRssMb} MB (process high-water mark ${bot.lifetimeMaxRssMb} MB)`),
    row(
      'gateway heartbeats',
      `${heartbeats.acked} acknowledged, fake received ${gateway.heartbeatsReceived} (~${gateway.heartbeatsExpected} expected at ${heartbeatIntervalMs / 1000} s); ` +
        `longest gap ${ms(heartbeats.maxGapMs)}, slowest ack ${ms(heartbeats.maxAckLatencyMs)}; ` +
        `zombie closes ${heartbeats.zombieCloses}, reconnects ${heartbeats.reconnects + gateway.identifies + gateway.resumes} — ${gateway.noneMissed ? 'none missed' : 'MISSED'}`,
    ),
    row('bot REST requests', `${phase.rest.requests} (answered 429 by the fake: ${phase.rest.rateLimited})`),
    row('violations', violations.count === 0 ? 'none' : `${violations.count}: ${counts(violations.byKind)}; first: ${violations.first.join(' | ')}`),
    row('bot log', `warnings: ${counts(bot.logWarnings)}; errors: ${counts(bot.logErrors)}`),
    row('heap after phase (GC)', `${phase.memoryAfter.heapUsedMb} MB, RSS ${phase.memoryAfter.rssMb} MB`),
    row('driver event-loop max', `${phase.driverLagMaxMs} ms (the fake's clock; high values would delay its timestamps)`),
  ];
}

export function printSummary(report: LoadReport): void {
  const { burst, reindex, soak, heartbeatIntervalMs: interval } = report;
  const lines = [
    `citebot load run — ${report.date}`,
    `command: ${report.command}`,
    `machine: ${report.machine.cpu} ×${report.machine.cores}, ${report.machine.memoryGb} GB, load average at start ${report.machine.loadAverageAtStart.join(' ')}; Node ${report.node}`,
    '',
    ...phaseLines(`BURST: ${report.options.burst} /ask from ${report.options.users} members, dispatched in ${Math.round(burst.dispatchMs)} ms`, burst, interval),
    '',
    ...phaseLines(`REINDEX: /reindex full:true during a burst of ${reindex.questions.sent} /ask`, reindex, interval),
    row('reindex', `acknowledged ${ms(reindex.reindex.ackMs)}, finished ${ms(reindex.reindex.doneMs)} (last answer ${ms(reindex.reindex.lastAnswerMs)}): ${reindex.reindex.report}`),
  ];
  if (soak) {
    const { rssMb: rss, heapUsedMb: heap } = soak.memory;
    lines.push(
      '',
      ...phaseLines(`SOAK: ${soak.ratePerSecond}/s for ${report.options.soakMinutes} min`, soak, interval),
      row('RSS (every 10 s)', `start ${rss.start} MB · end ${rss.end} MB · max ${rss.max} MB · growth ${rss.growthPerMin} MB/min`),
      row('heap used (after GC)', `start ${heap.start} MB · end ${heap.end} MB · max ${heap.max} MB · growth ${heap.growthPerMin} MB/min`),
      row('', `(${soak.memory.samples.length} samples; start = first after ${soak.memory.warmUpS} s of warm-up; growth = least-squares slope; slowest forced GC ${soak.bot.forcedGcMaxMs} ms)`),
    );
  } else {
    lines.push('', 'SOAK: skipped (--skip-soak)');
  }
  console.log(lines.join('\n'));
}
