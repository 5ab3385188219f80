import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { cleanUpOnExit } from '../core/exit-cleanup.js';
import { err, ok, type Result } from '../core/result.js';
import { digestFile, type FileSource, type WriteFailure, writeVerified } from '../storage/verified-file.js';
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
 * The index folder holds generations of data files (texts, keyword index, vectors,
 * …), each named `<kind>-<generation id>.<ext>` after the save that wrote it, so no
 * save ever overwrites a file a manifest names, and one manifest naming the current
 * generation with sizes and checksums. The manifest is written last and atomically,
 * so readers always see a complete generation: the new one or one before it.
 */
export const MANIFEST_FILE = 'manifest.json';
/** Any kind of data file of any generation (see newBuildId); nothing else in the folder is ever deleted. */
const GENERATION_FILE = /^[a-z]+-\d{8}t\d{6}z-[0-9a-f]{6}\.[a-z]+$/;
const TEMPORARY_FILE = /^\..*\.tmp$/;
/**
 * How long a replaced generation's files stay after the manifest stopped naming
 * them. A reader reads the manifest, then the files it names: a CLI command within
 * a second or two, the bot's background keyword load within a minute on the largest
 * benchmarked index. Ten minutes leaves a wide margin without keeping a disk's worth
 * of old generations; a reader that is slower still retries with the new manifest.
 */
export const GENERATION_GRACE_MS = 10 * 60_000;

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

/** A new id for each saved generation (checkpoints included): the names of its files derive from it. */
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
    const opened = await VectorStore.open(file, manifest.model.dimensions, manifest.hnsw, library.chunkCount);
    if (!opened.ok) return corrupt(`${manifest.files.vectors.name}: ${opened.error}`);
    vectors = opened.value;
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
  return withCurrentManifest(dir, (manifest) => {
    const refusal = options.expectModel && modelRefusal(manifest, options.expectModel);
    return refusal ? Promise.resolve(err(refusal)) : loadGeneration(dir, manifest, options);
  });
}

const LOAD_ATTEMPTS = 3;

/**
 * Runs `load` on the current manifest. A reader slower than GENERATION_GRACE_MS
 * can find the files of the generation it read pruned; when loading fails and the
 * manifest has changed meanwhile, it simply starts again with the new one.
 */
export async function withCurrentManifest<T>(
  dir: string,
  load: (manifest: Manifest) => Promise<Result<T, CitebotError>>,
): Promise<Result<T, CitebotError>> {
  let manifest = await readManifest(dir);
  for (let attempt = 1; ; attempt += 1) {
    if (!manifest.ok) return manifest;
    const loaded = await load(manifest.value);
    if (loaded.ok || attempt === LOAD_ATTEMPTS) return loaded;
    const now = await readManifest(dir);
    if (!now.ok || sameFiles(now.value, manifest.value)) return loaded;
    manifest = now;
  }
}

function sameFiles(a: Manifest, b: Manifest): boolean {
  return JSON.stringify(a.files) === JSON.stringify(b.files);
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

/** A data file of a generation to be written: its name and where its content comes from. */
export interface GenerationFile {
  readonly name: string;
  readonly source: FileSource;
}

/**
 * Writes a new generation's data files, each verified on disk (size and
 * checksum) before the manifest names it, then the manifest that makes it current.
 * Nothing on disk changes for readers until that last rename; if any write fails
 * (full disk, read-only folder, a short write), the files already written for this
 * generation are removed and the previous generation stays current.
 */
export async function saveIndex(dir: string, contents: IndexContents): Promise<Result<Manifest, CitebotError>> {
  const id = contents.manifest.buildId;
  const utf8 = (text: string) => ({ bytes: Buffer.from(text, 'utf8') });
  const lexicon = contents.terms;
  const graph = lexicon?.graphSource();
  const files = {
    texts: { name: `texts-${id}.json`, source: utf8(JSON.stringify(contents.texts)) },
    keyword: { name: `keyword-${id}.jsonl`, source: utf8(contents.keyword.serialize()) },
    ...(contents.vectors ? { vectors: { name: `vectors-${id}.hnsw`, source: contents.vectors.fileSource() } } : {}),
    ...(lexicon ? { terms: { name: `terms-${id}.json`, source: utf8(lexicon.serializeTerms()) } } : {}),
    ...(graph ? { termGraph: { name: `termgraph-${id}.hnsw`, source: graph } } : {}),
  };
  const names = Object.values<GenerationFile>(files).map((file) => file.name);
  const removeOnExit = cleanUpOnExit(() => removeUnlessCurrent(dir, names));
  try {
    const written = await writeGenerationFiles(dir, files);
    if (!written.ok) return written;
    const { texts, keyword, vectors, terms, termGraph } = written.value;
    if (!texts || !keyword) throw new Error('a generation needs its texts and keyword files');
    const manifest: Manifest = { ...contents.manifest, files: { texts, keyword, vectors: vectors ?? null, terms: terms ?? null, termGraph: termGraph ?? null } };
    await retireCurrentGeneration(dir);
    const committed = await writeVerified(path.join(dir, MANIFEST_FILE), utf8(JSON.stringify(manifest)));
    if (!committed.ok) {
      await removeFiles(dir, names);
      return err(writeError(dir, MANIFEST_FILE, committed.error));
    }
    return ok(manifest);
  } finally {
    removeOnExit();
  }
}

/**
 * On exit during a save: the save's files are nobody's until the manifest names
 * them, so they go; if the process stopped just after the manifest was renamed into
 * place, they are the current generation and stay.
 */
function removeUnlessCurrent(dir: string, names: readonly string[]): void {
  try {
    const manifest = readFileSync(path.join(dir, MANIFEST_FILE), 'utf8');
    if (names.some((name) => manifest.includes(`"${name}"`))) return;
  } catch {
    // No readable manifest: it names nothing.
  }
  for (const name of names) rmSync(path.join(dir, name), { force: true });
}

/** Writes every file of a generation, or none: on the first failure the ones already written are removed. */
async function writeGenerationFiles<K extends string>(
  dir: string,
  files: Readonly<Partial<Record<K, GenerationFile>>>,
): Promise<Result<Partial<Record<K, ManifestFile>>, CitebotError>> {
  const written: Partial<Record<K, ManifestFile>> = {};
  for (const [kind, file] of Object.entries(files) as [K, GenerationFile | undefined][]) {
    if (!file) continue;
    const result = await writeVerified(path.join(dir, file.name), file.source);
    if (!result.ok) {
      await removeFiles(dir, Object.values<ManifestFile | undefined>(written).flatMap((done) => (done ? [done.name] : [])));
      return err(writeError(dir, file.name, result.error));
    }
    written[kind] = { name: file.name, ...result.value };
  }
  return ok(written);
}

/** The one-line error for a failed index write. */
function writeError(dir: string, file: string, failure: WriteFailure): CitebotError {
  if (failure.kind === 'full') return citebotError('INDEX_DISK_FULL', { dir, file });
  if (failure.kind === 'read-only') return citebotError('INDEX_READ_ONLY', { dir, reason: failure.reason });
  return citebotError('INDEX_WRITE_FAILED', { dir, file, reason: failure.reason });
}

/** Every data file a manifest names, whatever its kind. */
export function generationFileNames(manifest: Manifest): string[] {
  return Object.values<ManifestFile | null>(manifest.files).flatMap((file) => (file ? [file.name] : []));
}

/**
 * Marks the generation about to be replaced with the time it stops being current
 * (its files' modification time), which is what the grace period counts from.
 */
async function retireCurrentGeneration(dir: string): Promise<void> {
  const current = await readManifest(dir);
  if (!current.ok) return;
  const now = new Date();
  for (const name of generationFileNames(current.value)) await utimes(path.join(dir, name), now, now).catch(() => undefined);
}

/**
 * Deletes temporary files left by a crashed build, and data files that the current
 * manifest does not name and that have not been current for `graceMs` (a reader may
 * have read an older manifest a moment ago and still be opening its files). Only the
 * holder of the build lock calls this.
 */
export async function pruneGenerations(
  dir: string,
  current: Manifest | undefined,
  options: { readonly graceMs?: number; readonly now?: number } = {},
): Promise<string[]> {
  const graceMs = options.graceMs ?? GENERATION_GRACE_MS;
  const now = options.now ?? Date.now();
  const referenced = new Set(current ? generationFileNames(current) : []);
  const unreferencedFor = async (name: string) =>
    GENERATION_FILE.test(name) && !referenced.has(name) ? now - (await stat(path.join(dir, name))).mtimeMs : -1;
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    try {
      if (!TEMPORARY_FILE.test(name) && (await unreferencedFor(name)) < graceMs) continue;
      await rm(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Gone already, or not removable now: the next build tries again.
    }
  }
  return removed;
}

async function removeFiles(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await rm(path.join(dir, name), { force: true }).catch(() => undefined);
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
    return (await digestFile(file)).sha256 === expected.sha256 ? ok(true) : err(`${expected.name} does not match its checksum`);
  } catch {
    return err(`${expected.name} is missing`);
  }
}
