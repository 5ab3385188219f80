import type { DecodedTable, TableDescription } from './table-format.js';

/**
 * Pretrained word vectors, looked up by word (lower case). Rows stay int8 in
 * memory: a 150k-word table is 15 MB instead of 60 MB as float32, and a cosine
 * over 100 int8 components costs the same as over floats.
 */
export class WordVectors {
  private readonly rowOf = new Map<string, number>();

  constructor(private readonly table: DecodedTable) {
    table.words.forEach((word, row) => {
      // The table lists words most frequent first; a later duplicate would only be a rarer spelling.
      if (!this.rowOf.has(word)) this.rowOf.set(word, row);
    });
  }

  get description(): TableDescription {
    return this.table.description;
  }

  get checksum(): string {
    return this.table.checksum;
  }

  get dimensions(): number {
    return this.table.dimensions;
  }

  get size(): number {
    return this.rowOf.size;
  }

  has(word: string): boolean {
    return this.rowOf.has(word);
  }

  /** How common the word is in English: 1 for the most frequent word of the table, null when unknown. */
  rank(word: string): number | null {
    const row = this.rowOf.get(word);
    return row === undefined ? null : row + 1;
  }

  /** The word's unit vector, or null when the table does not know the word. */
  vector(word: string): Float32Array | null {
    const row = this.rowOf.get(word);
    if (row === undefined) return null;
    const { dimensions, rows } = this.table;
    const vector = new Float32Array(dimensions);
    let norm = 0;
    for (let i = 0; i < dimensions; i += 1) {
      const value = rows[row * dimensions + i] ?? 0;
      vector[i] = value;
      norm += value * value;
    }
    const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i += 1) vector[i]! *= scale;
    return vector;
  }

  /** Cosine similarity of two words, or null when either is unknown. */
  similarity(a: string, b: string): number | null {
    const first = this.vector(a);
    const second = this.vector(b);
    if (!first || !second) return null;
    let dot = 0;
    for (let i = 0; i < first.length; i += 1) dot += (first[i] ?? 0) * (second[i] ?? 0);
    return dot;
  }
}
