import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { writeFileAtomic } from '../../storage/atomic-file.js';
import { decodeText } from '../decode.js';
import type { DocumentMetadata } from '../document.js';
import { documentIdFromFileName, isDocumentId } from '../document-id.js';
import { documentFormatOf, ingestFile } from '../formats/ingest-file.js';
import { isSidecarFile, readSidecar, writeSidecar } from '../formats/sidecar.js';
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
 */
export async function addUrl(
  corpusDir: string,
  address: string,
  options: UrlOptions & { readonly id: string | undefined; readonly replace: boolean },
): Promise<Result<{ id: string; path: string; replaced: boolean }, CitebotError>> {
  const fetched = await fetchSource(address, options);
  if (!fetched.ok) return fetched;
  const id = options.id ?? idFromUrl(fetched.value.url);
  if (!id || !isDocumentId(id)) return err(citebotError('FILE_OUTSIDE_CORPUS', { path: options.id ?? fetched.value.url }));
  const corpus = path.resolve(corpusDir);
  const existing = await findDocumentFile(corpus, id);
  if (existing && !options.replace) return err(citebotError('DOCUMENT_EXISTS', { id, path: existing }));
  const destination = path.join(corpus, `${id}${fetched.value.extension}`);
  const written = await store(destination, fetched.value, options);
  if (!written.ok) return written;
  if (existing && existing !== destination) await rm(existing, { force: true });
  return ok({ id, path: destination, replaced: existing !== undefined });
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
  const file = await findDocumentFile(corpus, id);
  if (!file) return err(citebotError('DOCUMENT_NOT_IN_CORPUS', { id }));
  const sidecar = await readSidecar(file);
  const relative = path.relative(corpus, file);
  const current = await ingestFile(relative, await readFile(file), { maxDocumentBytes: options.maxDocumentBytes, metadata: sidecar });
  // Only a sidecar's source_url is fetched from: a Markdown file's front-matter link is a citation, not a copy to replace.
  const sourceUrl = sidecar.sourceUrl;
  if (!sourceUrl) return err(citebotError('SOURCE_URL_MISSING', { id }));
  const fetched = await fetchSource(sourceUrl, options);
  if (!fetched.ok) return fetched;
  const destination = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}${fetched.value.extension}`);
  const fresh = await ingestFile(path.relative(corpus, destination), fetched.value.bytes, { maxDocumentBytes: options.maxDocumentBytes, metadata: sidecar });
  if (!fresh.ok) return fresh;
  const before = current.ok ? current.value.paragraphs.length : 0;
  if (current.ok && current.value.hash === fresh.value.hash) {
    return ok({ id, path: file, changed: false, paragraphs: { before, after: before } });
  }
  const written = await store(destination, { ...fetched.value, metadata: { ...fetched.value.metadata, ...sidecar } }, options);
  if (!written.ok) return written;
  if (destination !== file) await rm(file, { force: true });
  return ok({ id, path: destination, changed: true, paragraphs: { before, after: fresh.value.paragraphs.length } });
}

async function store(destination: string, fetched: Fetched, options: UrlOptions): Promise<Result<true, CitebotError>> {
  const metadata: DocumentMetadata = { ...fetched.metadata, sourceUrl: fetched.url, retrieved: options.today };
  const checked = await ingestFile(path.basename(destination), fetched.bytes, { maxDocumentBytes: options.maxDocumentBytes, metadata });
  if (!checked.ok) return checked;
  await mkdir(path.dirname(destination), { recursive: true });
  await writeFileAtomic(destination, fetched.bytes);
  await writeSidecar(destination, metadata);
  return ok(true);
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
  return decoded.ok ? decoded.value : undefined;
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
  const segments = url.pathname.split('/').map((segment) => decodeURIComponent(segment)).filter((segment) => /[a-z]/i.test(segment));
  const last = segments.at(-1)?.replace(/\.(?:s?html?|php|aspx?|pdf|docx|epub|txt|md|markdown)$/i, '');
  return documentIdFromFileName(`${last ?? url.hostname.replace(/^www\./, '')}.x`);
}

/** The corpus file that holds document `id`, whatever its format or folder. */
export async function findDocumentFile(corpus: string, id: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = await readdir(corpus, { recursive: true });
  } catch {
    return undefined;
  }
  const match = entries
    .filter((entry) => !entry.split(path.sep).some((part) => part.startsWith('.')) && !isSidecarFile(entry) && documentFormatOf(entry))
    .find((entry) => documentIdFromFileName(path.basename(entry)) === id);
  return match ? path.join(corpus, match) : undefined;
}
