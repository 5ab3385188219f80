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
  /** Share of the question's term weight (IDF) that this chunk contains, 0..1. */
  readonly coverage: number;
}

const CONTEXT_BOOST = 0.3;

const OPTIONS: Options<KeywordEntry> = {
  idField: 'label',
  fields: ['text', 'context'],
  storeFields: [],
  tokenize: (text) => text.split(/[\s\p{P}\p{S}]+/u),
  processTerm: (term) => keywordTerm(term) ?? false,
  // Prefix matching lets "russia" find "russian" and "negotiat" find "negotiating"; short terms would match too much.
  searchOptions: { boost: { text: 1, context: CONTEXT_BOOST }, combineWith: 'OR', prefix: (term) => term.length >= 4 },
};

/**
 * BM25 keyword search over chunks (MiniSearch), persisted alongside the vectors.
 * It also keeps each term's document frequency, which MiniSearch does not expose,
 * so quotes can weigh a rare word like "Hegseth" above a common one like "Putin".
 * Serialised as two JSON lines: the MiniSearch index, then the frequencies.
 */
export class KeywordIndex {
  private constructor(
    private readonly index: MiniSearch<KeywordEntry>,
    private readonly frequencies: ReadonlyMap<string, number>,
  ) {}

  static build(entries: Iterable<KeywordEntry>): KeywordIndex {
    const all = [...entries];
    const index = new MiniSearch<KeywordEntry>(OPTIONS);
    index.addAll(all);
    const frequencies = new Map<string, number>();
    for (const entry of all) {
      for (const term of keywordTermsOf(entry.text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
    return new KeywordIndex(index, frequencies);
  }

  static async load(serialized: string): Promise<KeywordIndex> {
    const split = serialized.lastIndexOf('\n');
    const frequencies = new Map<string, number>(JSON.parse(serialized.slice(split + 1)) as [string, number][]);
    return new KeywordIndex(await MiniSearch.loadJSONAsync<KeywordEntry>(serialized.slice(0, split), OPTIONS), frequencies);
  }

  get size(): number {
    return this.index.documentCount;
  }

  serialize(): string {
    return `${JSON.stringify(this.index)}\n${JSON.stringify([...this.frequencies])}`;
  }

  /** Smoothed inverse document frequency of an index term (see keywordTerm). */
  idf(term: string): number {
    const frequency = this.frequencies.get(term) ?? 0;
    return Math.log(1 + (this.size - frequency + 0.5) / (frequency + 0.5));
  }

  /**
   * How much of the question a text covers, weighing each question term by its
   * IDF: missing "Hegseth" matters more than missing "Russia", and a term no
   * indexed chunk contains (say "China") weighs the most, which is what makes
   * an uncovered question score low.
   */
  coverage(questionTerms: readonly string[], presentTerms: Iterable<string>): number {
    const present = new Set(presentTerms);
    let total = 0;
    let covered = 0;
    for (const term of new Set(questionTerms)) {
      const weight = this.idf(term);
      total += weight;
      if (present.has(term)) covered += weight;
    }
    return total === 0 ? 0 : covered / total;
  }

  search(query: string, k: number): KeywordHit[] {
    const wanted = keywordTermsOf(query);
    if (wanted.length === 0) return [];
    return this.index
      .search(query)
      .slice(0, k)
      .map((hit) => ({ label: Number(hit.id), score: hit.score, coverage: this.coverage(wanted, hit.queryTerms) }));
  }
}
