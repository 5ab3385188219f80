import type { Span } from '../corpus/document.js';
import { sentenceSpans } from '../corpus/sentences.js';
import { keywordTermsOf } from '../index/keyword-terms.js';
import { type ExpandedTerm, softCoverage } from './meaning.js';

export interface QuoteLimits {
  /** Most sentences in one excerpt. */
  readonly maxSentences: number;
  /** Longest excerpt; a longer single sentence is cut at a word boundary. */
  readonly maxChars: number;
}

export const DEFAULT_QUOTE_LIMITS: QuoteLimits = { maxSentences: 3, maxChars: 600 };

/** Scores closer than this are equal (floating-point sums). */
const EPSILON = 1e-9;

/**
 * Picks the excerpt of `span` that best answers the question: the run of one to
 * `maxSentences` consecutive sentences with the highest soft coverage of the
 * question — each question word found as itself (full credit) or as a near word
 * (its credit), weighted by IDF — and, between runs covering as much, the one
 * with more evidence in all (a second sentence that speaks of the same thing).
 * A run opens on a sentence with evidence and grows only by sentences that use
 * a question word itself: a near word alone is too weak a reason to make the
 * quote longer. The result is always a span of `text`, so the quote is
 * verbatim by construction; a short paragraph is quoted whole.
 */
export function chooseQuote(
  text: string,
  span: Span,
  question: readonly ExpandedTerm[],
  idf: (term: string) => number,
  limits: QuoteLimits = DEFAULT_QUOTE_LIMITS,
): Span {
  const sentences = sentenceSpans(text, span);
  if (sentences.length === 0) return span;
  if (sentences.length <= 2 && span.end - span.start <= limits.maxChars) return { start: sentences[0]!.start, end: sentences.at(-1)!.end };

  const termsOf = sentences.map((sentence) => new Set(keywordTermsOf(text.slice(sentence.start, sentence.end))));
  const coverageOf = (terms: ReadonlySet<string>) => softCoverage(question, terms, idf).coverage;
  const evidence = termsOf.map(coverageOf);
  // A declared synonym (credit 1) counts as the word itself; a word-vector neighbour does not.
  const asItself = question.map((term) => ({ ...term, near: term.near.filter((near) => near.credit >= 1) }));
  const hasQuestionWord = termsOf.map((terms) => softCoverage(asItself, terms, idf).coverage > 0);
  let best = { first: 0, last: 0, coverage: 0, evidence: 0 };
  const better = (coverage: number, total: number) =>
    coverage > best.coverage + EPSILON || (coverage > best.coverage - EPSILON && total > best.evidence + EPSILON);
  for (let first = 0; first < sentences.length; first += 1) {
    if ((evidence[first] ?? 0) === 0) continue;
    const run = new Set<string>();
    let total = 0;
    for (let last = first; last < Math.min(sentences.length, first + limits.maxSentences); last += 1) {
      const own = evidence[last] ?? 0;
      if (last > first && (!hasQuestionWord[last] || sentences[last]!.end - sentences[first]!.start > limits.maxChars)) break;
      for (const term of termsOf[last]!) run.add(term);
      total += own;
      const coverage = coverageOf(run);
      if (better(coverage, total)) best = { first, last, coverage, evidence: total };
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
