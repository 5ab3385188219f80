import type { WeightedTerm } from '../index/keyword-terms.js';
import type { TermNeighbour } from '../index/term-lexicon.js';
import { Synonyms } from '../lexicon/synonyms.js';
import type { QueryTerm } from './query.js';

/** Words of the corpus near a question word in meaning (pretrained word vectors). */
export interface WordNeighbours {
  /** Corpus terms nearest to `word`, most similar first; empty when the word vectors do not know the word. */
  near(word: string): readonly TermNeighbour[];
  /** How common `word` is in English (1 = the most frequent word); null when unknown. */
  rank(word: string): number | null;
}

export interface MeaningSettings {
  /**
   * Lowest cosine similarity at which a corpus word counts as near a question
   * word; above it, credit rises linearly from 0 at the floor to 1 at identity.
   */
  readonly floor: number;
  /** Most near words taken per question word. */
  readonly neighbours: number;
  /**
   * The most common English words ("make", "time", "even") are close to nearly
   * every other common word in word-vector space, so a match through them says
   * little: words among this many most frequent ones are matched only as
   * themselves, on either side.
   */
  readonly commonWords: number;
}

/** A corpus term near a question word, and how much finding it counts (0..1; the word itself counts 1). */
export interface NearTerm extends TermNeighbour {
  readonly credit: number;
}

/** A question term with the corpus terms near it in meaning (its own term excluded), most similar first. */
export interface ExpandedTerm extends QueryTerm {
  readonly near: readonly NearTerm[];
}

/** Which passage word stood in for a question word, and how similar they are (1 for the same word). */
export interface WordMatch {
  /** The question's word, as asked. */
  readonly word: string;
  /** The passage's index term that matched it. */
  readonly term: string;
  readonly similarity: number;
}

/**
 * Each question term with its near corpus terms: the maintainer's synonyms first
 * (full credit), then near words by word vectors; without either, exact terms only.
 */
export function expandQuery(
  terms: readonly QueryTerm[],
  neighbours: WordNeighbours | null,
  settings: MeaningSettings,
  synonyms: Synonyms = Synonyms.none,
): ExpandedTerm[] {
  const common = (rank: number | null) => rank !== null && rank <= settings.commonWords;
  return terms.map((query) => {
    const declared = synonyms.of(query.term).map(({ term }) => ({ term, similarity: 1, rank: 0, credit: 1 }));
    const declaredTerms = new Set(declared.map(({ term }) => term));
    const byVectors =
      neighbours && !common(neighbours.rank(query.word))
        ? neighbours
            .near(query.word)
            .filter(({ term, similarity, rank }) => term !== query.term && !declaredTerms.has(term) && similarity > settings.floor && !common(rank))
            .slice(0, settings.neighbours)
            .map((near) => ({ ...near, credit: (near.similarity - settings.floor) / (1 - settings.floor) }))
        : [];
    return { ...query, near: [...declared, ...byVectors] };
  });
}

/**
 * What keyword search looks for: each question term at its weight and each near
 * term at that weight times its credit, so "necessary" is found for "need" but
 * counts less than "need" itself would. A term several question words bring
 * keeps its highest weight.
 */
export function searchTerms(expanded: readonly ExpandedTerm[]): WeightedTerm[] {
  const weights = new Map<string, number>();
  const offer = (term: string, weight: number) => weights.set(term, Math.max(weight, weights.get(term) ?? 0));
  for (const query of expanded) {
    offer(query.term, query.weight);
    for (const { term, credit } of query.near) offer(term, query.weight * credit);
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/**
 * Soft coverage: the share of the question's weight (IDF times query weight) that
 * a passage's terms cover, each question term by itself (credit 1) or by its
 * most similar near word present (its credit). It does not depend on any
 * embedding model, so a threshold on it means the same with every model and
 * with none. Also returns which passage word matched each question word.
 */
export function softCoverage(
  expanded: readonly ExpandedTerm[],
  present: ReadonlySet<string>,
  idf: (term: string) => number,
): { readonly coverage: number; readonly matches: WordMatch[] } {
  let total = 0;
  let covered = 0;
  const matches: WordMatch[] = [];
  for (const query of expanded) {
    const weight = query.weight * idf(query.term);
    total += weight;
    const match = bestMatch(query, present);
    if (!match) continue;
    covered += weight * match.credit;
    matches.push({ word: query.word, term: match.term, similarity: match.similarity });
  }
  return { coverage: total === 0 ? 0 : covered / total, matches };
}

function bestMatch(query: ExpandedTerm, present: ReadonlySet<string>): NearTerm | undefined {
  if (present.has(query.term)) return { term: query.term, similarity: 1, rank: 0, credit: 1 };
  // `near` is sorted most similar first, so the first present one is the best.
  return query.near.find(({ term }) => present.has(term));
}
