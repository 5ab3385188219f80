import type { SourceDocument } from '../corpus/document.js';
import type { CitebotError } from '../core/errors.js';
import type { LoadedIndex } from './index-files.js';

/**
 * Every way the index can disagree with the corpus or with itself, as sentences a
 * maintainer can act on. An empty list means they agree. `skipped` (corpus files
 * that could not be used, by path) tells an emptied or damaged file from a deleted one.
 */
export function findMismatches(
  corpus: readonly SourceDocument[],
  index: LoadedIndex,
  skipped: ReadonlyMap<string, CitebotError> = new Map(),
): string[] {
  const problems: string[] = [];
  const indexed = new Map(index.library.documents.map((document) => [document.id, document]));
  for (const document of corpus) {
    const stored = indexed.get(document.id);
    if (!stored) problems.push(`${document.path} is not indexed`);
    else if (stored.hash !== document.hash) problems.push(`${document.path} changed since it was indexed`);
    else if (stored.text !== document.text) problems.push(`${document.id}: stored text differs from ${document.path}`);
  }
  const corpusIds = new Set(corpus.map((document) => document.id));
  for (const document of index.library.documents) {
    const unusable = skipped.get(document.path);
    if (unusable) problems.push(`${document.id} is indexed, but ${unusable.message}`);
    else if (!corpusIds.has(document.id)) problems.push(`${document.id} is indexed but ${document.path} is gone from the corpus`);
    for (const chunk of document.chunks) {
      const paragraph = document.paragraphs[chunk.paragraph - 1];
      const inside = paragraph && chunk.span.start >= paragraph.span.start && chunk.span.end <= paragraph.span.end;
      if (!inside) problems.push(`${document.id}#p${chunk.paragraph} part ${chunk.part}: chunk lies outside its paragraph`);
    }
  }
  const chunkCount = index.library.chunkCount;
  if (index.keyword.size !== chunkCount) {
    problems.push(`the keyword index holds ${index.keyword.size} chunks, the manifest ${chunkCount}`);
  }
  if (index.vectors) {
    if (index.vectors.size !== chunkCount) problems.push(`the vector index holds ${index.vectors.size} chunks, the manifest ${chunkCount}`);
    for (const chunk of index.library.chunks()) {
      if (!index.vectors.has(chunk.label)) problems.push(`${chunk.docId}#p${chunk.paragraph} part ${chunk.part} has no vector`);
    }
  }
  return problems;
}
