import { lstat, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { writeFileAtomic } from '../storage/atomic-file.js';
import { type CorpusFile, listCorpus, readRegularFile } from './corpus-files.js';
import type { DocumentMetadata } from './document.js';
import { documentIdFromFileName, isDocumentId } from './document-id.js';
import { documentFormatOf, ingestFile } from './formats/ingest-file.js';
import { readSidecarBeside, sidecarPathFor } from './formats/sidecar.js';

export interface AddedDocument {
  readonly id: string;
  readonly path: string;
  /** The file it replaced, when there was one (it may have had another extension). */
  readonly replaced: string | null;
  /** Whether a `.meta.yaml` sidecar was written beside it. */
  readonly withSidecar: boolean;
}

/** A document to store in the corpus: its bytes as they will be written, and the sidecar to write beside it. */
export interface NewDocument {
  readonly id: string;
  /** ".pdf", ".html", …: the format the bytes are in. */
  readonly extension: string;
  readonly bytes: Buffer;
  readonly sidecar: { readonly text: string; readonly metadata: DocumentMetadata } | null;
}

/**
 * Copies a document (and the `.meta.yaml` sidecar beside it, if any) into the
 * corpus folder under its document id. The source is read like a corpus file: a
 * regular file (not a folder, pipe or device), within the size limit.
 */
export async function addDocument(
  corpusDir: string,
  source: string,
  options: { readonly id: string | undefined; readonly replace: boolean; readonly maxDocumentBytes: number },
): Promise<Result<AddedDocument, CitebotError>> {
  if (!documentFormatOf(source)) return err(citebotError('DOCUMENT_UNSUPPORTED', { file: source }));
  const id = options.id ?? documentIdFromFileName(path.basename(source));
  if (id === undefined) return err(citebotError('DOCUMENT_ID_INVALID', { file: source }));
  const bytes = await readRegularFile(source, source, options.maxDocumentBytes);
  if (!bytes.ok) return bytes;
  const sidecar = await readSidecarBeside(source);
  if (!sidecar.ok) return sidecar;
  return storeDocument(corpusDir, { id, extension: path.extname(source).toLowerCase(), bytes: bytes.value, sidecar: sidecar.value }, options);
}

/**
 * Writes a document into the corpus folder, after checking it would be indexed
 * (supported, text with paragraphs) and that no other file of the corpus already
 * has its id — in any format or subfolder, since two files with one id make every
 * `index` refuse both. The id is validated and the destination must resolve inside
 * the corpus: "../../x" cannot escape. The bytes written are the bytes checked.
 */
export async function storeDocument(
  corpusDir: string,
  document: NewDocument,
  options: { readonly replace: boolean; readonly maxDocumentBytes: number },
): Promise<Result<AddedDocument, CitebotError>> {
  const { id } = document;
  if (!isDocumentId(id)) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: id }));
  const corpus = path.resolve(corpusDir);
  const destination = path.resolve(corpus, `${id}${document.extension}`);
  if (path.dirname(destination) !== corpus) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: id }));
  const checked = await ingestFile(path.basename(destination), document.bytes, { maxDocumentBytes: options.maxDocumentBytes, metadata: document.sidecar?.metadata ?? {} });
  if (!checked.ok) return checked;

  const existing = await documentWithId(corpus, id);
  if (!existing.ok) return existing;
  // Whatever sits at the destination (even a link the corpus reader refuses) is only replaced on request.
  const occupied = await lstat(destination).then(() => path.relative(corpus, destination), () => null);
  const replaced = existing.value?.file.path ?? occupied;
  if (replaced && !options.replace) return err(citebotError('DOCUMENT_EXISTS', { id, path: path.join(corpus, replaced) }));
  await mkdir(corpus, { recursive: true });
  // Written through a temporary file and renamed: a link at the destination is replaced, never written through.
  await writeFileAtomic(destination, document.bytes);
  if (document.sidecar) await writeFileAtomic(sidecarPathFor(destination), document.sidecar.text);
  if (replaced && path.resolve(corpus, replaced) !== destination) {
    await rm(path.resolve(corpus, replaced), { force: true });
    // The replaced file's sidecar describes it, not the new one; beside the destination it is the same file, kept.
    if (sidecarPathFor(path.resolve(corpus, replaced)) !== sidecarPathFor(destination)) await rm(sidecarPathFor(path.resolve(corpus, replaced)), { force: true });
  }
  return ok({ id, path: destination, replaced: replaced ? path.join(corpus, replaced) : null, withSidecar: document.sidecar !== null });
}

/** The corpus file whose document id is `id`, if any, and the sidecar beside it. */
export async function documentWithId(corpus: string, id: string): Promise<Result<{ file: CorpusFile; sidecar: CorpusFile | null } | null, CitebotError>> {
  const listing = await listCorpus(corpus);
  if (!listing.ok) return listing.error.code === 'CORPUS_DIR_MISSING' ? ok(null) : listing;
  const file = listing.value.files.find((entry) => documentFormatOf(entry.path) && documentIdFromFileName(path.basename(entry.path)) === id);
  if (!file) return ok(null);
  const sidecar = listing.value.files.find((entry) => entry.path === sidecarPathFor(file.path));
  return ok({ file, sidecar: sidecar ?? null });
}
