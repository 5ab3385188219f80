import MiniSearch, { type Options } from 'minisearch';
import { keywordTerm, keywordTermsOf, splitWords, type WeightedTerm } from './keyword-terms.js';

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

export interface KeywordSearch {
  /** The best `k` chunks by BM25. */
  readonly hits: readonly KeywordHit[];
  /** Coverage of any chunk, found or not (0 when it holds none of the searched terms). */
  coverage(label: number): number;
}

/**
 * Most postings a query walks. MiniSearch scores every chunk containing any query
 * term, so a common word ("Russia" in a corpus about Russia) would make every
 * query cost O(corpus). Terms are taken rarest first until this budget is spent;
 * the common ones left out carry little BM25 weight anyway (low IDF), which is the
 * idea behind Lucene's common-terms query.
 */
const POSTINGS_BUDGET = 1_000;

const CONTEXT_BOOST = 0.3;

const OPTIONS: Options<KeywordEntry> = {
  idField: 'label',
  fields: ['text', 'context'],
  storeFields: [],
  tokenize: splitWords,
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

  /**
   * `blocking` is about twice as fast but holds the event loop for the whole load
   * (seconds at 10⁵ chunks); `yielding` loads in slices, for a process that is
   * already answering questions.
   */
  static async load(serialized: string, mode: 'blocking' | 'yielding'): Promise<KeywordIndex> {
    const split = serialized.lastIndexOf('\n');
    const frequencies = new Map<string, number>(JSON.parse(serialized.slice(split + 1)) as [string, number][]);
    const json = serialized.slice(0, split);
    const index = mode === 'blocking' ? MiniSearch.loadJSON<KeywordEntry>(json, OPTIONS) : await MiniSearch.loadJSONAsync<KeywordEntry>(json, OPTIONS);
    return new KeywordIndex(index, frequencies);
  }

  /** An index of nothing: stands in while the real one loads, so answers can start from vectors alone. */
  static empty(): KeywordIndex {
    return new KeywordIndex(new MiniSearch<KeywordEntry>(OPTIONS), new Map());
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
   * IDF (and its query weight): missing "Hegseth" matters more than missing
   * "Russia", and a term no indexed chunk contains (say "China") weighs the most,
   * which is what makes an uncovered question score low.
   */
  coverage(questionTerms: readonly WeightedTerm[], presentTerms: Iterable<string>): number {
    const present = new Set(presentTerms);
    let total = 0;
    let covered = 0;
    for (const { term, weight } of questionTerms) {
      const termWeight = weight * this.idf(term);
      total += termWeight;
      if (present.has(term)) covered += termWeight;
    }
    return total === 0 ? 0 : covered / total;
  }

  /** BM25 search for weighted terms (see `weightedTermsOf` for a plain text); each term's BM25 share is scaled by its weight. */
  search(wanted: readonly WeightedTerm[], k: number): KeywordSearch {
    const searched = this.affordableTerms(wanted.map(({ term }) => term));
    if (searched.length === 0) return { hits: [], coverage: () => 0 };
    const weightOf = new Map(wanted.map(({ term, weight }) => [term, weight]));
    // The terms are already processed (stemmed); processing them again could change them.
    const results = this.index.search(searched.join(' '), { processTerm: (term) => term, boostTerm: (term) => weightOf.get(term) ?? 1 });
    const coverage = new Map(results.map((hit) => [Number(hit.id), this.coverage(wanted, hit.queryTerms)]));
    return {
      hits: results.slice(0, k).map((hit) => ({ label: Number(hit.id), score: hit.score, coverage: coverage.get(Number(hit.id)) ?? 0 })),
      coverage: (label) => coverage.get(label) ?? 0,
    };
  }

  /**
   * The question's terms that occur in the index, rarest first, while their
   * postings fit the budget (always at least the rarest). A term no chunk
   * contains costs nothing to search and finds nothing, so it must not stand in
   * for the terms that can.
   */
  private affordableTerms(terms: readonly string[]): string[] {
    const present = terms.filter((term) => (this.frequencies.get(term) ?? 0) > 0);
    const byRarity = present.sort((a, b) => (this.frequencies.get(a) ?? 0) - (this.frequencies.get(b) ?? 0));
    const chosen: string[] = [];
    let postings = 0;
    for (const term of byRarity) {
      const frequency = this.frequencies.get(term) ?? 0;
      if (chosen.length > 0 && postings + frequency > POSTINGS_BUDGET) break;
      chosen.push(term);
      postings += frequency;
    }
    return chosen;
  }
}
