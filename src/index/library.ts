import type { Paragraph, Span } from '../corpus/document.js';
import type { ManifestChunk, ManifestDocument } from './manifest.js';

export interface IndexedDocument extends Omit<ManifestDocument, 'chunks' | 'paragraphs' | 'authors'> {
  readonly authors: readonly string[];
  /** The stored source text every span points into. */
  readonly text: string;
  readonly paragraphs: readonly Paragraph[];
  readonly chunks: readonly IndexedChunk[];
}

export interface IndexedChunk extends ManifestChunk {
  readonly docId: string;
}

/** The indexed documents, looked up by id, by paragraph and by chunk label. */
export class Library {
  private readonly byId = new Map<string, IndexedDocument>();
  private readonly byLabel = new Map<number, IndexedChunk>();

  constructor(readonly documents: readonly IndexedDocument[]) {
    for (const document of documents) {
      this.byId.set(document.id, document);
      for (const chunk of document.chunks) this.byLabel.set(chunk.label, chunk);
    }
  }

  get chunkCount(): number {
    return this.byLabel.size;
  }

  document(id: string): IndexedDocument | undefined {
    return this.byId.get(id);
  }

  chunk(label: number): IndexedChunk | undefined {
    return this.byLabel.get(label);
  }

  paragraph(docId: string, number: number): Paragraph | undefined {
    return this.byId.get(docId)?.paragraphs[number - 1];
  }

  text(docId: string, span: Span): string {
    return this.byId.get(docId)?.text.slice(span.start, span.end) ?? '';
  }

  /** All chunks of the index, in document order. */
  *chunks(): Iterable<IndexedChunk> {
    for (const document of this.documents) yield* document.chunks;
  }
}
