import { type PageRange, paragraphRef } from '../corpus/document.js';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import type { Library } from '../index/library.js';
import { pageLabel } from './citation.js';

/** A whole paragraph with everything needed to cite it. */
export interface Passage {
  /** Stable reference, `<doc>#p<N>`. */
  readonly ref: string;
  readonly docId: string;
  readonly title: string;
  readonly section: string | null;
  readonly paragraph: number;
  readonly text: string;
  /** Credit lines of a quotation, verbatim. */
  readonly attribution: readonly string[];
  readonly sourceUrl: string | null;
  /** Where `text` starts and ends in the document's stored text. */
  readonly start: number;
  readonly end: number;
  /** The printed page(s), for paged documents (PDF). */
  readonly pages?: PageRange;
}

const REF = /^\s*([\p{L}\p{N}][\p{L}\p{N}\p{M}-]{0,63})\s*#\s*p?\s*(\d{1,6})\s*$/iu;

export function parsePassageRef(input: string): Result<{ docId: string; paragraph: number }, CitebotError> {
  const match = REF.exec(input);
  const paragraph = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(paragraph) || paragraph < 1) {
    return err(citebotError('PASSAGE_REF_INVALID', { ref: input.slice(0, 100) }));
  }
  return ok({ docId: match[1].toLowerCase(), paragraph });
}

export function passageAt(library: Library, docId: string, paragraph: number): Passage | undefined {
  const document = library.document(docId);
  const found = document?.paragraphs[paragraph - 1];
  if (!document || !found) return undefined;
  return {
    ref: paragraphRef(docId, paragraph),
    docId,
    title: document.title,
    section: found.section,
    paragraph,
    text: document.text.slice(found.span.start, found.span.end),
    attribution: found.attribution.map((line) => document.text.slice(line.start, line.end)),
    sourceUrl: document.sourceUrl,
    start: found.span.start,
    end: found.span.end,
    ...(found.pages ? { pages: found.pages } : {}),
  };
}

const PAGE_REF = /^\s*([\p{L}\p{N}][\p{L}\p{N}\p{M}-]{0,63})\s*#\s*page\s*=?\s*([\p{L}\p{N}]{1,10})\s*$/iu;

/** `doc#page=12` → the document and the page label, lower-cased; undefined for anything else. */
export function parsePageRef(ref: string): { docId: string; label: string } | undefined {
  const page = PAGE_REF.exec(ref);
  return page?.[1] && page[2] ? { docId: page[1].toLowerCase(), label: page[2].toLowerCase() } : undefined;
}

/**
 * Looks up a reference typed by a person: the CLI's `passage` and the bot's
 * `/passage`. `doc#p14` is paragraph 14; `doc#page=12` (the PDF convention) is the
 * first paragraph printed on page 12 of a paged document.
 */
export function findPassage(library: Library, ref: string): Result<Passage, CitebotError> {
  const page = parsePageRef(ref);
  if (page) return passageOnPage(library, page.docId, page.label);
  const parsed = parsePassageRef(ref);
  if (!parsed.ok) return parsed;
  const passage = passageAt(library, parsed.value.docId, parsed.value.paragraph);
  return passage ? ok(passage) : err(citebotError('PASSAGE_NOT_FOUND', { ref: paragraphRef(parsed.value.docId, parsed.value.paragraph) }));
}

/** "Putin meets Witkoff … · What the Kremlin wants · ¶12", with "p. 12" (or "pp. 12–13") before ¶ for a paged document. */
export function citationLine(passage: Pick<Passage, 'title' | 'section' | 'paragraph'> & { readonly pages?: PageRange | undefined }): string {
  return [passage.title, passage.section, pageLabel(passage.pages), `¶${passage.paragraph}`].filter(Boolean).join(' · ');
}

function passageOnPage(library: Library, docId: string, label: string): Result<Passage, CitebotError> {
  const document = library.document(docId);
  const number = Number(label);
  const index = (document?.paragraphs ?? []).findIndex((paragraph) => {
    const pages = paragraph.pages;
    if (!pages) return false;
    if (pages.first.toLowerCase() === label || pages.last.toLowerCase() === label) return true;
    return Number.isInteger(number) && Number(pages.first) <= number && number <= Number(pages.last);
  });
  const passage = index >= 0 ? passageAt(library, docId, index + 1) : undefined;
  return passage ? ok(passage) : err(citebotError('PASSAGE_NOT_FOUND', { ref: `${docId}#page=${label}` }));
}
