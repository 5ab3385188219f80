import type { SourceDocument } from '../corpus/document.js';
import type { ManifestDocument } from './manifest.js';

export interface ReindexPlan {
  readonly added: readonly SourceDocument[];
  readonly updated: readonly SourceDocument[];
  readonly removed: readonly ManifestDocument[];
  readonly unchanged: readonly SourceDocument[];
}

/** Compares the corpus with what the index holds, by document id and content hash. */
export function planReindex(corpus: readonly SourceDocument[], indexed: readonly ManifestDocument[]): ReindexPlan {
  const indexedById = new Map(indexed.map((document) => [document.id, document]));
  const corpusIds = new Set(corpus.map((document) => document.id));
  const added: SourceDocument[] = [];
  const updated: SourceDocument[] = [];
  const unchanged: SourceDocument[] = [];
  for (const document of corpus) {
    const previous = indexedById.get(document.id);
    if (!previous) added.push(document);
    else if (previous.hash !== document.hash) updated.push(document);
    else unchanged.push(document);
  }
  const removed = indexed.filter((document) => !corpusIds.has(document.id));
  return { added, updated, removed, unchanged };
}

export function isUpToDate(plan: ReindexPlan): boolean {
  return plan.added.length === 0 && plan.updated.length === 0 && plan.removed.length === 0;
}
