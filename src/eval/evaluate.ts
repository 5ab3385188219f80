import type { AnswerEngine } from '../answer/answer-engine.js';
import type { AnswerResult } from '../answer/types.js';
import type { SourceDocument } from '../corpus/document.js';
import type { GoldenQuestion } from './golden.js';
import { abstentionMetrics, type AbstentionMetrics, type RankedRun, rankingByKind, type RankingMetrics, rankingMetrics } from './metrics.js';

export interface EvaluationReport extends RankingMetrics, AbstentionMetrics {
  readonly mode: string;
  readonly threshold: number;
  /** Share of shown quotes that are exact substrings of their source document at the stated offsets. */
  readonly quoteFidelity: number;
  readonly questions: number;
  readonly byKind: ReturnType<typeof rankingByKind>;
  readonly runs: readonly RankedRun[];
}

/** How many passages each question's ranking is scored on. */
const RANKING_DEPTH = 10;
/** Passages a user is shown, whose quotes are checked for fidelity. */
const SHOWN = 3;

/**
 * Runs every golden question through the engine and scores the ranking, the
 * abstention decision at the engine's threshold, and every shown quote against
 * the corpus as read from disk (not from the index), so fidelity is checked
 * end to end.
 */
export async function evaluate(
  engine: AnswerEngine,
  questions: readonly GoldenQuestion[],
  corpus: readonly SourceDocument[],
): Promise<EvaluationReport> {
  const sources = new Map(corpus.map((document) => [document.id, document.text]));
  const runs: RankedRun[] = [];
  let quotes = 0;
  let faithful = 0;
  for (const question of questions) {
    const answer = await engine.ask(question.question, { limit: RANKING_DEPTH, minScore: -Infinity, context: question.context });
    const ranking: AnswerResult[] = answer.ok ? [...answer.value.results] : [];
    runs.push({ question, ranking });
    for (const result of ranking.slice(0, SHOWN)) {
      quotes += 1;
      const source = sources.get(result.docId) ?? '';
      if (result.quote.length > 0 && source.slice(result.quoteStart, result.quoteEnd) === result.quote) faithful += 1;
    }
  }
  const threshold = engine.threshold();
  return {
    mode: engine.mode,
    threshold,
    ...rankingMetrics(runs),
    ...abstentionMetrics(runs, threshold),
    quoteFidelity: quotes === 0 ? 1 : faithful / quotes,
    questions: questions.length,
    byKind: rankingByKind(runs),
    runs,
  };
}
