import type { SearchIndex } from '../answer/search-index.js';
import { paragraphRef } from '../corpus/document.js';
import { weightedTermsOf } from '../index/keyword-terms.js';

export interface Suggestion {
  readonly name: string;
  readonly value: string;
}

const MAX_SUGGESTIONS = 25;
const SNIPPET = 60;

/**
 * Choices for /passage as the member types: a document id (and paragraph
 * number) narrows to that document's paragraphs; any other text searches the
 * paragraphs by keyword.
 */
export function passageSuggestions(index: SearchIndex, typed: string): Suggestion[] {
  const { library } = index;
  const text = typed.trim().toLowerCase();
  const suggestion = (docId: string, paragraph: number): Suggestion | undefined => {
    const document = library.document(docId);
    const found = document?.paragraphs[paragraph - 1];
    if (!document || !found) return undefined;
    const opening = document.text.slice(found.span.start, found.span.start + SNIPPET).replace(/\s+/g, ' ');
    const ref = paragraphRef(docId, paragraph);
    return { name: `${ref} — ${opening}…`, value: ref };
  };

  const byRef = /^([a-z0-9-]*)(?:#p?(\d*))?$/.exec(text);
  if (byRef) {
    const [, docPrefix = '', numberPrefix = ''] = byRef;
    const matches = library.documents.filter((document) => document.id.startsWith(docPrefix));
    const choices = matches.flatMap((document) =>
      document.paragraphs
        .filter((paragraph) => String(paragraph.number).startsWith(numberPrefix))
        .map((paragraph) => suggestion(document.id, paragraph.number)),
    );
    if (choices.length > 0 || text === '') return defined(choices).slice(0, MAX_SUGGESTIONS);
  }
  const seen = new Set<string>();
  const hits = index.keyword.search(weightedTermsOf(typed), MAX_SUGGESTIONS * 2).hits.flatMap((hit) => {
    const chunk = library.chunk(hit.label);
    if (!chunk || seen.has(paragraphRef(chunk.docId, chunk.paragraph))) return [];
    seen.add(paragraphRef(chunk.docId, chunk.paragraph));
    return [suggestion(chunk.docId, chunk.paragraph)];
  });
  return defined(hits).slice(0, MAX_SUGGESTIONS);
}

function defined<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((value): value is T => value !== undefined);
}
