import { lstat, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { writeFileAtomic } from '../storage/atomic-file.js';
import { listCorpus, readRegularFile } from './corpus-files.js';
import { documentIdFromFileName, isDocumentId } from './document-id.js';
import { formatOf, ingestDocument } from './ingest.js';

export interface AddedDocument {
  readonly id: string;
  readonly path: string;
  /** The file it replaced, when there was one (it may have had another extension). */
  readonly replaced: string | null;
}

/**
 * Copies a document into the corpus folder under its document id, after checking
 * it would be indexed: a regular file (not a folder, pipe or device), supported,
 * text with paragraphs, and an id no other file of the corpus already has — in any
 * format or subfolder, since two files with one id make every `index` refuse both.
 * The id is validated and the destination must resolve inside the corpus: "../../x"
 * cannot escape. The bytes written are the bytes checked.
 */
export async function addDocument(
  corpusDir: string,
  source: string,
  options: { readonly id: string | undefined; readonly replace: boolean; readonly maxDocumentBytes: number },
): Promise<Result<AddedDocument, CitebotError>> {
  const extension = path.extname(source).toLowerCase();
  if (!formatOf(source)) return err(citebotError('DOCUMENT_UNSUPPORTED', { file: source }));
  const id = options.id ?? documentIdFromFileName(path.basename(source));
  if (id === undefined) return err(citebotError('DOCUMENT_ID_INVALID', { file: source }));
  if (!isDocumentId(id)) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: id }));
  const corpus = path.resolve(corpusDir);
  const destination = path.resolve(corpus, `${id}${extension}`);
  if (path.dirname(destination) !== corpus) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: id }));

  const bytes = await readRegularFile(source, source, options.maxDocumentBytes);
  if (!bytes.ok) return bytes;
  const checked = ingestDocument(path.basename(destination), bytes.value);
  if (!checked.ok) return checked;

  const existing = await fileWithId(corpus, id);
  if (!existing.ok) return existing;
  // Whatever sits at the destination (even a link the corpus reader refuses) is only replaced on request.
  const occupied = await lstat(destination).then(() => path.relative(corpus, destination), () => null);
  const replaced = existing.value ?? occupied;
  if (replaced && !options.replace) return err(citebotError('DOCUMENT_EXISTS', { id, path: path.join(corpus, replaced) }));
  await mkdir(corpus, { recursive: true });
  // Written through a temporary file and renamed: a link at the destination is replaced, never written through.
  await writeFileAtomic(destination, bytes.value);
  if (replaced && path.resolve(corpus, replaced) !== destination) await rm(path.resolve(corpus, replaced), { force: true });
  return ok({ id, path: destination, replaced: replaced ? path.join(corpus, replaced) : null });
}

/** The corpus file (relative path) whose document id is `id`, if any. */
async function fileWithId(corpus: string, id: string): Promise<Result<string | null, CitebotError>> {
  const listing = await listCorpus(corpus);
  if (!listing.ok) return listing.error.code === 'CORPUS_DIR_MISSING' ? ok(null) : listing;
  const same = listing.value.files.find((file) => formatOf(file.path) && documentIdFromFileName(path.basename(file.path)) === id);
  return ok(same?.path ?? null);
}
