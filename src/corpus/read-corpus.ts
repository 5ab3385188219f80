import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import type { SourceDocument } from './document.js';
import { documentFormatOf, ingestFile } from './formats/ingest-file.js';
import { isSidecarFile, readSidecar, sidecarPathFor } from './formats/sidecar.js';

export interface Corpus {
  readonly documents: readonly SourceDocument[];
  /** Files that were skipped, each with the reason; the other documents are still usable. */
  readonly skipped: readonly CitebotError[];
}

export interface ReadCorpusOptions {
  readonly maxDocumentBytes: number;
}

/**
 * Reads every file under the corpus folder. A bad file is reported and skipped;
 * two files claiming the same document id fail the whole read, because either
 * choice would silently hide one of them.
 */
export async function readCorpus(dir: string, options: ReadCorpusOptions): Promise<Result<Corpus, CitebotError>> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return err(citebotError('CORPUS_DIR_MISSING', { dir }));
  }
  const visible = entries.map((entry) => entry.split(path.sep).join('/')).filter((entry) => !entry.split('/').some((part) => part.startsWith('.')));
  const files = visible.filter((entry) => !isSidecarFile(entry)).sort();
  const sidecars = new Set(visible.filter(isSidecarFile));

  const documents: SourceDocument[] = [];
  const skipped: CitebotError[] = [];
  const pathById = new Map<string, string>();
  for (const file of files) {
    const read = await readCorpusFile(dir, file, { ...options, hasSidecar: sidecars.has(sidecarPathFor(file)) });
    if (read === 'directory') continue;
    if (!read.ok) {
      skipped.push(read.error);
      continue;
    }
    const document = read.value;
    const first = pathById.get(document.id);
    if (first) return err(citebotError('DUPLICATE_DOCUMENT_ID', { id: document.id, first, second: file }));
    pathById.set(document.id, file);
    documents.push(document);
  }
  return ok({ documents, skipped });
}

async function readCorpusFile(
  dir: string,
  file: string,
  options: ReadCorpusOptions & { readonly hasSidecar: boolean },
): Promise<Result<SourceDocument, CitebotError> | 'directory'> {
  const absolute = path.join(dir, file);
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return 'directory';
    if (!documentFormatOf(file)) return err(citebotError('DOCUMENT_UNSUPPORTED', { file }));
    if (info.size > options.maxDocumentBytes) {
      return err(citebotError('DOCUMENT_TOO_LARGE', { file, bytes: info.size, limit: options.maxDocumentBytes }));
    }
    return await ingestFile(file, await readFile(absolute), { maxDocumentBytes: options.maxDocumentBytes, metadata: options.hasSidecar ? await readSidecar(absolute) : {} });
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'read failed';
    return err(citebotError('DOCUMENT_UNREADABLE', { file, reason }));
  }
}
