import { AnswerEngine } from '../answer/answer-engine.js';
import type { FusionStrategy } from '../answer/fusion.js';
import type { QueryEmbedder, SearchIndex } from '../answer/search-index.js';
import { UNCALIBRATED } from '../answer/settings.js';
import type { SourceDocument } from '../corpus/document.js';
import { evaluate } from './evaluate.js';
import type { GoldenQuestion } from './golden.js';
import { calibrateThreshold } from './metrics.js';

const LINEAR_WEIGHTS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export const COMPARED_STRATEGIES: readonly { readonly name: string; readonly fusion: FusionStrategy }[] = [
  { name: 'dense only', fusion: { kind: 'dense' } },
  { name: 'keyword only (BM25)', fusion: { kind: 'keyword' } },
  { name: 'RRF, k=60', fusion: { kind: 'rrf', k: 60 } },
  ...LINEAR_WEIGHTS.map((denseWeight) => ({
    name: `linear, dense weight ${denseWeight}`,
    fusion: { kind: 'linear', denseWeight } as const,
  })),
];

export interface StrategyRow {
  readonly name: string;
  readonly fusion: FusionStrategy;
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly mrr: number;
  readonly bothAt3: number;
  /** The threshold that best separates answerable from unanswerable questions for this strategy. */
  readonly calibratedThreshold: number;
  readonly answeredRate: number;
  readonly abstentionRate: number;
}

/** Scores every fusion strategy on the same index and golden set, each with its own calibrated threshold. */
export async function compareStrategies(
  index: SearchIndex,
  embedder: QueryEmbedder | null,
  questions: readonly GoldenQuestion[],
  corpus: readonly SourceDocument[],
): Promise<StrategyRow[]> {
  const cached = embedder ? memoised(embedder) : null;
  const rows: StrategyRow[] = [];
  for (const { name, fusion } of COMPARED_STRATEGIES) {
    if (!cached && fusion.kind !== 'keyword') continue;
    const engine = new AnswerEngine({ index, embedder: cached, settings: { ...UNCALIBRATED, fusion } });
    const report = await evaluate(engine, questions, corpus);
    const calibrated = calibrateThreshold(report.runs);
    rows.push({
      name,
      fusion,
      hitAt1: report.hitAt1,
      hitAt3: report.hitAt3,
      mrr: report.mrr,
      bothAt3: report.bothAt3,
      calibratedThreshold: calibrated.threshold,
      answeredRate: calibrated.answeredRate,
      abstentionRate: calibrated.abstentionRate,
    });
  }
  return rows;
}

/**
 * The strategy to use when a model is loaded: the best MRR among those that use
 * the model (ties broken by Hit@1, then Hit@3). Keyword-only is the fallback for
 * when no model loads, so it is measured for reference but never chosen here.
 */
export function bestModelStrategy(rows: readonly StrategyRow[]): StrategyRow | undefined {
  return rows
    .filter((row) => row.fusion.kind !== 'keyword')
    .reduce<StrategyRow | undefined>((best, row) => {
      if (!best) return row;
      const key = (r: StrategyRow) => [r.mrr, r.hitAt1, r.hitAt3];
      const [a, b] = [key(row), key(best)];
      for (let i = 0; i < a.length; i += 1) {
        if ((a[i] ?? 0) > (b[i] ?? 0) + 1e-9) return row;
        if ((a[i] ?? 0) < (b[i] ?? 0) - 1e-9) return best;
      }
      return best;
    }, undefined);
}

/** Each strategy asks the same questions; embed each once. */
function memoised(embedder: QueryEmbedder): QueryEmbedder {
  const cache = new Map<string, Promise<Float32Array>>();
  return {
    embedQuery(text) {
      let vector = cache.get(text);
      if (!vector) {
        vector = embedder.embedQuery(text);
        cache.set(text, vector);
      }
      return vector;
    },
  };
}
