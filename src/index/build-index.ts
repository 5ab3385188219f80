import type { Logger } from 'pino';
import { chunkParagraphs } from '../corpus/chunker.js';
import type { Chunk, SourceDocument } from '../corpus/document.js';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import type { Embedder } from '../embedding/embedder.js';
import type { WordVectors } from '../lexicon/word-vectors.js';
import { acquireBuildLock } from './build-lock.js';
import { chunkSearchText, keywordEntries, type StoredDocument } from './chunk-text.js';
import { type LoadedIndex, loadGeneration, newBuildId, pruneGenerations, readManifest, saveIndex } from './index-files.js';
import { KeywordIndex } from './keyword-index.js';
import { TermLexicon } from './term-lexicon.js';
import {
  type HnswParameters,
  INDEX_FORMAT,
  INGESTION_VERSION,
  type Manifest,
  type ManifestChunk,
  type ManifestDocument,
  type ModelIdentity,
  sameModel,
} from './manifest.js';
import { isUpToDate, planReindex, type ReindexPlan } from './plan.js';
import { VectorStore } from './vector-store.js';

export interface BuildProgress {
  start(totalChunks: number): void;
  advance(chunks: number): void;
  stop(): void;
}

export interface BuildOptions {
  readonly dir: string;
  readonly full: boolean;
  readonly chunkMaxTokens: number;
  readonly hnsw: Omit<HnswParameters, 'nextLabel' | 'space'>;
  /**
   * A long build saves a complete intermediate generation after this long, so a
   * crash loses little work; later checkpoints come after as long again as the
   * build has run, since each save rewrites the whole index (linear total cost).
   */
  readonly checkpointMs: number;
  /** The word-vector table; null builds an index that matches exact words only. */
  readonly words?: WordVectors | null;
  readonly progress?: BuildProgress;
  readonly logger?: Logger;
}

export interface BuildSummary {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
  readonly chunksEmbedded: number;
  /** Why every document was re-embedded, when that happened. */
  readonly rebuildReason: string | null;
  readonly elapsedMs: number;
  readonly manifest: Manifest;
}

/** Texts sent to the embedder per call; the embedder sorts them by length and batches, so more means less padding. */
const EMBED_GROUP = 256;
/** Token estimate for chunking when no model (hence no tokenizer) is available. */
const approximateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * Brings the index in `options.dir` in line with `documents`: only documents whose
 * content hash changed are re-chunked and re-embedded, deleted ones leave, and a
 * document enters the index only once all its chunks have vectors. Without an
 * embedder the index is keyword-only.
 */
export async function buildIndex(
  documents: readonly SourceDocument[],
  embedder: Embedder | null,
  options: BuildOptions,
): Promise<Result<BuildSummary, CitebotError>> {
  const lock = await acquireBuildLock(options.dir);
  if (!lock.ok) return lock;
  try {
    const onDisk = await readManifest(options.dir);
    // Room first: temporary files of a crashed build and generations past their grace period.
    await pruneGenerations(options.dir, onDisk.ok ? onDisk.value : undefined);
    const current = options.full ? undefined : onDisk;
    if (!embedder && current?.ok && current.value.model) {
      // A model that is only temporarily unreachable must not cost the index its vectors.
      return err(citebotError('INDEX_WOULD_LOSE_VECTORS', { dir: options.dir }));
    }
    return await buildLocked(documents, embedder, current, options);
  } finally {
    await lock.value();
  }
}

async function buildLocked(
  documents: readonly SourceDocument[],
  embedder: Embedder | null,
  current: Result<Manifest, CitebotError> | undefined,
  options: BuildOptions,
): Promise<Result<BuildSummary, CitebotError>> {
  const startedAt = Date.now();
  const model: ModelIdentity | null = embedder ? { ...embedder.identity, dimensions: embedder.dimensions } : null;
  const { previous, rebuildReason } = await openPrevious(current, model, options);
  const plan = planReindex(documents, previous?.manifest.documents ?? []);
  if (previous && rebuildReason === null && isCurrent(plan, previous, options)) {
    return ok({ ...summaryOf(plan), chunksEmbedded: 0, rebuildReason, elapsedMs: Date.now() - startedAt, manifest: previous.manifest });
  }
  const hnsw: HnswParameters = { space: 'cosine', ...options.hnsw, nextLabel: previous?.manifest.hnsw.nextLabel ?? 0 };

  // Starts as the previous index minus removed documents; documents are swapped in
  // as soon as all their chunks have vectors, so any checkpoint is consistent.
  const stored = new Map<string, StoredDocument>();
  for (const entry of previous?.manifest.documents ?? []) {
    const text = previous?.library.document(entry.id)?.text;
    if (text !== undefined && !plan.removed.some((removed) => removed.id === entry.id)) stored.set(entry.id, { entry, text });
  }
  for (const document of plan.unchanged) {
    const kept = stored.get(document.id);
    if (kept) stored.set(document.id, { entry: { ...kept.entry, ...documentFields(document) }, text: document.text });
  }
  const toEmbed = [...plan.added, ...plan.updated];
  const chunksOf = new Map(toEmbed.map((document) => [document.id, chunkDocument(document, embedder, options.chunkMaxTokens)]));
  const totalChunks = [...chunksOf.values()].reduce((sum, chunks) => sum + chunks.length, 0);

  let vectors: VectorStore | null = null;
  if (model) {
    vectors = previous?.vectors ?? VectorStore.create(model.dimensions, hnsw, totalChunks + stored.size);
    vectors.setEf(hnsw.efSearch);
    for (const removed of plan.removed) for (const chunk of removed.chunks) vectors.remove(chunk.label);
  }

  const words = options.words ?? null;
  const save = async () => {
    const current = [...stored.values()].sort((a, b) => a.entry.id.localeCompare(b.entry.id));
    const entries = [...keywordEntries(current)];
    const terms = words ? TermLexicon.build(entries.map((entry) => entry.text), words) : null;
    return saveIndex(options.dir, {
      manifest: {
        format: INDEX_FORMAT,
        ingestionVersion: INGESTION_VERSION,
        // Every save, checkpoints included, is a generation of its own with files of its own.
        buildId: newBuildId(new Date()),
        builtAt: new Date().toISOString(),
        buildMs: Date.now() - startedAt,
        model,
        chunkMaxTokens: options.chunkMaxTokens,
        hnsw,
        lexicon: words && terms ? { table: words.checksum, dimensions: words.dimensions, terms: terms.size } : null,
        documents: current.map(({ entry }) => entry),
      },
      texts: Object.fromEntries(current.map(({ entry, text }) => [entry.id, text])),
      keyword: KeywordIndex.build(entries),
      vectors,
      terms,
    });
  };

  options.progress?.start(totalChunks);
  let lastSave = Date.now();
  for (const group of groupsOf(toEmbed, chunksOf)) {
    const texts = group.flatMap(({ document, chunks }) =>
      chunks.map((chunk) => chunkSearchText(document.text, document.paragraphs, chunk)),
    );
    const embedded = embedder ? await embedder.embedPassages(texts) : [];
    let offset = 0;
    for (const { document, chunks } of group) {
      for (const old of stored.get(document.id)?.entry.chunks ?? []) vectors?.remove(old.label);
      const storedChunks: ManifestChunk[] = chunks.map((chunk, i) => {
        const label = hnsw.nextLabel++;
        const vector = embedded[offset + i];
        if (vectors && vector) vectors.add(label, vector);
        return { label, paragraph: chunk.paragraph, part: chunk.part, parts: chunk.parts, span: chunk.span };
      });
      offset += chunks.length;
      const entry = { ...documentFields(document), indexedAt: new Date().toISOString(), chunks: storedChunks };
      stored.set(document.id, { entry, text: document.text });
    }
    options.progress?.advance(texts.length);
    if (Date.now() - lastSave > Math.max(options.checkpointMs, lastSave - startedAt)) {
      const checkpoint = await save();
      if (!checkpoint.ok) return stopped(checkpoint, options);
      await pruneGenerations(options.dir, checkpoint.value);
      lastSave = Date.now();
      options.logger?.info({ documents: stored.size }, 'index checkpoint saved');
    }
  }
  options.progress?.stop();

  const saved = await save();
  if (!saved.ok) return saved;
  await pruneGenerations(options.dir, saved.value);
  return ok({
    ...summaryOf(plan),
    chunksEmbedded: embedder ? totalChunks : 0,
    rebuildReason,
    elapsedMs: Date.now() - startedAt,
    manifest: saved.value,
  });
}

function stopped<E>(failure: { readonly ok: false; readonly error: E }, options: BuildOptions) {
  options.progress?.stop();
  return failure;
}

function summaryOf(plan: ReindexPlan): Pick<BuildSummary, 'added' | 'updated' | 'removed' | 'unchanged'> {
  const ids = (documents: readonly { id: string }[]) => documents.map((document) => document.id);
  return { added: ids(plan.added), updated: ids(plan.updated), removed: ids(plan.removed), unchanged: ids(plan.unchanged) };
}

/** Nothing to embed and nothing to rewrite: not even a file moved, its citation metadata edited, the search-time ef or the word-vector table changed. */
function isCurrent(plan: ReindexPlan, previous: LoadedIndex, options: BuildOptions): boolean {
  if (!isUpToDate(plan) || previous.manifest.hnsw.efSearch !== options.hnsw.efSearch) return false;
  if ((previous.manifest.lexicon?.table ?? null) !== (options.words?.checksum ?? null)) return false;
  return plan.unchanged.every((document) => {
    const indexed = previous.library.document(document.id);
    return indexed !== undefined && JSON.stringify(citedFields(indexed)) === JSON.stringify(citedFields(document));
  });
}

function citedFields(document: Pick<SourceDocument, 'path' | 'title' | 'authors' | 'publication' | 'sourceUrl' | 'date' | 'retrieved'>) {
  const { path, title, authors, publication, sourceUrl, date, retrieved } = document;
  return [path, title, authors, publication, sourceUrl, date, retrieved];
}

/** The current index (its manifest, read once by the caller), if it can be extended; otherwise why everything must be rebuilt. */
async function openPrevious(
  manifest: Result<Manifest, CitebotError> | undefined,
  model: ModelIdentity | null,
  options: BuildOptions,
): Promise<{ previous: LoadedIndex | null; rebuildReason: string | null }> {
  if (!manifest) return { previous: null, rebuildReason: 'a full rebuild was asked for' };
  if (!manifest.ok) {
    return { previous: null, rebuildReason: manifest.error.code === 'INDEX_MISSING' ? null : manifest.error.message };
  }
  const reason = incompatibility(manifest.value, model, options);
  if (reason) return { previous: null, rebuildReason: reason };
  const loaded = await loadGeneration(options.dir, manifest.value, { withVectors: model !== null });
  return loaded.ok ? { previous: loaded.value, rebuildReason: null } : { previous: null, rebuildReason: loaded.error.message };
}

function incompatibility(manifest: Manifest, model: ModelIdentity | null, options: BuildOptions): string | null {
  if (manifest.ingestionVersion !== INGESTION_VERSION) return 'paragraph detection or search terms changed since the last build';
  if (manifest.chunkMaxTokens !== options.chunkMaxTokens) return 'CHUNK_MAX_TOKENS changed';
  if (manifest.hnsw.m !== options.hnsw.m || manifest.hnsw.efConstruction !== options.hnsw.efConstruction) {
    return 'the HNSW parameters changed';
  }
  // Without a model the manifest has no vectors either: buildIndex refuses to drop them.
  if (!model) return null;
  if (!manifest.model) return 'the index has no vectors yet';
  if (!sameModel(manifest.model, model) || manifest.model.dimensions !== model.dimensions) return 'the embedding model changed';
  return null;
}

function chunkDocument(document: SourceDocument, embedder: Embedder | null, chunkMaxTokens: number): Chunk[] {
  const maxTokens = Math.min(chunkMaxTokens, embedder?.maxPassageTokens ?? chunkMaxTokens);
  const countTokens = embedder ? (text: string) => embedder.countTokens(text) : approximateTokens;
  return chunkParagraphs(document.id, document.text, document.paragraphs, { maxTokens, countTokens });
}

function documentFields(document: SourceDocument): Omit<ManifestDocument, 'indexedAt' | 'chunks'> {
  const { id, title, publication, sourceUrl, date, retrieved, path, format, hash } = document;
  const paragraphs = document.paragraphs.map((paragraph) => ({ ...paragraph, attribution: [...paragraph.attribution] }));
  return { id, title, authors: [...document.authors], publication, sourceUrl, date, retrieved, path, format, hash, paragraphs };
}

/** Whole documents, gathered until a group holds about EMBED_GROUP chunks. */
function* groupsOf(
  documents: readonly SourceDocument[],
  chunksOf: ReadonlyMap<string, readonly Chunk[]>,
): Generator<{ document: SourceDocument; chunks: readonly Chunk[] }[]> {
  let group: { document: SourceDocument; chunks: readonly Chunk[] }[] = [];
  let size = 0;
  for (const document of documents) {
    const chunks = chunksOf.get(document.id) ?? [];
    group.push({ document, chunks });
    size += chunks.length;
    if (size >= EMBED_GROUP) {
      yield group;
      group = [];
      size = 0;
    }
  }
  if (group.length > 0) yield group;
}
