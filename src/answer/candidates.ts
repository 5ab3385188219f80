import type { ChunkTerms } from './chunk-terms.js';
import type { CandidateFeatures } from './fusion.js';
import { type ExpandedTerm, searchTerms, softCoverage } from './meaning.js';
import type { SearchIndex } from './search-index.js';

/**
 * The union of the best `k` chunks by vector and by keyword (question words and
 * their near words), each scored on every signal: a chunk found only by vector
 * still gets its word coverage, and one found only by keyword its exact cosine
 * similarity.
 */
export function gatherCandidates(
  index: SearchIndex,
  expanded: readonly ExpandedTerm[],
  chunkTerms: ChunkTerms,
  queryVector: Float32Array | null,
  k: number,
): CandidateFeatures[] {
  const keyword = index.keyword.search(searchTerms(expanded), k);
  const keywordHits = new Map(keyword.hits.map((hit) => [hit.label, hit]));
  const dense = queryVector && index.vectors ? index.vectors : null;
  const neighbours = new Map(dense && queryVector ? dense.search(queryVector, k).map((n) => [n.label, n.similarity]) : []);
  const bestBm25 = Math.max(0, ...[...keywordHits.values()].map((hit) => hit.score)) || 1;
  const idf = (term: string) => index.keyword.idf(term);

  const labels = new Set([...neighbours.keys(), ...keywordHits.keys()]);
  const candidates: CandidateFeatures[] = [];
  for (const label of labels) {
    if (!index.library.chunk(label)) continue;
    const hit = keywordHits.get(label);
    const similarity = dense && queryVector ? (neighbours.get(label) ?? dot(queryVector, dense.vector(label))) : null;
    const coverage = softCoverage(expanded, chunkTerms.of(label), idf).coverage;
    candidates.push({ label, similarity, keywordRank: hit ? hit.score / bestBm25 : 0, coverage });
  }
  return candidates;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
