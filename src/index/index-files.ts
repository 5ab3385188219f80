import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { writeFileAtomic } from '../storage/atomic-file.js';
import { sha256File } from '../storage/sha256-file.js';
import { KeywordIndex } from './keyword-index.js';
import { TermLexicon } from './term-lexicon.js';
import { type IndexedDocument, Library } from './library.js';
import {
  describeModel,
  INDEX_FORMAT,
  type Manifest,
  type ManifestFile,
  manifestSchema,
  type ModelIdentity,
  sameModel,
} from './manifest.js';
import { VectorStore } from './vector-store.js';

/**
 * The index folder holds generations of three data files (texts, keyword index,
 * vectors), each named after the build that wrote it, and one manifest naming the
 * current generation with checksums. The manifest is written last and atomically,
 * so readers always see a complete generation: the new one or the one before.
 */
export const MANIFEST_FILE = 'manifest.json';
const GENERATION_FILE = /^(texts|keyword|vectors|terms|termgraph)-[a-z0-9-]+\.(json|jsonl|hnsw)$/;
const TEMPORARY_FILE = /^\..*\.tmp$/;

export interface LoadedIndex {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly library: Library;
  /** Null when the index has no vectors or they were not asked for. */
  readonly vectors: VectorStore | null;
  readonly keyword: KeywordIndex;
  /** The corpus vocabulary in word-vector space; null when the index was built without the word-vector table. */
  readonly terms: TermLexicon | null;
}

export interface IndexContents {
  readonly manifest: Omit<Manifest, 'files'>;
  readonly texts: Readonly<Record<string, string>>;
  readonly keyword: KeywordIndex;
  readonly vectors: VectorStore | null;
  readonly terms: TermLexicon | null;
}

export function newBuildId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase();
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export async function readManifest(dir: string): Promise<Result<Manifest, CitebotError>> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return err(citebotError('INDEX_MISSING', { dir }));
    return err(citebotError('INDEX_CORRUPT', { dir, reason: `manifest.json cannot be read: ${String(error)}` }));
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return err(citebotError('INDEX_CORRUPT', { dir, reason: 'manifest.json is not valid JSON' }));
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format !== INDEX_FORMAT) {
    return err(citebotError('INDEX_FORMAT_MISMATCH', { found: format, expected: INDEX_FORMAT }));
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) return err(citebotError('INDEX_CORRUPT', { dir, reason: 'manifest.json has missing or invalid fields' }));
  return ok(parsed.data);
}

/**
 * How to load the keyword index: at once, event loop held (fastest); in slices
 * (for a process already serving); or not yet (an empty stand-in, to be replaced
 * with `loadKeywordIndex`).
 */
export type KeywordLoading = 'blocking' | 'yielding' | 'later';

/** Loads the generation a manifest names, checking every file against its checksum first. */
export async function loadGeneration(
  dir: string,
  manifest: Manifest,
  options: { readonly withVectors: boolean; readonly keyword?: KeywordLoading },
): Promise<Result<LoadedIndex, CitebotError>> {
  const corrupt = (reason: string) => err(citebotError('INDEX_CORRUPT', { dir, reason }));
  const textsRaw = await readVerified(dir, manifest.files.texts);
  if (!textsRaw.ok) return corrupt(textsRaw.error);
  const loading = options.keyword ?? 'blocking';
  const keyword = loading === 'later' ? ok(KeywordIndex.empty()) : await loadKeywordIndex(dir, manifest, loading);
  if (!keyword.ok) return keyword;

  let texts: Record<string, unknown>;
  try {
    texts = JSON.parse(textsRaw.value.toString('utf8')) as Record<string, unknown>;
  } catch {
    return corrupt(`${manifest.files.texts.name} does not parse`);
  }
  const documents: IndexedDocument[] = [];
  for (const document of manifest.documents) {
    const text = texts[document.id];
    if (typeof text !== 'string' || document.chunks.some((chunk) => chunk.span.end > text.length)) {
      return corrupt(`the stored text of ${document.id} does not match the manifest`);
    }
    documents.push({ ...document, text, chunks: document.chunks.map((chunk) => ({ ...chunk, docId: document.id })) });
  }
  const library = new Library(documents);

  let vectors: VectorStore | null = null;
  if (options.withVectors && manifest.files.vectors && manifest.model) {
    const file = path.join(dir, manifest.files.vectors.name);
    const check = await verifyFile(file, manifest.files.vectors);
    if (!check.ok) return corrupt(check.error);
    vectors = await VectorStore.open(file, manifest.model.dimensions, manifest.hnsw, library.chunkCount);
  }
  const terms = await loadTerms(dir, manifest);
  if (!terms.ok) return corrupt(terms.error);
  return ok({ dir, manifest, library, vectors, keyword: keyword.value, terms: terms.value });
}

async function loadTerms(dir: string, manifest: Manifest): Promise<Result<TermLexicon | null, string>> {
  const { terms: termsFile, termGraph } = manifest.files;
  if (!manifest.lexicon || !termsFile) return ok(null);
  const raw = await readVerified(dir, termsFile);
  if (!raw.ok) return raw;
  let graphFile: string | null = null;
  if (termGraph) {
    graphFile = path.join(dir, termGraph.name);
    const check = await verifyFile(graphFile, termGraph);
    if (!check.ok) return check;
  }
  try {
    return ok(await TermLexicon.open(raw.value.toString('utf8'), graphFile, manifest.lexicon.dimensions));
  } catch {
    return err(`${termsFile.name} does not parse`);
  }
}

export async function loadKeywordIndex(
  dir: string,
  manifest: Manifest,
  mode: 'blocking' | 'yielding',
): Promise<Result<KeywordIndex, CitebotError>> {
  const raw = await readVerified(dir, manifest.files.keyword);
  if (!raw.ok) return err(citebotError('INDEX_CORRUPT', { dir, reason: raw.error }));
  try {
    return ok(await KeywordIndex.load(raw.value.toString('utf8'), mode));
  } catch {
    return err(citebotError('INDEX_CORRUPT', { dir, reason: `${manifest.files.keyword.name} does not parse` }));
  }
}

export interface LoadOptions {
  readonly withVectors: boolean;
  /** Refuse an index whose vectors came from another model or have other dimensions. */
  readonly expectModel?: ModelIdentity;
}

export async function loadIndex(dir: string, options: LoadOptions): Promise<Result<LoadedIndex, CitebotError>> {
  const manifest = await readManifest(dir);
  if (!manifest.ok) return manifest;
  const refusal = options.expectModel && modelRefusal(manifest.value, options.expectModel);
  if (refusal) return err(refusal);
  return loadGeneration(dir, manifest.value, options);
}

/** Why vectors made for `manifest` cannot be searched with queries from the `expected` model, if they cannot. */
export function modelRefusal(manifest: Manifest, expected: ModelIdentity): CitebotError | undefined {
  const found = manifest.model;
  if (!found || !sameModel(found, expected)) {
    return citebotError('INDEX_MODEL_MISMATCH', {
      found: found ? describeModel(found) : 'none (keyword-only index)',
      expected: describeModel(expected),
    });
  }
  if (found.dimensions !== expected.dimensions) {
    return citebotError('INDEX_DIMENSIONS_MISMATCH', { found: found.dimensions, expected: expected.dimensions });
  }
  return undefined;
}

/** Writes a new generation's data files, then the manifest that makes it current. */
export async function saveIndex(dir: string, contents: IndexContents): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const buildId = contents.manifest.buildId;
  const texts = await writeData(dir, `texts-${buildId}.json`, JSON.stringify(contents.texts));
  const keyword = await writeData(dir, `keyword-${buildId}.jsonl`, contents.keyword.serialize());
  const vectors = contents.vectors ? await writeGraph(dir, `vectors-${buildId}.hnsw`, (file) => contents.vectors!.save(file)) : null;
  const lexicon = contents.terms;
  const terms = lexicon ? await writeData(dir, `terms-${buildId}.json`, lexicon.serializeTerms()) : null;
  const termGraph = lexicon?.hasGraph ? await writeGraph(dir, `termgraph-${buildId}.hnsw`, (file) => lexicon.saveGraph(file)) : null;
  const manifest: Manifest = { ...contents.manifest, files: { texts, keyword, vectors, terms, termGraph } };
  await writeFileAtomic(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  return manifest;
}

/**
 * Deletes data files that no kept manifest names, and temporary files left by a
 * crashed build. The previous generation is kept so that a reader that read the
 * old manifest a moment ago can still open its files.
 */
export async function pruneGenerations(dir: string, keep: readonly Manifest[]): Promise<string[]> {
  const referenced = new Set(keep.flatMap((manifest) => Object.values(manifest.files).map((file) => file?.name)));
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    if ((GENERATION_FILE.test(name) && !referenced.has(name)) || TEMPORARY_FILE.test(name)) {
      await rm(path.join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** A graph written by hnswlib (which insists on writing the file itself), described for the manifest. */
async function writeGraph(dir: string, name: string, save: (file: string) => Promise<void>): Promise<ManifestFile> {
  const file = path.join(dir, name);
  await save(file);
  return { name, sha256: await sha256File(file), bytes: (await stat(file)).size };
}

async function writeData(dir: string, name: string, data: string): Promise<ManifestFile> {
  const bytes = Buffer.from(data, 'utf8');
  await writeFileAtomic(path.join(dir, name), bytes);
  return { name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

async function readVerified(dir: string, file: ManifestFile): Promise<Result<Buffer, string>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, file.name));
  } catch {
    return err(`${file.name} is missing`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return sha256 === file.sha256 ? ok(bytes) : err(`${file.name} does not match its checksum`);
}

async function verifyFile(file: string, expected: ManifestFile): Promise<Result<true, string>> {
  try {
    const info = await stat(file);
    if (info.size !== expected.bytes) return err(`${expected.name} has the wrong size`);
    return (await sha256File(file)) === expected.sha256 ? ok(true) : err(`${expected.name} does not match its checksum`);
  } catch {
    return err(`${expected.name} is missing`);
  }
}
