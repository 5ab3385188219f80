import { createHash } from 'node:crypto';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { decodeText } from './decode.js';
import type { DocumentFormat, ParsedSource, SourceDocument } from './document.js';
import { documentIdFromFileName, titleFromId } from './document-id.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
import { parsePlainText } from './plain-text.js';

const FORMATS: Record<string, DocumentFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
};

const PARSERS: Record<DocumentFormat, (text: string) => ParsedSource> = {
  markdown: parseMarkdown,
  text: parsePlainText,
  html: parseHtml,
};

export function formatOf(fileName: string): DocumentFormat | undefined {
  return FORMATS[path.extname(fileName).toLowerCase()];
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Bytes of one corpus file → a document, or the reason it cannot be one. Pure: no
 * I/O. A document that is usable but damaged (invalid UTF-8 bytes, replaced) is
 * returned, and the damage reported through `warn`.
 */
export function ingestDocument(
  relativePath: string,
  bytes: Uint8Array,
  warn: (problem: CitebotError) => void = () => {},
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

  const parsed = PARSERS[format](text);
  if (parsed.paragraphs.length === 0) return err(citebotError('DOCUMENT_NO_PARAGRAPHS', { file }));
  return ok({
    id,
    title: parsed.metadata.title ?? titleFromId(id),
    sourceUrl: parsed.metadata.sourceUrl ?? null,
    date: parsed.metadata.date ?? null,
    path: relativePath,
    format,
    text: parsed.text,
    hash: hashText(parsed.text),
    paragraphs: parsed.paragraphs,
  });
}
