/** Everything known about one candidate chunk for one question. */
export interface CandidateFeatures {
  readonly label: number;
  /** Cosine similarity between question and chunk vectors; null without a model. */
  readonly similarity: number | null;
  /** BM25 score (question terms and their near words) divided by the best among the candidates, 0..1. */
  readonly keywordRank: number;
  /** Soft coverage: share of the question's IDF weight the chunk has, exactly or as a near word, 0..1. */
  readonly coverage: number;
}

export type FusionStrategy =
  | { readonly kind: 'dense' }
  /** Word evidence only (no model): soft coverage. */
  | { readonly kind: 'lexical' }
  /** Weighted sum of similarity and soft coverage; scores stay on a calibratable 0..1 scale. */
  | { readonly kind: 'linear'; readonly denseWeight: number }
  /** Reciprocal rank fusion (Cormack et al. 2009); scaled so rank 1 in both lists scores 1. */
  | { readonly kind: 'rrf'; readonly k: number };

/**
 * Scores candidates with `strategy`; returns them best first. Equal scores are
 * common with short questions (two passages covering the same words), so BM25
 * standing — how often and how densely a passage uses them — breaks the tie.
 */
export function fuse(
  candidates: readonly CandidateFeatures[],
  strategy: FusionStrategy,
): { readonly label: number; readonly score: number }[] {
  const bm25 = new Map(candidates.map((candidate) => [candidate.label, candidate.keywordRank]));
  const scored = scoreAll(candidates, strategy);
  return scored.sort((a, b) => b.score - a.score || (bm25.get(b.label) ?? 0) - (bm25.get(a.label) ?? 0) || a.label - b.label);
}

function scoreAll(candidates: readonly CandidateFeatures[], strategy: FusionStrategy) {
  switch (strategy.kind) {
    case 'dense':
      return candidates.map((c) => ({ label: c.label, score: c.similarity ?? 0 }));
    case 'lexical':
      return candidates.map((c) => ({ label: c.label, score: c.coverage }));
    case 'linear':
      return candidates.map((c) => ({
        label: c.label,
        score: strategy.denseWeight * (c.similarity ?? 0) + (1 - strategy.denseWeight) * c.coverage,
      }));
    case 'rrf': {
      const rankBy = (value: (c: CandidateFeatures) => number) =>
        new Map([...candidates].sort((a, b) => value(b) - value(a) || b.keywordRank - a.keywordRank).map((c, i) => [c.label, i + 1]));
      const dense = rankBy((c) => c.similarity ?? 0);
      const words = rankBy((c) => c.coverage);
      const scale = (strategy.k + 1) / 2;
      return candidates.map((c) => ({
        label: c.label,
        score: scale * (1 / (strategy.k + (dense.get(c.label) ?? 0)) + 1 / (strategy.k + (words.get(c.label) ?? 0))),
      }));
    }
  }
}
