import type { Paragraph, Span } from '../corpus/document.js';
import type { KeywordEntry } from './keyword-index.js';
import type { ManifestDocument } from './manifest.js';

/** A document as the index stores it: manifest entry plus its stored text. */
export interface StoredDocument {
  readonly entry: ManifestDocument;
  readonly text: string;
}

interface ChunkPosition {
  readonly paragraph: number;
  readonly part: number;
  readonly parts: number;
  readonly span: Span;
}

/**
 * The text a chunk is searched by: its own slice, plus, on a quotation's last part,
 * the credit lines, so that "what did Thomas Graham say?" finds the quotation.
 */
export function chunkSearchText(text: string, paragraphs: readonly Paragraph[], chunk: ChunkPosition): string {
  const body = text.slice(chunk.span.start, chunk.span.end);
  const paragraph = paragraphs[chunk.paragraph - 1];
  if (!paragraph || chunk.part !== chunk.parts || paragraph.attribution.length === 0) return body;
  return [body, ...paragraph.attribution.map((line) => text.slice(line.start, line.end))].join('\n');
}

/** Just what keyword indexing reads of a stored document. */
interface KeywordSource {
  readonly entry: {
    readonly title: string;
    readonly paragraphs: readonly Paragraph[];
    readonly chunks: readonly (ChunkPosition & { readonly label: number })[];
  };
  readonly text: string;
}

export function* keywordEntries(documents: Iterable<KeywordSource>): Generator<KeywordEntry> {
  for (const { entry, text } of documents) {
    for (const chunk of entry.chunks) {
      const section = entry.paragraphs[chunk.paragraph - 1]?.section ?? '';
      yield { label: chunk.label, text: chunkSearchText(text, entry.paragraphs, chunk), context: `${section} ${entry.title}` };
    }
  }
}
