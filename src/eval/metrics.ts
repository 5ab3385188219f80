import type { AnswerResult } from '../answer/types.js';
import type { GoldenQuestion } from './golden.js';

/** One golden question with the engine's full ranking for it and its confidence in answering. */
export interface RankedRun {
  readonly question: GoldenQuestion;
  readonly ranking: readonly Pick<AnswerResult, 'docId' | 'paragraph' | 'score'>[];
  readonly confidence: number;
}

export interface RankingMetrics {
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly mrr: number;
  /** Questions needing both essays whose top 3 include a passage of each. */
  readonly bothAt3: number;
}

export interface AbstentionMetrics {
  /** Answerable questions answered (confidence at or above the threshold). */
  readonly answeredRate: number;
  /** Unanswerable questions declined (confidence below the threshold). */
  readonly abstentionRate: number;
}

const answerable = (runs: readonly RankedRun[]) => runs.filter((run) => run.question.kind !== 'unanswerable');

export function firstHitRank(run: RankedRun): number | undefined {
  const index = run.ranking.findIndex((result) =>
    run.question.evidence.some((evidence) => evidence.doc === result.docId && evidence.paragraph === result.paragraph),
  );
  return index === -1 ? undefined : index + 1;
}

const share = (count: number, total: number) => (total === 0 ? 0 : count / total);

export function rankingMetrics(runs: readonly RankedRun[]): RankingMetrics {
  const scored = answerable(runs);
  const ranks = scored.map(firstHitRank);
  const both = scored.filter((run) => run.question.kind === 'both');
  const coversBoth = (run: RankedRun) => {
    const top = run.ranking.slice(0, 3);
    const wanted = new Set(run.question.evidence.map((evidence) => evidence.doc));
    return [...wanted].every((doc) =>
      top.some((result) => result.docId === doc && run.question.evidence.some((e) => e.doc === doc && e.paragraph === result.paragraph)),
    );
  };
  return {
    hitAt1: share(ranks.filter((rank) => rank === 1).length, scored.length),
    hitAt3: share(ranks.filter((rank) => rank !== undefined && rank <= 3).length, scored.length),
    mrr: share(ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0), scored.length),
    bothAt3: share(both.filter(coversBoth).length, both.length),
  };
}

export function abstentionMetrics(runs: readonly RankedRun[], threshold: number): AbstentionMetrics {
  const answers = (run: RankedRun) => run.confidence >= threshold;
  const scored = answerable(runs);
  const unanswerable = runs.filter((run) => run.question.kind === 'unanswerable');
  return {
    answeredRate: share(scored.filter(answers).length, scored.length),
    abstentionRate: share(unanswerable.filter((run) => !answers(run)).length, unanswerable.length),
  };
}

/**
 * The threshold that best separates answerable from unanswerable questions: the
 * highest harmonic mean of answered and abstention rates. The harmonic mean, as in
 * F1, rejects lopsided points (answering 30% to abstain on 100%) that a plain
 * average can prefer on a small set; ties go to the higher threshold, so the bot
 * errs toward saying "not covered".
 */
export function calibrateThreshold(runs: readonly RankedRun[]): { threshold: number } & AbstentionMetrics {
  const tops = [...new Set(runs.map((run) => run.confidence))].sort((a, b) => a - b);
  let best = { threshold: 0, answeredRate: 0, abstentionRate: 0 };
  let bestScore = -1;
  for (let i = 0; i < tops.length; i += 1) {
    // Midway between neighbouring top scores, so the threshold does not sit on a data point.
    const threshold = i === 0 ? tops[0]! : (tops[i - 1]! + tops[i]!) / 2;
    const metrics = abstentionMetrics(runs, threshold);
    const sum = metrics.answeredRate + metrics.abstentionRate;
    const score = sum === 0 ? 0 : (2 * metrics.answeredRate * metrics.abstentionRate) / sum;
    if (score >= bestScore) {
      bestScore = score;
      best = { threshold, ...metrics };
    }
  }
  return best;
}

/** Ranking metrics per question kind (keyword, paraphrase, both, followup): where a mode is strong or weak. */
export function rankingByKind(runs: readonly RankedRun[]): Record<string, RankingMetrics & { readonly questions: number }> {
  const kinds = [...new Set(runs.map((run) => run.question.kind))].filter((kind) => kind !== 'unanswerable');
  return Object.fromEntries(
    kinds.map((kind) => {
      const ofKind = runs.filter((run) => run.question.kind === kind);
      return [kind, { ...rankingMetrics(ofKind), questions: ofKind.length }];
    }),
  );
}
