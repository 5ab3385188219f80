import type { Library } from '../index/library.js';
import { type CitationStyle, formatCitation, type Italic } from './citation.js';

/**
 * The formatted reference for paragraph `paragraph` of `docId`, from what the
 * index holds about the document; undefined when the index no longer has it.
 * Kept beside the answer engine, not in it: results carry a ref, this adds the rest.
 */
export function citePassage(library: Library, docId: string, paragraph: number, style: CitationStyle, italic?: Italic): string | undefined {
  const document = library.document(docId);
  const found = document?.paragraphs[paragraph - 1];
  if (!document || !found) return undefined;
  return formatCitation(style, document, { paragraph, pages: found.pages }, italic);
}
