import { type FeedbackEvent, type GuildEvent, outcomeOf, type QuestionEvent } from './events.js';

export interface DeclinedQuestion {
  readonly at: string;
  readonly question: string;
}

export interface GuildStats {
  /** Questions searched: answered plus declined. Rejected ones (empty, too long) were never searched. */
  readonly questions: number;
  readonly answered: number;
  readonly declined: number;
  readonly rejected: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  /** Most-cited paragraphs, most first. */
  readonly topCited: readonly { readonly ref: string; readonly count: number }[];
  /** Declined questions, newest first: where the essays have gaps. */
  readonly recentDeclined: readonly DeclinedQuestion[];
  /** Paragraphs of the index no answer in this server has cited, in reading order. */
  readonly neverCited: readonly string[];
  /** One vote per member per answer: their latest. */
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

/**
 * /stats from a server's events. `paragraphRefs` are every paragraph of the
 * current index, in reading order, so the paragraphs never cited can be listed.
 */
export function summarizeEvents(events: readonly GuildEvent[], paragraphRefs: readonly string[] = []): GuildStats {
  const questions = events.filter((event): event is QuestionEvent => event.type === 'question');
  const searched = questions.filter((event) => outcomeOf(event) !== 'rejected');
  const latencies = searched.map((event) => event.latencyMs).sort((a, b) => a - b);
  const citations = new Map<string, number>();
  for (const event of searched) {
    if (outcomeOf(event) !== 'answered') continue;
    for (const ref of event.refs) citations.set(ref, (citations.get(ref) ?? 0) + 1);
  }
  const votes = new Map<string, FeedbackEvent['vote']>();
  for (const event of events) if (event.type === 'feedback') votes.set(`${event.answerId}:${event.userId}`, event.vote);
  const count = (outcome: string) => questions.filter((event) => outcomeOf(event) === outcome).length;
  return {
    questions: searched.length,
    answered: count('answered'),
    declined: count('declined'),
    rejected: count('rejected'),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    topCited: [...citations]
      .map(([ref, cited]) => ({ ref, count: cited }))
      .sort((a, b) => b.count - a.count || a.ref.localeCompare(b.ref))
      .slice(0, TOP_CITED),
    recentDeclined: searched
      .filter((event) => outcomeOf(event) === 'declined' && event.question !== undefined)
      .map((event) => ({ at: event.at, question: event.question ?? '' }))
      .reverse(),
    neverCited: paragraphRefs.filter((ref) => !citations.has(ref)),
    thumbsUp: [...votes.values()].filter((vote) => vote === 'up').length,
    thumbsDown: [...votes.values()].filter((vote) => vote === 'down').length,
    since: events[0]?.at ?? null,
  };
}
