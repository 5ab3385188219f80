import { paragraphRef } from '../corpus/document.js';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import type { Library } from '../index/library.js';

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
  };
}

/** Looks up a reference typed by a person: the CLI's `passage` and the bot's `/passage`. */
export function findPassage(library: Library, ref: string): Result<Passage, CitebotError> {
  const parsed = parsePassageRef(ref);
  if (!parsed.ok) return parsed;
  const passage = passageAt(library, parsed.value.docId, parsed.value.paragraph);
  return passage ? ok(passage) : err(citebotError('PASSAGE_NOT_FOUND', { ref: paragraphRef(parsed.value.docId, parsed.value.paragraph) }));
}

/** "Putin meets Witkoff … · What the Kremlin wants · ¶12" */
export function citationLine(passage: Pick<Passage, 'title' | 'section' | 'paragraph'>): string {
  return [passage.title, passage.section, `¶${passage.paragraph}`].filter(Boolean).join(' · ');
}
