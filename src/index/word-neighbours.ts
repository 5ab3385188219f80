import { LRUCache } from 'lru-cache';
import type { WordNeighbours } from '../answer/meaning.js';
import type { WordVectors } from '../lexicon/word-vectors.js';
import type { TermLexicon, TermNeighbour } from './term-lexicon.js';

/** Nearest corpus terms looked up per question word; the engine keeps those above its similarity floor. */
const NEAREST = 32;

/** Question words to corpus terms: the word's vector from the table, its neighbours from the index's term graph. */
export class LexiconNeighbours implements WordNeighbours {
  // Question words repeat ("Russia", "want", "Kremlin"); a graph search each time is cheap, a lookup cheaper.
  private readonly cache = new LRUCache<string, readonly TermNeighbour[]>({ max: 10_000 });

  constructor(
    private readonly words: WordVectors,
    private readonly terms: TermLexicon,
  ) {}

  rank(word: string): number | null {
    return this.words.rank(word);
  }

  near(word: string): readonly TermNeighbour[] {
    let found = this.cache.get(word);
    if (!found) {
      const vector = this.words.vector(word);
      found = vector ? this.terms.nearest(word, vector, NEAREST) : [];
      this.cache.set(word, found);
    }
    return found;
  }
}
