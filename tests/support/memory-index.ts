import type { SearchIndex } from '../../src/answer/search-index.js';
import { chunkParagraphs } from '../../src/corpus/chunker.js';
import type { SourceDocument } from '../../src/corpus/document.js';
import { ingestDocument } from '../../src/corpus/ingest.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { chunkSearchText, keywordEntries } from '../../src/index/chunk-text.js';
import { KeywordIndex } from '../../src/index/keyword-index.js';
import { type IndexedDocument, Library } from '../../src/index/library.js';
import { TermLexicon } from '../../src/index/term-lexicon.js';
import { VectorStore } from '../../src/index/vector-store.js';
import { LexiconNeighbours } from '../../src/index/word-neighbours.js';
import type { WordVectors } from '../../src/lexicon/word-vectors.js';

/** A markdown document from a string, as the corpus reader would make it. */
export function markdownDocument(id: string, markdown: string): SourceDocument {
  const ingested = ingestDocument(`${id}.md`, Buffer.from(markdown));
  if (!ingested.ok) throw new Error(ingested.error.message);
  return ingested.value;
}

/** Builds a whole index in memory, no files: what the engine sees after loading one from disk. */
export async function memoryIndex(
  documents: readonly SourceDocument[],
  embedder: Embedder | null,
  options: { maxTokens?: number; words?: WordVectors } = {},
): Promise<SearchIndex> {
  let label = 0;
  const indexed: IndexedDocument[] = documents.map((document) => {
    const chunks = chunkParagraphs(document.id, document.text, document.paragraphs, {
      maxTokens: options.maxTokens ?? 512,
      countTokens: (text) => text.split(/\s+/).length,
    });
    return {
      ...document,
      indexedAt: new Date(0).toISOString(),
      chunks: chunks.map((chunk) => ({ ...chunk, label: label++ })),
    };
  });
  const library = new Library(indexed);
  const entries = [...keywordEntries(indexed.map((document) => ({ entry: document, text: document.text })))];
  const keyword = KeywordIndex.build(entries);
  const words = options.words;
  const neighbours = words ? new LexiconNeighbours(words, TermLexicon.build(entries.map((entry) => entry.text), words)) : null;
  if (!embedder) return { library, keyword, vectors: null, neighbours };
  const vectors = VectorStore.create(embedder.dimensions, { space: 'cosine', m: 16, efConstruction: 200, efSearch: 50, nextLabel: 0 }, label);
  for (const document of indexed) {
    const texts = document.chunks.map((chunk) => chunkSearchText(document.text, document.paragraphs, chunk));
    const embedded = await embedder.embedPassages(texts);
    document.chunks.forEach((chunk, i) => vectors.add(chunk.label, embedded[i]!));
  }
  return { library, keyword, vectors, neighbours };
}
