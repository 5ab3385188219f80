import type { AnswerResult } from './types.js';

/** The quote as shown: "…" marks text of the paragraph left out before or after it. */
export function excerpt(result: Pick<AnswerResult, 'quote' | 'quoteStart' | 'quoteEnd' | 'text' | 'textStart'>): string {
  const before = result.quoteStart > result.textStart ? '… ' : '';
  const after = result.quoteEnd < result.textStart + result.text.length ? ' …' : '';
  return `${before}${result.quote}${after}`;
}
