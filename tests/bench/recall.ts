// HNSW recall@k against exact search: brute-force cosine over every stored vector.
import type { Library } from '../../src/index/library.js';
import type { VectorStore } from '../../src/index/vector-store.js';
import { mulberry32 } from '../tools/seeded-random.js';
import { percentiles } from './stats.js';

export const RECALL_K = 10;
export const EF_VALUES = [10, 20, 40, 64, 100, 150, 200] as const;
// Float32 sums in hnswlib and float64 sums here differ in the last bits.
const TIE_TOLERANCE = 1e-5;

export interface RecallAtEf {
  readonly ef: number;
  /** Mean over queries of the share of the exact top-k that HNSW returned. */
  readonly meanRecall: number;
  /** The worst single query. */
  readonly minRecall: number;
  /** Mean recall of the golden questions alone, and of the stored-paragraph queries alone. */
  readonly questionRecall: number;
  readonly paragraphRecall: number;
  readonly searchP50Ms: number;
}

/** The stored vectors in one matrix (hnswlib's cosine space keeps them normalised), with their labels. */
export function storedVectors(vectors: VectorStore, library: Library): { labels: number[]; matrix: Float32Array } {
  const labels = [...library.chunks()].map((chunk) => chunk.label);
  const matrix = new Float32Array(labels.length * vectors.dimensions);
  labels.forEach((label, row) => matrix.set(vectors.vector(label), row * vectors.dimensions));
  return { labels, matrix };
}

/** `count` stored vectors picked by a seeded PRNG: "queries" that sit exactly on the data. */
export function sampleRows(matrix: Float32Array, dimensions: number, count: number): Float32Array[] {
  const random = mulberry32(7);
  const rows = matrix.length / dimensions;
  return Array.from({ length: count }, () => {
    const row = Math.floor(random() * rows);
    return matrix.slice(row * dimensions, (row + 1) * dimensions);
  });
}

function similarities(query: Float32Array, matrix: Float32Array, dimensions: number): Float64Array {
  const scores = new Float64Array(matrix.length / dimensions);
  const norm = Math.hypot(...query) || 1;
  for (let row = 0; row < scores.length; row++) {
    let sum = 0;
    const offset = row * dimensions;
    for (let i = 0; i < dimensions; i++) sum += query[i]! * matrix[offset + i]!;
    scores[row] = sum / norm;
  }
  return scores;
}

/**
 * Mean cosine between random pairs of stored vectors. Near 1 means every vector
 * points the same way (an untrained model's output is like that), so exact
 * neighbours are separated by tiny margins, which is hard on any ANN index.
 */
export function meanPairCosine(matrix: Float32Array, dimensions: number, pairs = 2000): number {
  const random = mulberry32(11);
  const rows = matrix.length / dimensions;
  let sum = 0;
  for (let pair = 0; pair < pairs; pair++) {
    const a = Math.floor(random() * rows) * dimensions;
    const b = Math.floor(random() * rows) * dimensions;
    for (let i = 0; i < dimensions; i++) sum += matrix[a + i]! * matrix[b + i]!;
  }
  return sum / pairs;
}

/** Queries are `questionCount` embedded questions first, then stored-paragraph vectors. */
export function recallByEf(
  vectors: VectorStore,
  stored: { labels: number[]; matrix: Float32Array },
  queries: readonly Float32Array[],
  questionCount: number,
): RecallAtEf[] {
  const { labels, matrix } = stored;
  const k = Math.min(RECALL_K, labels.length);
  const rowOf = new Map(labels.map((label, row) => [label, row]));
  const exact = queries.map((query) => {
    const scores = similarities(query, matrix, vectors.dimensions);
    const kthBest = [...scores].sort((a, b) => b - a)[k - 1] ?? -Infinity;
    return { scores, kthBest };
  });
  return EF_VALUES.map((ef) => {
    vectors.setEf(ef);
    const recalls: number[] = [];
    const times: number[] = [];
    queries.forEach((query, q) => {
      const started = performance.now();
      const found = vectors.search(query, k);
      times.push(performance.now() - started);
      const { scores, kthBest } = exact[q]!;
      // A hit is any returned vector as close as the exact k-th best: with duplicate
      // paragraphs, which of two equal vectors comes back is arbitrary.
      const hits = found.filter(({ label }) => (scores[rowOf.get(label) ?? -1] ?? -Infinity) >= kthBest - TIE_TOLERANCE).length;
      recalls.push(hits / k);
    });
    const mean = (values: number[]) => values.reduce((sum, r) => sum + r, 0) / Math.max(1, values.length);
    return {
      ef,
      meanRecall: mean(recalls),
      minRecall: Math.min(...recalls),
      questionRecall: mean(recalls.slice(0, questionCount)),
      paragraphRecall: mean(recalls.slice(questionCount)),
      searchP50Ms: percentiles(times).p50,
    };
  });
}
