import { keywordTokensOf } from '../index/keyword-terms.js';

/** One term the engine looks for, and how much finding it counts. */
export interface QueryTerm {
  /** Index term (lower case, Porter stem), as keyword search and quotes see it. */
  readonly term: string;
  /** The word as the asker wrote it, lower case. */
  readonly word: string;
  /** 1 for the question asked; less for words carried over from earlier questions of the conversation. */
  readonly weight: number;
}

/**
 * Weight of the words of earlier questions, most recent first. A follow-up ("why
 * does he want that?") names little by itself, so the conversation's earlier
 * question supplies the topic: each of its words counts at most half a word of
 * the new question, the one before at most a quarter.
 */
export const CONTEXT_WEIGHTS: readonly number[] = [0.5, 0.25];

/**
 * ...and an earlier question's words together count at most this share of the
 * new question's, so a follow-up that names a new topic ("and the summit?") is
 * about that topic, however long the earlier question was.
 */
const CONTEXT_SHARE = 0.5;

/** The terms of a question, then those of up to two earlier questions (`context`, oldest first) that it does not repeat. */
export function queryTerms(question: string, context: readonly string[] = []): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  const own = keywordTokensOf(question);
  for (const { term, word } of own) terms.set(term, { term, word, weight: 1 });
  const earlier = context.slice(-CONTEXT_WEIGHTS.length).reverse();
  earlier.forEach((text, i) => {
    const added = keywordTokensOf(text).filter(({ term }) => !terms.has(term));
    const cap = CONTEXT_WEIGHTS[i] ?? 0;
    const weight = own.length === 0 ? cap : Math.min(cap, (CONTEXT_SHARE * own.length) / Math.max(1, added.length));
    for (const { term, word } of added) terms.set(term, { term, word, weight });
  });
  return [...terms.values()];
}
