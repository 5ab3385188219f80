/** How the engine found its passages: vectors only, vectors and keywords fused, or keywords only (no model). */
export type RetrievalMode = 'dense' | 'fused' | 'keyword';

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
  /** Relevance in the mode's own scale, higher is better; what abstention is calibrated on. */
  readonly score: number;
}

export interface Answer {
  /** The question after cleaning (mentions, markdown and links removed). */
  readonly question: string;
  /** False when the essays do not cover the question; `results` are then the closest passages, low confidence. */
  readonly answered: boolean;
  readonly mode: RetrievalMode;
  readonly results: readonly AnswerResult[];
}
