import { createHash } from 'node:crypto';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { decodeText } from './decode.js';
import type { DocumentFormat, DocumentMetadata, ParsedSource, SourceDocument } from './document.js';
import { documentIdFromFileName, titleFromId } from './document-id.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
import { parsePlainText } from './plain-text.js';

type TextFormat = 'markdown' | 'text' | 'html';

const FORMATS: Record<string, TextFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
};

const PARSERS: Record<TextFormat, (text: string) => ParsedSource> = {
  markdown: parseMarkdown,
  text: parsePlainText,
  html: parseHtml,
};

/** The text formats; src/corpus/formats/ adds the binary ones (PDF, DOCX, EPUB). */
export function formatOf(fileName: string): TextFormat | undefined {
  return FORMATS[path.extname(fileName).toLowerCase()];
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Bytes of one text corpus file → a document, or the reason it cannot be one. Pure:
 * no I/O. A document that is usable but damaged (invalid UTF-8 bytes, replaced) is
 * returned, and the damage reported through `warn`. `metadata` (a sidecar) wins over
 * what the file says about itself.
 */
export function ingestDocument(
  relativePath: string,
  bytes: Uint8Array,
  warn: (problem: CitebotError) => void = () => {},
  metadata: DocumentMetadata = {},
): Result<SourceDocument, CitebotError> {
  const file = relativePath;
  const format = formatOf(relativePath);
  if (!format) return err(citebotError('DOCUMENT_UNSUPPORTED', { file }));
  const id = documentIdFromFileName(path.basename(relativePath));
  if (!id) return err(citebotError('DOCUMENT_ID_INVALID', { file }));
  const decoded = decodeText(bytes);
  if (!decoded.ok) return err(citebotError('DOCUMENT_BINARY', { file }));
  const { text, invalidSequences } = decoded.value;
  if (text.trim() === '') return err(citebotError('DOCUMENT_EMPTY', { file }));
  if (invalidSequences > 0) warn(citebotError('DOCUMENT_INVALID_BYTES', { file, count: invalidSequences }));
  return documentFromParsed(relativePath, format, PARSERS[format](text), metadata);
}

/**
 * A parsed source as a corpus document. `preferred` metadata (a sidecar file) wins
 * over what the file says about itself; fields nobody gives stay empty.
 */
export function documentFromParsed(
  relativePath: string,
  format: DocumentFormat,
  parsed: ParsedSource,
  preferred: DocumentMetadata = {},
): Result<SourceDocument, CitebotError> {
  const file = relativePath;
  const id = documentIdFromFileName(path.basename(relativePath));
  if (!id) return err(citebotError('DOCUMENT_ID_INVALID', { file }));
  if (parsed.paragraphs.length === 0) return err(citebotError('DOCUMENT_NO_PARAGRAPHS', { file }));
  const metadata = { ...parsed.metadata, ...preferred };
  return ok({
    id,
    title: metadata.title ?? titleFromId(id),
    authors: metadata.authors ?? [],
    publication: metadata.publication ?? null,
    sourceUrl: metadata.sourceUrl ?? null,
    date: metadata.date ?? null,
    retrieved: metadata.retrieved ?? null,
    path: relativePath,
    format,
    text: parsed.text,
    hash: hashText(parsed.text),
    paragraphs: parsed.paragraphs,
  });
}
