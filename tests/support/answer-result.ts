import type { AnswerResult } from '../../src/answer/types.js';

/** A passage result whose quote is its whole (one-paragraph) text, for rendering and metric tests without an index. */
export function answerResult(docId: string, paragraph: number, text: string, overrides: Partial<AnswerResult> = {}): AnswerResult {
  return {
    ref: `${docId}#p${paragraph}`,
    docId,
    title: docId,
    section: null,
    paragraph,
    quote: text,
    quoteStart: 0,
    quoteEnd: text.length,
    text,
    textStart: 0,
    attribution: [],
    sourceUrl: null,
    score: 1,
    coverage: 1,
    matches: [],
    ...overrides,
  };
}
