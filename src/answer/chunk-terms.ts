import { LRUCache } from 'lru-cache';
import { keywordTermsOf } from '../index/keyword-terms.js';

/**
 * The index terms of chunks, computed from their text on first use and kept for
 * the chunks questions keep landing on: tokenizing and stemming sixty candidates
 * costs milliseconds, a cache hit nothing. Bounded, so a 10⁵-chunk index does
 * not keep a term set for every chunk.
 */
export class ChunkTerms {
  private readonly cache = new LRUCache<number, ReadonlySet<string>>({ max: 20_000 });

  constructor(private readonly textOf: (label: number) => string) {}

  of(label: number): ReadonlySet<string> {
    let terms = this.cache.get(label);
    if (!terms) {
      terms = new Set(keywordTermsOf(this.textOf(label)));
      this.cache.set(label, terms);
    }
    return terms;
  }
}
