import type { WordVectors } from '../lexicon/word-vectors.js';
import { keywordTerm, forEachKeywordToken } from './keyword-terms.js';
import type { FileSource } from '../storage/verified-file.js';
import { VectorStore } from './vector-store.js';

export interface TermNeighbour {
  /** An index term of the corpus. */
  readonly term: string;
  /** Cosine similarity between the word vectors. */
  readonly similarity: number;
  /** How common the term's usual spelling is in English (1 = the most frequent word). */
  readonly rank: number;
}

/** HNSW parameters for the term graph: small vectors, and exact enough that a word's best neighbours are never missed. */
const TERM_GRAPH = { space: 'cosine', m: 16, efConstruction: 200, efSearch: 100, nextLabel: 0 } as const;

/** A term written with a capital this often, away from the start of a sentence, is a name. */
const NAME_SHARE = 0.6;

/**
 * The corpus's own vocabulary placed in word-vector space: every index term
 * that the word-vector table knows, as the frequency-weighted mean of the words
 * it stands for ("negotiations", "negotiating" → "negoti"), in an HNSW graph. A
 * question word's nearest corpus terms are then one graph search away, whatever
 * the corpus size, including for words the corpus never uses — which are the
 * ones that need it ("need" → "necessary").
 *
 * Names are marked: word vectors put Russia next to Ukraine and August next to
 * January (they are used alike), which is relatedness, not sameness, so a name
 * is only ever found as itself or as a form of itself (Europe → European).
 */
export class TermLexicon {
  private readonly nameTerms: ReadonlySet<string>;

  private constructor(
    readonly terms: readonly string[],
    private readonly ranks: readonly number[],
    private readonly names: ReadonlySet<number>,
    private readonly graph: VectorStore | null,
  ) {
    this.nameTerms = new Set([...names].map((label) => terms[label] ?? ''));
  }

  static build(texts: readonly string[], words: WordVectors): TermLexicon {
    const spellings = termSpellings(texts);
    const nameTerms = namesIn(texts);
    const terms: string[] = [];
    const ranks: number[] = [];
    const vectors: Float32Array[] = [];
    for (const [term, counts] of [...spellings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const vector = meanVector(counts, words);
      if (!vector) continue;
      terms.push(term);
      ranks.push(Math.min(...[...counts.keys()].map((word) => words.rank(word) ?? Infinity)));
      vectors.push(vector);
    }
    const names = new Set(terms.flatMap((term, label) => (nameTerms.has(term) ? [label] : [])));
    if (terms.length === 0) return new TermLexicon([], [], names, null);
    const graph = VectorStore.create(words.dimensions, TERM_GRAPH, terms.length);
    vectors.forEach((vector, label) => graph.add(label, vector));
    return new TermLexicon(terms, ranks, names, graph);
  }

  /** `terms` as serialised by `serializeTerms`, with the graph file written from `graphSource` (none for an empty lexicon). */
  static async open(serializedTerms: string, graphFile: string | null, dimensions: number): Promise<TermLexicon> {
    const { terms, ranks, names } = JSON.parse(serializedTerms) as { terms: unknown; ranks: unknown; names: unknown };
    const valid =
      Array.isArray(terms) &&
      Array.isArray(ranks) &&
      Array.isArray(names) &&
      terms.length === ranks.length &&
      terms.every((term) => typeof term === 'string') &&
      ranks.every((rank) => Number.isInteger(rank) && rank > 0) &&
      names.every((label) => Number.isInteger(label) && label >= 0 && label < terms.length);
    if (!valid) throw new Error('not a list of terms');
    const graph = graphFile && terms.length > 0 ? await VectorStore.open(graphFile, dimensions, TERM_GRAPH, terms.length) : null;
    if (graph && !graph.ok) throw new Error(graph.error);
    return new TermLexicon(terms as string[], ranks as number[], new Set(names as number[]), graph?.value ?? null);
  }

  get size(): number {
    return this.terms.length;
  }

  serializeTerms(): string {
    return JSON.stringify({ terms: this.terms, ranks: this.ranks, names: [...this.names] });
  }

  /** The graph as a file for `writeVerified` (none for an empty lexicon). */
  graphSource(): FileSource | undefined {
    return this.graph?.fileSource();
  }

  /**
   * The `k` corpus terms nearest to the vector of `word` (most similar first).
   * A name stands only for itself: when the word is one of the corpus's names,
   * or a neighbour is, only forms of the word itself are kept.
   */
  nearest(word: string, vector: Float32Array, k: number): TermNeighbour[] {
    if (!this.graph) return [];
    const wordIsName = this.nameTerms.has(keywordTerm(word) ?? '');
    return this.graph.search(vector, k).flatMap(({ label, similarity }) => {
      const term = this.terms[label];
      if (term === undefined || ((wordIsName || this.names.has(label)) && !sameStart(term, word))) return [];
      return [{ term, similarity, rank: this.ranks[label] ?? 1 }];
    });
  }

}

/** "europ" and "european", "russia" and "russian": forms of one name. */
function sameStart(term: string, word: string): boolean {
  const length = Math.min(4, term.length, word.length);
  return term.slice(0, length) === word.slice(0, length);
}

/** Each index term of the texts with the words it was written as, and how often. */
export function termSpellings(texts: Iterable<string>): Map<string, Map<string, number>> {
  const spellings = new Map<string, Map<string, number>>();
  for (const text of texts) {
    forEachKeywordToken(text, (term, word) => {
      let counts = spellings.get(term);
      if (!counts) spellings.set(term, (counts = new Map()));
      counts.set(word, (counts.get(word) ?? 0) + 1);
    });
  }
  return spellings;
}

const WORD = /[^\s\p{P}\p{S}]+/gu;
/** What may stand between a sentence's end and its first word: spaces, quotes, brackets, dashes. */
const OPENING = /[\s"“‘'([{—–-]*$/u;

/** Terms written with a capital letter in most of their occurrences that do not start a sentence or line. */
export function namesIn(texts: Iterable<string>): Set<string> {
  const capitalised = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const text of texts) {
    for (const match of text.matchAll(WORD)) {
      const term = keywordTerm(match[0]);
      if (term === null || startsSentence(text, match.index)) continue;
      seen.set(term, (seen.get(term) ?? 0) + 1);
      if (/^\p{Lu}/u.test(match[0])) capitalised.set(term, (capitalised.get(term) ?? 0) + 1);
    }
  }
  return new Set([...seen].filter(([term, count]) => (capitalised.get(term) ?? 0) / count >= NAME_SHARE).map(([term]) => term));
}

function startsSentence(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 8), index).replace(OPENING, '');
  return before === '' || /[.!?:\n]$/u.test(before);
}

/** The count-weighted mean of the words' unit vectors; null when the table knows none of them. */
function meanVector(counts: ReadonlyMap<string, number>, words: WordVectors): Float32Array | null {
  let mean: Float32Array | null = null;
  for (const [word, count] of counts) {
    const vector = words.vector(word);
    if (!vector) continue;
    mean ??= new Float32Array(vector.length);
    for (let i = 0; i < vector.length; i += 1) mean[i]! += count * (vector[i] ?? 0);
  }
  if (!mean) return null;
  const norm = Math.hypot(...mean) || 1;
  return mean.map((x) => x / norm);
}
