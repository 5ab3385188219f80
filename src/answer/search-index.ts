import type { KeywordSearch as KeywordResults } from '../index/keyword-index.js';
import type { WeightedTerm } from '../index/keyword-terms.js';
import type { Library } from '../index/library.js';
import type { Neighbour } from '../index/vector-store.js';
import type { WordNeighbours } from './meaning.js';

/** What the answer engine needs from vector search; hnswlib's VectorStore in production. */
export interface DenseSearch {
  search(vector: Float32Array, k: number): Neighbour[];
  vector(label: number): Float32Array;
}

/** What the answer engine needs from keyword search; the MiniSearch KeywordIndex in production. */
export interface KeywordSearch {
  search(terms: readonly WeightedTerm[], k: number): KeywordResults;
  idf(term: string): number;
}

/** One consistent generation of the index: every label resolves in all three parts. */
export interface SearchIndex {
  readonly library: Library;
  readonly vectors: DenseSearch | null;
  readonly keyword: KeywordSearch;
  /** Corpus words near a question word in meaning; null without the word-vector table (exact words only). */
  readonly neighbours: WordNeighbours | null;
}

/** Turns a question into a vector comparable with the index's chunk vectors. */
export interface QueryEmbedder {
  embedQuery(text: string): Promise<Float32Array>;
}
