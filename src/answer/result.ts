import { paragraphRef } from '../corpus/document.js';
import { keywordTerm, splitWords } from '../index/keyword-terms.js';
import type { IndexedChunk, Library } from '../index/library.js';
import { chunkSearchText } from '../index/chunk-text.js';
import { type ExpandedTerm, softCoverage } from './meaning.js';
import { chooseQuote, type QuoteLimits } from './quote.js';
import type { AnswerResult, ShownMatch } from './types.js';

/** The text a chunk is matched by: its own slice and, on a quotation's last part, the credit lines. */
export function chunkMatchText(library: Library, chunk: IndexedChunk): string {
  const document = library.document(chunk.docId);
  return document ? chunkSearchText(document.text, document.paragraphs, chunk) : '';
}

/** One passage as the engine returns it: citation, verbatim quote, the whole paragraph and why it matched. */
export function passageResult(
  library: Library,
  chunk: IndexedChunk,
  score: number,
  question: readonly ExpandedTerm[],
  idf: (term: string) => number,
  quoteLimits: QuoteLimits,
  /** The chunk's index terms (of `chunkMatchText`), as the engine already holds them. */
  terms: ReadonlySet<string>,
): AnswerResult {
  const document = library.document(chunk.docId)!;
  const paragraph = document.paragraphs[chunk.paragraph - 1]!;
  const quote = chooseQuote(document.text, chunk.span, question, idf, quoteLimits);
  const whole = chunk.parts === 1 ? paragraph.span : chunk.span;
  const { coverage, matches } = softCoverage(question, terms, idf);
  return {
    ref: paragraphRef(document.id, chunk.paragraph),
    docId: document.id,
    title: document.title,
    section: paragraph.section,
    paragraph: chunk.paragraph,
    quote: document.text.slice(quote.start, quote.end),
    quoteStart: quote.start,
    quoteEnd: quote.end,
    text: document.text.slice(whole.start, whole.end),
    textStart: whole.start,
    attribution: paragraph.attribution.map((line) => document.text.slice(line.start, line.end)),
    sourceUrl: document.sourceUrl,
    ...(paragraph.pages ? { pages: paragraph.pages } : {}),
    score,
    coverage,
    matches: shownMatches(matches, chunkMatchText(library, chunk)),
  };
}

/** Matches as a reader checks them: the passage's word as written there, best matches first. */
function shownMatches(matches: readonly { word: string; term: string; similarity: number }[], text: string): ShownMatch[] {
  const written = new Map<string, string>();
  for (const token of splitWords(text)) {
    const term = keywordTerm(token);
    if (term !== null && !written.has(term)) written.set(term, token);
  }
  return matches
    .map((match) => ({ word: match.word, matched: written.get(match.term) ?? match.term, similarity: Number(match.similarity.toFixed(3)) }))
    .sort((a, b) => b.similarity - a.similarity);
}
