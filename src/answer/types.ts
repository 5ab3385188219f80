import type { PageRange } from '../corpus/document.js';

/**
 * How the engine found its passages: vectors only, vectors and words fused
 * (a model is loaded); words and their near words by meaning (no model), or
 * exact words only (no model and no word-vector table).
 */
export type RetrievalMode = 'dense' | 'fused' | 'lexical' | 'keyword';

/** What each mode is called where people read it. */
export const MODE_NAMES: Readonly<Record<RetrievalMode, string>> = {
  dense: 'meaning (embedding model)',
  fused: 'meaning and words (embedding model and word vectors)',
  lexical: 'words and their near words (word vectors, no model)',
  keyword: 'exact words (no model, no word vectors)',
};

/** A question word and the passage word that matched it, as written in the passage. */
export interface ShownMatch {
  readonly word: string;
  readonly matched: string;
  /** Cosine similarity of their word vectors; 1 when the passage has the word itself. */
  readonly similarity: number;
}

/** How sure the engine must be before it answers; moderators pick it per server. */
export type Strictness = 'lenient' | 'normal' | 'strict';

export interface AnswerResult {
  /** `<doc>#p<N>`, resolvable with `passage`. */
  readonly ref: string;
  readonly docId: string;
  readonly title: string;
  readonly section: string | null;
  readonly paragraph: number;
  /** The excerpt shown to users: an exact substring of the document. */
  readonly quote: string;
  /** Where the quote sits in the document's stored text; text before or after it was skipped ("…"). */
  readonly quoteStart: number;
  readonly quoteEnd: number;
  /** The whole paragraph (or, for a very long paragraph, the matched part of it). */
  readonly text: string;
  readonly textStart: number;
  readonly attribution: readonly string[];
  readonly sourceUrl: string | null;
  /** The printed page(s) the paragraph sits on, for paged documents (PDF). */
  readonly pages?: PageRange;
  /** Relevance in the mode's own scale, higher is better: what orders the passages. */
  readonly score: number;
  /** Share of the question this passage covers, by its words and their near words (0..1). */
  readonly coverage: number;
  /** Why this passage: each question word it matched, best first. */
  readonly matches: readonly ShownMatch[];
}

export interface Answer {
  /** The question after cleaning (mentions, markdown and links removed). */
  readonly question: string;
  /** False when the essays do not cover the question; `results` are then the closest passages, low confidence. */
  readonly answered: boolean;
  readonly mode: RetrievalMode;
  /**
   * How well the best passages cover the question (soft coverage, 0..1): what
   * answering or declining rests on, the same scale in every mode.
   */
  readonly confidence: number;
  readonly results: readonly AnswerResult[];
}
