import type { FeedbackEvent, GuildEvent, QuestionEvent } from './events.js';

export interface GuildStats {
  readonly questions: number;
  readonly answered: number;
  readonly abstained: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  /** Most-cited paragraphs, most first. */
  readonly topCited: readonly { readonly ref: string; readonly count: number }[];
  readonly thumbsUp: number;
  readonly thumbsDown: number;
  readonly since: string | null;
}

const TOP_CITED = 5;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export function summarizeEvents(events: readonly GuildEvent[]): GuildStats {
  const questions = events.filter((event): event is QuestionEvent => event.type === 'question');
  const latencies = questions.map((event) => event.latencyMs).sort((a, b) => a - b);
  const citations = new Map<string, number>();
  for (const event of questions) {
    if (!event.answered) continue;
    for (const ref of event.refs) citations.set(ref, (citations.get(ref) ?? 0) + 1);
  }
  // A member may change their vote; only the latest per member and answer counts.
  const votes = new Map<string, FeedbackEvent['vote']>();
  for (const event of events) if (event.type === 'feedback') votes.set(`${event.answerId}:${event.userId}`, event.vote);
  const answered = questions.filter((event) => event.answered).length;
  return {
    questions: questions.length,
    answered,
    abstained: questions.length - answered,
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    topCited: [...citations]
      .map(([ref, count]) => ({ ref, count }))
      .sort((a, b) => b.count - a.count || a.ref.localeCompare(b.ref))
      .slice(0, TOP_CITED),
    thumbsUp: [...votes.values()].filter((vote) => vote === 'up').length,
    thumbsDown: [...votes.values()].filter((vote) => vote === 'down').length,
    since: events[0]?.at ?? null,
  };
}
