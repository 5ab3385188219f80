/** Everything known about one candidate chunk for one question. */
export interface CandidateFeatures {
  readonly label: number;
  /** Cosine similarity between question and chunk vectors; null without a model. */
  readonly similarity: number | null;
  /** BM25 score divided by the best BM25 score among the candidates, 0..1. */
  readonly keywordRank: number;
  /** Share of the question's terms found in the chunk, 0..1. */
  readonly coverage: number;
}

export type FusionStrategy =
  | { readonly kind: 'dense' }
  | { readonly kind: 'keyword' }
  /** Weighted sum of similarity and keyword strength; scores stay on a calibratable 0..1 scale. */
  | { readonly kind: 'linear'; readonly denseWeight: number }
  /** Reciprocal rank fusion (Cormack et al. 2009); scaled so rank 1 in both lists scores 1. */
  | { readonly kind: 'rrf'; readonly k: number };

/** Keyword evidence on a 0..1 scale: how much of the question the chunk covers, weighed by its BM25 standing. */
export function keywordStrength(candidate: CandidateFeatures): number {
  return candidate.coverage * candidate.keywordRank;
}

/** Scores candidates with `strategy`; returns them best first. */
export function fuse(
  candidates: readonly CandidateFeatures[],
  strategy: FusionStrategy,
): { readonly label: number; readonly score: number }[] {
  const scored = scoreAll(candidates, strategy);
  return scored.sort((a, b) => b.score - a.score || a.label - b.label);
}

function scoreAll(candidates: readonly CandidateFeatures[], strategy: FusionStrategy) {
  switch (strategy.kind) {
    case 'dense':
      return candidates.map((c) => ({ label: c.label, score: c.similarity ?? 0 }));
    case 'keyword':
      return candidates.map((c) => ({ label: c.label, score: keywordStrength(c) }));
    case 'linear':
      return candidates.map((c) => ({
        label: c.label,
        score: strategy.denseWeight * (c.similarity ?? 0) + (1 - strategy.denseWeight) * keywordStrength(c),
      }));
    case 'rrf': {
      const rankBy = (value: (c: CandidateFeatures) => number) =>
        new Map([...candidates].sort((a, b) => value(b) - value(a)).map((c, i) => [c.label, i + 1]));
      const dense = rankBy((c) => c.similarity ?? 0);
      const keyword = rankBy(keywordStrength);
      const scale = (strategy.k + 1) / 2;
      return candidates.map((c) => ({
        label: c.label,
        score: scale * (1 / (strategy.k + (dense.get(c.label) ?? 0)) + 1 / (strategy.k + (keyword.get(c.label) ?? 0))),
      }));
    }
  }
}
