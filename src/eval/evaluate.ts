import type { AnswerEngine } from '../answer/answer-engine.js';
import { closestWhenDeclined } from '../answer/closest.js';
import type { AnswerResult } from '../answer/types.js';
import type { SourceDocument } from '../corpus/document.js';
import type { GoldenQuestion } from './golden.js';
import {
  abstentionMetrics,
  type AbstentionMetrics,
  firstHitRank,
  type RankedRun,
  rankingByKind,
  type RankingMetrics,
  rankingMetrics,
} from './metrics.js';

export interface EvaluationReport extends RankingMetrics, AbstentionMetrics {
  readonly mode: string;
  readonly threshold: number;
  /** Share of shown quotes that are exact substrings of their source document at the stated offsets. */
  readonly quoteFidelity: number;
  /** Of the questions whose first passage is right, the share whose shown quote contains the evidence text. */
  readonly quoteEvidence: number;
  /**
   * Of the answerable questions declined at the threshold, the share whose
   * "closest passages" (shown, labelled low confidence) include the right one.
   */
  readonly declinedShowingRight: number;
  readonly questions: number;
  readonly byKind: ReturnType<typeof rankingByKind>;
  readonly runs: readonly EvaluatedRun[];
}

export interface EvaluatedRun extends RankedRun {
  readonly ranking: readonly AnswerResult[];
}

/** How many passages each question's ranking is scored on. */
const RANKING_DEPTH = 10;
/** Passages a user is shown, whose quotes are checked for fidelity. */
const SHOWN = 3;

/** Runs every golden question through the engine, keeping the full ranking and the confidence. */
export async function runGolden(engine: AnswerEngine, questions: readonly GoldenQuestion[]): Promise<EvaluatedRun[]> {
  const runs: EvaluatedRun[] = [];
  for (const question of questions) {
    const answer = await engine.ask(question.question, { limit: RANKING_DEPTH, minConfidence: -Infinity, context: question.context });
    runs.push({ question, ranking: answer.ok ? answer.value.results : [], confidence: answer.ok ? answer.value.confidence : 0 });
  }
  return runs;
}

/**
 * Scores runs: the ranking, the abstention decision at `threshold`, and every
 * shown quote against the corpus as read from disk (not from the index), so
 * fidelity is checked end to end.
 */
export function scoreRuns(
  runs: readonly EvaluatedRun[],
  corpus: readonly SourceDocument[],
  engine: { readonly mode: string; readonly threshold: number },
): EvaluationReport {
  const sources = new Map(corpus.map((document) => [document.id, document.text]));
  let quotes = 0;
  let faithful = 0;
  for (const { ranking } of runs) {
    for (const result of ranking.slice(0, SHOWN)) {
      quotes += 1;
      const source = sources.get(result.docId) ?? '';
      if (result.quote.length > 0 && source.slice(result.quoteStart, result.quoteEnd) === result.quote) faithful += 1;
    }
  }
  const topHits = runs.filter((run) => run.question.kind !== 'unanswerable' && firstHitRank(run) === 1);
  const withEvidence = topHits.filter((run) => quoteHasEvidence(run.ranking[0]!, run.question));
  return {
    mode: engine.mode,
    threshold: engine.threshold,
    ...rankingMetrics(runs),
    ...abstentionMetrics(runs, engine.threshold),
    quoteFidelity: quotes === 0 ? 1 : faithful / quotes,
    quoteEvidence: topHits.length === 0 ? 0 : withEvidence.length / topHits.length,
    declinedShowingRight: declinedShowingRight(runs, engine.threshold),
    questions: runs.length,
    byKind: rankingByKind(runs),
    runs,
  };
}

export async function evaluate(
  engine: AnswerEngine,
  questions: readonly GoldenQuestion[],
  corpus: readonly SourceDocument[],
): Promise<EvaluationReport> {
  return scoreRuns(await runGolden(engine, questions), corpus, { mode: engine.mode, threshold: engine.threshold() });
}

/**
 * Runs hold the full ranking (asked with no threshold); a declined answer shows
 * the closest passages picked from that same ranking.
 */
function declinedShowingRight(runs: readonly EvaluatedRun[], threshold: number): number {
  const declined = runs.filter((run) => run.question.kind !== 'unanswerable' && run.confidence < threshold);
  const showsRight = declined.filter((run) => {
    const closest = closestWhenDeclined(run.ranking, (result) => result.coverage, threshold);
    return firstHitRank({ ...run, ranking: closest }) !== undefined;
  });
  // Nothing declined: nothing a member missed.
  return declined.length === 0 ? 1 : showsRight.length / declined.length;
}

const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether the quote shown for the right paragraph contains that paragraph's evidence text. */
function quoteHasEvidence(result: AnswerResult, question: GoldenQuestion): boolean {
  const quote = normalised(result.quote);
  return question.evidence.some(
    (evidence) => evidence.doc === result.docId && evidence.paragraph === result.paragraph && quote.includes(normalised(evidence.text)),
  );
}
