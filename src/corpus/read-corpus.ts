import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { type CorpusFile, listCorpus, readRegularFile } from './corpus-files.js';
import type { DocumentMetadata, SourceDocument } from './document.js';
import { documentFormatOf, ingestFile } from './formats/ingest-file.js';
import { isSidecarFile, readSidecar, sidecarPathFor } from './formats/sidecar.js';

export interface Corpus {
  readonly documents: readonly SourceDocument[];
  /** Files that were skipped, each with the reason; the other documents are still usable. */
  readonly skipped: readonly CitebotError[];
  /** The same reasons by path in the corpus, so an emptied file is not mistaken for a deleted one. */
  readonly skippedPaths: ReadonlyMap<string, CitebotError>;
  /** Documents that were read but are damaged (invalid UTF-8 replaced, a sidecar unreadable): usable, worth fixing. */
  readonly warnings: readonly CitebotError[];
}

export interface ReadCorpusOptions {
  readonly maxDocumentBytes: number;
}

/**
 * Reads every file under the corpus folder (see corpus-files.ts for what is not
 * followed or opened), each with the `.meta.yaml` sidecar beside it if there is
 * one. A bad file is reported and skipped; two files claiming the same document id
 * fail the whole read, because either choice would silently hide one of them.
 */
export async function readCorpus(dir: string, options: ReadCorpusOptions): Promise<Result<Corpus, CitebotError>> {
  const listing = await listCorpus(dir);
  if (!listing.ok) return listing;
  const sidecars = new Map(listing.value.files.filter((file) => isSidecarFile(file.path)).map((file) => [file.path, file]));
  const documents: SourceDocument[] = [];
  const skipped = [...listing.value.refused];
  const skippedPaths = new Map<string, CitebotError>();
  const warnings: CitebotError[] = [];
  const warn = (warning: CitebotError) => warnings.push(warning);
  const pathById = new Map<string, string>();
  for (const file of listing.value.files) {
    if (isSidecarFile(file.path)) continue;
    const read = documentFormatOf(file.path) ? await readRegularFile(file.location, file.path, options.maxDocumentBytes) : err(citebotError('DOCUMENT_UNSUPPORTED', { file: file.path }));
    const ingested = read.ok
      ? await ingestFile(file.path, read.value, { maxDocumentBytes: options.maxDocumentBytes, metadata: await sidecarMetadata(sidecars.get(sidecarPathFor(file.path)), warn), warn })
      : read;
    if (!ingested.ok) {
      skipped.push(ingested.error);
      skippedPaths.set(file.path, ingested.error);
      continue;
    }
    const document = ingested.value;
    const first = pathById.get(document.id);
    if (first) return err(citebotError('DUPLICATE_DOCUMENT_ID', { id: document.id, first, second: file.path }));
    pathById.set(document.id, file.path);
    documents.push(document);
  }
  return ok({ documents, skipped, skippedPaths, warnings });
}

/** A sidecar that cannot be read leaves the document to its own metadata, with a warning: the citation may not be what the maintainer wrote. */
async function sidecarMetadata(sidecar: CorpusFile | undefined, warn: (warning: CitebotError) => void): Promise<DocumentMetadata> {
  if (!sidecar) return {};
  const read = await readSidecar(sidecar.location, sidecar.path);
  if (read.ok) return read.value.metadata;
  warn(read.error);
  return {};
}
