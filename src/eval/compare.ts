import { AnswerEngine } from '../answer/answer-engine.js';
import type { FusionStrategy } from '../answer/fusion.js';
import type { MeaningSettings } from '../answer/meaning.js';
import type { QueryEmbedder, SearchIndex } from '../answer/search-index.js';
import { DEFAULTS } from '../answer/settings.js';
import type { SourceDocument } from '../corpus/document.js';
import { type EvaluatedRun, runGolden, scoreRuns } from './evaluate.js';
import type { GoldenQuestion } from './golden.js';
import { calibrateThreshold } from './metrics.js';
import { Synonyms } from '../lexicon/synonyms.js';

const LINEAR_WEIGHTS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** Similarity floors tried for near words... */
export const MEANING_FLOORS = [0.4, 0.5, 0.6, 0.7];
/** ...and how many of the most common English words are matched only as themselves. */
export const COMMON_WORDS = [0, 300, 500, 1000];

/** What one compared configuration scores on a part of the golden set. */
export interface PartScores {
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly mrr: number;
  readonly bothAt3: number;
  readonly answeredRate: number;
  readonly abstentionRate: number;
  readonly quoteEvidence: number;
}

export interface ComparedRow {
  readonly name: string;
  /** Null for the no-model rows (words only). */
  readonly fusion: FusionStrategy | null;
  readonly wordVectors: boolean;
  readonly meaning: MeaningSettings;
  /** Calibrated on the tune part only; the holdout part is scored at this same threshold. */
  readonly threshold: number;
  readonly tune: PartScores;
  readonly holdout: PartScores;
}

interface Configuration {
  readonly name: string;
  readonly fusion: FusionStrategy | null;
  readonly wordVectors: boolean;
  readonly meaning: MeaningSettings;
}

/** The no-model configurations: exact words, then word vectors at each similarity floor. */
function wordConfigurations(hasNeighbours: boolean): Configuration[] {
  const exact = { name: 'exact words (no model)', fusion: null, wordVectors: false, meaning: DEFAULTS.meaning };
  if (!hasNeighbours) return [exact];
  return [
    exact,
    ...MEANING_FLOORS.flatMap((floor) =>
      COMMON_WORDS.map((commonWords) => ({
        name: `near words ≥ ${floor}, ${commonWords} common words exact (no model)`,
        fusion: null,
        wordVectors: true,
        meaning: { ...DEFAULTS.meaning, floor, commonWords },
      })),
    ),
  ];
}

/** The model's fusion strategies, at the default similarity floor. */
function modelConfigurations(hasNeighbours: boolean): Configuration[] {
  const strategies: { name: string; fusion: FusionStrategy }[] = [
    { name: 'dense only', fusion: { kind: 'dense' } },
    { name: 'RRF, k=60', fusion: { kind: 'rrf', k: 60 } },
    ...LINEAR_WEIGHTS.map((denseWeight) => ({ name: `linear, dense weight ${denseWeight}`, fusion: { kind: 'linear', denseWeight } as const })),
  ];
  return strategies.map((strategy) => ({ ...strategy, wordVectors: hasNeighbours, meaning: DEFAULTS.meaning }));
}

/**
 * Scores each configuration on the same index: its threshold is calibrated on
 * the tune questions, and the holdout questions are scored at that threshold,
 * so the holdout columns say how a choice made on the tune part generalises.
 */
export async function compareConfigurations(
  index: SearchIndex,
  embedder: QueryEmbedder | null,
  questions: readonly GoldenQuestion[],
  corpus: readonly SourceDocument[],
  synonyms: Synonyms = Synonyms.none,
): Promise<ComparedRow[]> {
  const cached = embedder ? memoised(embedder) : null;
  const configurations = [...wordConfigurations(index.neighbours !== null), ...(cached ? modelConfigurations(index.neighbours !== null) : [])];
  const rows: ComparedRow[] = [];
  for (const configuration of configurations) {
    const engine = new AnswerEngine({
      index: configuration.wordVectors ? index : { ...index, neighbours: null },
      embedder: configuration.fusion ? cached : null,
      settings: { ...DEFAULTS, fusion: configuration.fusion ?? DEFAULTS.fusion, meaning: configuration.meaning },
      // The maintainer's synonyms are part of every configuration the bot could run.
      synonyms,
    });
    const runs = await runGolden(engine, questions);
    const part = (split: 'tune' | 'holdout') => runs.filter((run) => run.question.split === split);
    const { threshold } = calibrateThreshold(part('tune'));
    const scores = (partRuns: readonly EvaluatedRun[]): PartScores => {
      const report = scoreRuns(partRuns, corpus, { mode: engine.mode, threshold });
      const { hitAt1, hitAt3, mrr, bothAt3, answeredRate, abstentionRate, quoteEvidence } = report;
      return { hitAt1, hitAt3, mrr, bothAt3, answeredRate, abstentionRate, quoteEvidence };
    };
    rows.push({ ...configuration, threshold, tune: scores(part('tune')), holdout: scores(part('holdout')) });
  }
  return rows;
}

/**
 * The strategy to use when a model is loaded: the best MRR on the tune part
 * among those that use the model (ties broken by Hit@1, then Hit@3).
 */
export function bestModelRow(rows: readonly ComparedRow[]): ComparedRow | undefined {
  return rows
    .filter((row) => row.fusion !== null)
    .reduce<ComparedRow | undefined>((best, row) => {
      if (!best) return row;
      const key = (r: ComparedRow) => [r.tune.mrr, r.tune.hitAt1, r.tune.hitAt3];
      const [a, b] = [key(row), key(best)];
      for (let i = 0; i < a.length; i += 1) {
        if ((a[i] ?? 0) > (b[i] ?? 0) + 1e-9) return row;
        if ((a[i] ?? 0) < (b[i] ?? 0) - 1e-9) return best;
      }
      return best;
    }, undefined);
}

/** Questions repeat across strategies: embed each once. */
function memoised(embedder: QueryEmbedder): QueryEmbedder {
  const cache = new Map<string, Promise<Float32Array>>();
  return {
    embedQuery(text) {
      let vector = cache.get(text);
      if (!vector) cache.set(text, (vector = embedder.embedQuery(text)));
      return vector;
    },
  };
}
