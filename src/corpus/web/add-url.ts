import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { writeFileAtomic } from '../../storage/atomic-file.js';
import { type AddedDocument, documentWithId, storeDocument } from '../add-document.js';
import { readRegularFile } from '../corpus-files.js';
import { decodeText } from '../decode.js';
import type { DocumentMetadata } from '../document.js';
import { documentIdFromFileName } from '../document-id.js';
import { ingestFile } from '../formats/ingest-file.js';
import { readSidecar, sidecarPathFor, sidecarText } from '../formats/sidecar.js';
import { FETCHABLE_TYPES, type FetchPolicy, type FetchProblem, fetchPage } from './fetch-page.js';
import { readableArticle } from './readable-article.js';

export interface UrlOptions {
  readonly policy: FetchPolicy;
  readonly maxDocumentBytes: number;
  /** Today, YYYY-MM-DD: the "retrieved" date. */
  readonly today: string;
}

/** A fetched source turned into the file citebot stores, checked to index. */
interface Fetched {
  readonly url: string;
  readonly extension: string;
  readonly bytes: Buffer;
  readonly metadata: DocumentMetadata;
}

/**
 * Fetches a page (or a document served at a URL) into the corpus folder: a web
 * page is stored as its readable article (`<id>.html`), anything else as served;
 * either way with a `<id>.meta.yaml` sidecar holding `source_url`, the date
 * retrieved and what the page says about itself, for the maintainer to correct.
 * Stored by the same rules as a file (storeDocument): checked, no id collision,
 * written atomically.
 */
export async function addUrl(
  corpusDir: string,
  address: string,
  options: UrlOptions & { readonly id: string | undefined; readonly replace: boolean },
): Promise<Result<AddedDocument, CitebotError>> {
  const fetched = await fetchSource(address, options);
  if (!fetched.ok) return fetched;
  const id = options.id ?? idFromUrl(fetched.value.url);
  if (!id) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: fetched.value.url }));
  const metadata: DocumentMetadata = { ...fetched.value.metadata, sourceUrl: fetched.value.url, retrieved: options.today };
  return storeDocument(corpusDir, { id, extension: fetched.value.extension, bytes: fetched.value.bytes, sidecar: { text: sidecarText(metadata), metadata } }, options);
}

/**
 * Fetches a document's `source_url` again; when the text citebot would store
 * differs, replaces the file and updates `retrieved`. Metadata the maintainer
 * wrote in the sidecar is kept.
 */
export async function refreshDocument(
  corpusDir: string,
  id: string,
  options: UrlOptions,
): Promise<Result<{ id: string; path: string; changed: boolean; paragraphs: { before: number; after: number } }, CitebotError>> {
  const corpus = path.resolve(corpusDir);
  const found = await documentWithId(corpus, id);
  if (!found.ok) return found;
  if (!found.value) return err(citebotError('DOCUMENT_NOT_IN_CORPUS', { id }));
  const { file, sidecar } = found.value;
  const described = sidecar ? await readSidecar(sidecar.location, sidecar.path) : ok(null);
  if (!described.ok) return described;
  const kept = described.value?.metadata ?? {};
  // Only a sidecar's source_url is fetched from: a Markdown file's front-matter link is a citation, not a copy to replace.
  if (!kept.sourceUrl) return err(citebotError('SOURCE_URL_MISSING', { id }));
  const stored = await readRegularFile(file.location, file.path, options.maxDocumentBytes);
  const current = stored.ok ? await ingestFile(file.path, stored.value, { maxDocumentBytes: options.maxDocumentBytes, metadata: kept }) : stored;
  const fetched = await fetchSource(kept.sourceUrl, options);
  if (!fetched.ok) return fetched;
  const relative = `${file.path.slice(0, file.path.length - path.extname(file.path).length)}${fetched.value.extension}`;
  const fresh = await ingestFile(relative, fetched.value.bytes, { maxDocumentBytes: options.maxDocumentBytes, metadata: kept });
  if (!fresh.ok) return fresh;
  const before = current.ok ? current.value.paragraphs.length : 0;
  const destination = path.join(corpus, relative);
  if (current.ok && current.value.hash === fresh.value.hash) return ok({ id, path: path.join(corpus, file.path), changed: false, paragraphs: { before, after: before } });
  const metadata: DocumentMetadata = { ...fetched.value.metadata, ...kept, sourceUrl: fetched.value.url, retrieved: options.today };
  // Written through temporary files and renamed, like every corpus write: a link in the way is replaced, never written through.
  await writeFileAtomic(destination, fetched.value.bytes);
  await writeFileAtomic(sidecarPathFor(destination), sidecarText(metadata));
  if (relative !== file.path) await rm(path.join(corpus, file.path), { force: true });
  return ok({ id, path: destination, changed: true, paragraphs: { before, after: fresh.value.paragraphs.length } });
}

async function fetchSource(address: string, options: UrlOptions): Promise<Result<Fetched, CitebotError>> {
  const fetched = await fetchPage(address, { ...options.policy, maxBytes: Math.min(options.policy.maxBytes, options.maxDocumentBytes) });
  if (!fetched.ok) return err(describeFetchProblem(address, fetched.error));
  const { url, type, charset, body } = fetched.value;
  const extension = FETCHABLE_TYPES[type] ?? '';
  if (extension !== '.html') return ok({ url, extension, bytes: body, metadata: {} });
  const text = decodeHtml(body, charset);
  if (text === undefined) return err(citebotError('URL_UNSUPPORTED_CONTENT', { url: address, type: `${type} that is binary, not text` }));
  const article = readableArticle(text);
  if (!article) return err(citebotError('URL_NO_ARTICLE', { url: address }));
  return ok({ url, extension, bytes: Buffer.from(article.html, 'utf8'), metadata: article.metadata });
}

/** The page's declared charset, else UTF-8 with citebot's usual fallbacks; undefined for binary data served as HTML. */
function decodeHtml(body: Buffer, charset: string | undefined): string | undefined {
  const declared = charset?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(body);
    } catch {
      // An unknown label: fall through to detection.
    }
  }
  const decoded = decodeText(body);
  return decoded.ok ? decoded.value.text : undefined;
}

export function describeFetchProblem(url: string, problem: FetchProblem): CitebotError {
  const shown = url.slice(0, 300);
  switch (problem.kind) {
    case 'invalid-url':
      return citebotError('URL_NOT_ALLOWED', { url: shown, reason: 'it is not a valid URL', privateAddress: false });
    case 'scheme':
      return citebotError('URL_NOT_ALLOWED', { url: shown, reason: `only http and https are fetched, not ${problem.scheme}`, privateAddress: false });
    case 'private-address':
      return citebotError('URL_NOT_ALLOWED', { url: shown, reason: `${problem.host} is a private or local address (${problem.address})`, privateAddress: true });
    case 'timeout':
      return citebotError('URL_FETCH_FAILED', { url: shown, reason: `no complete answer within ${problem.ms / 1000} s` });
    case 'too-large':
      return citebotError('URL_FETCH_FAILED', { url: shown, reason: `the answer is larger than ${problem.limit} bytes` });
    case 'status':
      return citebotError('URL_FETCH_FAILED', { url: shown, reason: `the server answered HTTP ${problem.status}` });
    case 'redirects':
      return citebotError('URL_FETCH_FAILED', { url: shown, reason: problem.loop ? 'it redirects in a loop' : `more than ${problem.limit} redirects` });
    case 'content-type':
      return citebotError('URL_UNSUPPORTED_CONTENT', { url: shown, type: problem.type });
    case 'network':
      return citebotError('URL_FETCH_FAILED', { url: shown, reason: problem.reason });
  }
}

/** "https://site.org/2025/02/the-essay-title/" → "the-essay-title"; the host name when the path says nothing. */
export function idFromUrl(address: string): string | undefined {
  const url = new URL(address);
  const segments = url.pathname.split('/').map(decodeSegment).filter((segment) => /\p{L}/u.test(segment));
  const last = segments.at(-1)?.replace(/\.(?:s?html?|php|aspx?|pdf|docx|epub|txt|md|markdown)$/i, '');
  return documentIdFromFileName(`${last ?? url.hostname.replace(/^www\./, '')}.x`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
