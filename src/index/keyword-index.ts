import MiniSearch, { type Options } from 'minisearch';
import { keywordTerm, keywordTermsOf } from './keyword-terms.js';

export interface KeywordEntry {
  readonly label: number;
  readonly text: string;
  /** Section heading and document title: weaker evidence than the paragraph itself. */
  readonly context: string;
}

export interface KeywordHit {
  readonly label: number;
  /** BM25 score; comparable only within one query. */
  readonly score: number;
  /** Share of the question's distinct terms that this chunk contains, 0..1. */
  readonly coverage: number;
}

const FIELDS = ['text', 'context'];
const CONTEXT_BOOST = 0.3;

const OPTIONS: Options<KeywordEntry> = {
  idField: 'label',
  fields: FIELDS,
  storeFields: [],
  tokenize: (text) => text.split(/[\s\p{P}\p{S}]+/u),
  processTerm: (term) => keywordTerm(term) ?? false,
  searchOptions: { boost: { text: 1, context: CONTEXT_BOOST }, combineWith: 'OR' },
};

/** BM25 keyword search over chunks (MiniSearch), persisted alongside the vectors. */
export class KeywordIndex {
  private constructor(private readonly search_: MiniSearch<KeywordEntry>) {}

  static build(entries: Iterable<KeywordEntry>): KeywordIndex {
    const index = new MiniSearch<KeywordEntry>(OPTIONS);
    index.addAll([...entries]);
    return new KeywordIndex(index);
  }

  static async load(json: string): Promise<KeywordIndex> {
    return new KeywordIndex(await MiniSearch.loadJSONAsync<KeywordEntry>(json, OPTIONS));
  }

  get size(): number {
    return this.search_.documentCount;
  }

  serialize(): string {
    return JSON.stringify(this.search_);
  }

  search(query: string, k: number): KeywordHit[] {
    const wanted = keywordTermsOf(query);
    if (wanted.length === 0) return [];
    return this.search_
      .search(query)
      .slice(0, k)
      .map((hit) => ({
        label: Number(hit.id),
        score: hit.score,
        coverage: new Set(hit.queryTerms).size / wanted.length,
      }));
  }
}
