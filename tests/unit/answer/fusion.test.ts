import { describe, expect, it } from 'vitest';
import { type CandidateFeatures, fuse } from '../../../src/answer/fusion.js';

const candidates: CandidateFeatures[] = [
  { label: 1, similarity: 0.9, keywordRank: 0.1, coverage: 0.2 },
  { label: 2, similarity: 0.5, keywordRank: 1, coverage: 1 },
  { label: 3, similarity: 0.7, keywordRank: 0.5, coverage: 0.5 },
];

describe('fuse', () => {
  it('GIVEN dense only THEN order follows similarity', () => {
    expect(fuse(candidates, { kind: 'dense' }).map((c) => c.label)).toEqual([1, 3, 2]);
  });

  it('GIVEN words only THEN order follows coverage', () => {
    expect(fuse(candidates, { kind: 'lexical' }).map((c) => c.label)).toEqual([2, 3, 1]);
  });

  it('GIVEN two passages covering the question alike THEN the better BM25 standing goes first', () => {
    const tied: CandidateFeatures[] = [
      { label: 1, similarity: null, keywordRank: 0.4, coverage: 0.8 },
      { label: 2, similarity: null, keywordRank: 0.9, coverage: 0.8 },
    ];
    expect(fuse(tied, { kind: 'lexical' }).map((c) => c.label)).toEqual([2, 1]);
  });

  it('GIVEN a linear mix THEN scores are the weighted sum, on a 0..1 scale', () => {
    const fused = fuse(candidates, { kind: 'linear', denseWeight: 0.5 });
    expect(fused.map((c) => c.label)).toEqual([2, 3, 1]);
    expect(fused[0]?.score).toBeCloseTo(0.5 * 0.5 + 0.5 * 1);
  });

  it('GIVEN RRF THEN a candidate first in both lists scores exactly 1', () => {
    const agreeing: CandidateFeatures[] = [
      { label: 7, similarity: 0.9, keywordRank: 1, coverage: 1 },
      { label: 8, similarity: 0.1, keywordRank: 0.1, coverage: 0.1 },
    ];
    const fused = fuse(agreeing, { kind: 'rrf', k: 60 });
    expect(fused[0]).toEqual({ label: 7, score: 1 });
  });
});
