import { keywordTerm } from '../index/keyword-terms.js';
import { err, ok, type Result } from '../core/result.js';

/** A word of a synonym group: its index term (what search and coverage compare) and its spelling in the file. */
export interface Synonym {
  readonly term: string;
  readonly word: string;
}

/**
 * Equivalences a maintainer declares for their documents ("swap, exchange"):
 * each word of a group stands in for every other, as fully as the word itself.
 * Word vectors find related words; this is for the pairs they miss or that only
 * these documents treat as the same.
 */
export class Synonyms {
  static readonly none = new Synonyms(new Map());

  private constructor(private readonly byTerm: ReadonlyMap<string, readonly Synonym[]>) {}

  /** Groups are merged where they share a word: "swap, exchange" and "exchange, trade" make one group. */
  static fromGroups(groups: readonly (readonly Synonym[])[]): Synonyms {
    const byTerm = new Map<string, Map<string, Synonym>>();
    for (const group of groups) {
      const merged = new Map<string, Synonym>();
      for (const synonym of group) {
        merged.set(synonym.term, synonym);
        for (const known of byTerm.get(synonym.term)?.values() ?? []) merged.set(known.term, known);
      }
      for (const term of merged.keys()) byTerm.set(term, merged);
    }
    return new Synonyms(new Map([...byTerm].map(([term, group]) => [term, [...group.values()].filter((other) => other.term !== term)])));
  }

  /** Words declared equivalent to the index term `term`, itself excluded. */
  of(term: string): readonly Synonym[] {
    return this.byTerm.get(term) ?? [];
  }

  /** How many words belong to some group. */
  get size(): number {
    return this.byTerm.size;
  }
}

/** Why a line of a synonyms file cannot be used, and where. */
export interface SynonymsProblem {
  readonly line: number;
  readonly reason: string;
}

// Text is split at hyphens and apostrophes, so a word holding one could never be found.
const WORD = /^\p{L}[\p{L}\p{N}]*$/u;

/**
 * Reads a synonyms file: one group per line, words separated by commas; blank
 * lines and lines starting with "#" are skipped. Words are single words (the
 * engine matches words, not phrases) that search does not ignore ("the" is
 * refused: it is never searched for).
 */
export function parseSynonyms(text: string): Result<Synonyms, SynonymsProblem> {
  const groups: Synonym[][] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const group = new Map<string, Synonym>();
    for (const entry of line.split(',').map((word) => word.trim().toLowerCase())) {
      const problem = entryProblem(entry);
      if (problem) return err({ line: index + 1, reason: problem });
      const term = keywordTerm(entry)!;
      if (!group.has(term)) group.set(term, { term, word: entry });
    }
    if (group.size < 2) {
      return err({ line: index + 1, reason: 'a group needs at least two words, separated by commas, that search tells apart (forms of one word, "swap, swaps", count as one)' });
    }
    groups.push([...group.values()]);
  }
  return ok(Synonyms.fromGroups(groups));
}

function entryProblem(entry: string): string | null {
  if (entry === '') return 'an empty word (two commas in a row, or one at the end)';
  if (!WORD.test(entry)) return `"${entry}" is not a single word (letters and digits, no spaces, hyphens or apostrophes)`;
  if (keywordTerm(entry) === null) return `"${entry}" is a word search ignores (too short or a function word)`;
  return null;
}
