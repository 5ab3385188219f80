import type { Span } from '../corpus/document.js';
import { sentenceSpans } from '../corpus/sentences.js';
import { keywordTermsOf, type WeightedTerm } from '../index/keyword-terms.js';

export interface QuoteLimits {
  /** Most sentences in one excerpt. */
  readonly maxSentences: number;
  /** Longest excerpt; a longer single sentence is cut at a word boundary. */
  readonly maxChars: number;
}

export const DEFAULT_QUOTE_LIMITS: QuoteLimits = { maxSentences: 3, maxChars: 600 };

/**
 * Picks the excerpt of `span` that best answers the question: the run of one to
 * `maxSentences` consecutive sentences whose words carry the most weight of the
 * question's terms (each term's query weight times `termWeight`). The result is always a span of `text`, so the quote is
 * verbatim by construction; a short paragraph is quoted whole.
 */
export function chooseQuote(
  text: string,
  span: Span,
  questionTerms: readonly WeightedTerm[],
  termWeight: (term: string) => number,
  limits: QuoteLimits = DEFAULT_QUOTE_LIMITS,
): Span {
  const sentences = sentenceSpans(text, span);
  if (sentences.length === 0) return span;
  if (sentences.length <= 2 && span.end - span.start <= limits.maxChars) return { start: sentences[0]!.start, end: sentences.at(-1)!.end };

  const wanted = new Map(questionTerms.map(({ term, weight }) => [term, weight]));
  const scores = sentences.map((sentence) =>
    keywordTermsOf(text.slice(sentence.start, sentence.end)).reduce((sum, term) => sum + (wanted.get(term) ?? 0) * termWeight(term), 0),
  );
  let best = { first: 0, last: 0, score: 0 };
  for (let first = 0; first < sentences.length; first += 1) {
    // A quote opens on a sentence that carries evidence, not on filler before it.
    if ((scores[first] ?? 0) === 0) continue;
    let score = 0;
    for (let last = first; last < Math.min(sentences.length, first + limits.maxSentences); last += 1) {
      const added = scores[last] ?? 0;
      // A neighbour is only worth quoting if it adds evidence of its own and still fits.
      if (last > first && (added === 0 || sentences[last]!.end - sentences[first]!.start > limits.maxChars)) break;
      score += added;
      if (score > best.score) best = { first, last, score };
    }
  }
  const chosen = { start: sentences[best.first]!.start, end: sentences[best.last]!.end };
  return chosen.end - chosen.start <= limits.maxChars ? chosen : cutAtWord(text, chosen, limits.maxChars);
}

/** The longest prefix of `span` within `maxChars` that ends at the end of a word. */
function cutAtWord(text: string, span: Span, maxChars: number): Span {
  const window = text.slice(span.start, span.start + maxChars + 1);
  const lastBreak = window.search(/\s\S*$/);
  const end = lastBreak > 0 ? span.start + lastBreak : span.start + maxChars;
  return { start: span.start, end: span.start + text.slice(span.start, end).trimEnd().length };
}
