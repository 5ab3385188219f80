import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { isDocumentId } from './document-id.js';
import { documentFormatOf, ingestFile } from './formats/ingest-file.js';

/**
 * Copies a document into the corpus folder under its document id, after checking
 * it would be indexed (supported, text, has paragraphs). The id is validated and
 * the destination must resolve inside the corpus: "../../x" cannot escape.
 */
export async function addDocument(
  corpusDir: string,
  source: string,
  options: { readonly id: string | undefined; readonly replace: boolean; readonly maxDocumentBytes: number },
): Promise<Result<{ readonly id: string; readonly path: string; readonly replaced: boolean }, CitebotError>> {
  const extension = path.extname(source).toLowerCase();
  if (!documentFormatOf(source)) return err(citebotError('DOCUMENT_UNSUPPORTED', { file: source }));
  const id = options.id ?? path.basename(source, path.extname(source)).toLowerCase();
  if (!isDocumentId(id)) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: id }));
  const corpus = path.resolve(corpusDir);
  const destination = path.resolve(corpus, `${id}${extension}`);
  if (path.dirname(destination) !== corpus) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: id }));

  let info;
  try {
    info = await stat(source);
  } catch (error) {
    return err(citebotError('DOCUMENT_UNREADABLE', { file: source, reason: (error as NodeJS.ErrnoException).code ?? 'read failed' }));
  }
  if (info.size > options.maxDocumentBytes) {
    return err(citebotError('DOCUMENT_TOO_LARGE', { file: source, bytes: info.size, limit: options.maxDocumentBytes }));
  }
  const checked = await ingestFile(path.basename(destination), await readFile(source), { maxDocumentBytes: options.maxDocumentBytes });
  if (!checked.ok) return checked;
  const replaced = await stat(destination).then(
    () => true,
    () => false,
  );
  if (replaced && !options.replace) return err(citebotError('DOCUMENT_EXISTS', { id, path: destination }));
  await mkdir(corpus, { recursive: true });
  await copyFile(source, destination);
  return ok({ id, path: destination, replaced });
}
