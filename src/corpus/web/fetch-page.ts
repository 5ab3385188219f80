import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { err, ok, type Result } from '../../core/result.js';
import { guardedLookup, literalAddressRefusal, PrivateAddressError } from './address-policy.js';

export interface FetchPolicy {
  /** The whole exchange — connection, redirects, headers and body — must finish within this. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Loopback, private and link-local addresses are refused unless this is set. */
  readonly allowPrivate: boolean;
}

export type FetchProblem =
  | { readonly kind: 'invalid-url' }
  | { readonly kind: 'scheme'; readonly scheme: string }
  | { readonly kind: 'private-address'; readonly host: string; readonly address: string }
  | { readonly kind: 'timeout'; readonly ms: number }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'redirects'; readonly limit: number; readonly loop: boolean }
  | { readonly kind: 'content-type'; readonly type: string }
  | { readonly kind: 'network'; readonly reason: string };

export interface FetchedPage {
  /** Where the content came from, after redirects. */
  readonly url: string;
  /** The media type without parameters, lower-cased. */
  readonly type: string;
  readonly charset: string | undefined;
  readonly body: Buffer;
}

/** What `add <url>` can store: web pages, and documents served as themselves. */
export const FETCHABLE_TYPES: Readonly<Record<string, string>> = {
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/epub+zip': '.epub',
  'text/plain': '.txt',
  'text/markdown': '.md',
};

const USER_AGENT = 'citebot (corpus maintenance; fetches one page on request)';

/**
 * GETs `address` under the policy: http and https only, every redirect checked the
 * same way and counted, private addresses refused at connection time, only the
 * content types citebot reads, and the body cut off at the size limit and the
 * deadline. Compressed answers are inflated under the same size limit.
 */
export async function fetchPage(address: string, policy: FetchPolicy): Promise<Result<FetchedPage, FetchProblem>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const seen = new Set<string>();
  try {
    let current = address;
    for (let redirects = 0; ; redirects += 1) {
      const url = parseHttpUrl(current);
      if (!url.ok) return url;
      const literal = literalAddressRefusal(url.value.hostname, policy.allowPrivate);
      if (literal) return err({ kind: 'private-address', host: literal.host, address: literal.address });
      seen.add(url.value.href);
      const response = await request(url.value, policy, controller.signal);
      if (!response.ok) return response;
      const { status, headers } = response.value;
      const location = headers.location;
      if (status >= 300 && status < 400 && location) {
        response.value.resume();
        const next = new URL(location, url.value).href;
        if (seen.has(next) || redirects >= policy.maxRedirects) return err({ kind: 'redirects', limit: policy.maxRedirects, loop: seen.has(next) });
        current = next;
        continue;
      }
      return await readBody(response.value, url.value.href, policy, controller.signal);
    }
  } finally {
    clearTimeout(timer);
  }
}

function parseHttpUrl(address: string): Result<URL, FetchProblem> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return err({ kind: 'invalid-url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err({ kind: 'scheme', scheme: url.protocol.replace(/:$/, '') });
  return ok(url);
}

function request(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<Result<IncomingMessage & { status: number }, FetchProblem>> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.get(
      url,
      {
        signal,
        lookup: guardedLookup(policy.allowPrivate),
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1', 'accept-encoding': 'gzip, deflate, br' },
      },
      (response) => resolve(ok(Object.assign(response, { status: response.statusCode ?? 0 }))),
    );
    outgoing.on('error', (error) => resolve(err(networkProblem(error, signal, policy))));
  });
}

async function readBody(response: IncomingMessage & { status: number }, url: string, policy: FetchPolicy, signal: AbortSignal): Promise<Result<FetchedPage, FetchProblem>> {
  if (response.status < 200 || response.status >= 300) {
    response.resume();
    return err({ kind: 'status', status: response.status });
  }
  const [type = '', ...parameters] = (response.headers['content-type'] ?? '').split(';').map((part) => part.trim());
  const mediaType = type.toLowerCase();
  if (!FETCHABLE_TYPES[mediaType]) {
    response.destroy();
    return err({ kind: 'content-type', type: mediaType || 'none' });
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    response.destroy();
    return err({ kind: 'too-large', limit: policy.maxBytes });
  }
  const charset = parameters.find((parameter) => /^charset=/i.test(parameter))?.slice(8).replace(/"/g, '');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded(response)) {
      size += (chunk as Buffer).length;
      if (size > policy.maxBytes) {
        response.destroy();
        return err({ kind: 'too-large', limit: policy.maxBytes });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    return err(networkProblem(error, signal, policy));
  }
  return ok({ url, type: mediaType, charset, body: Buffer.concat(chunks) });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

function networkProblem(error: unknown, signal: AbortSignal, policy: FetchPolicy): FetchProblem {
  if (signal.aborted) return { kind: 'timeout', ms: policy.timeoutMs };
  if (error instanceof PrivateAddressError) return { kind: 'private-address', host: error.host, address: error.address };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return { kind: 'network', reason: code ?? (error instanceof Error ? error.message : String(error)) };
}
