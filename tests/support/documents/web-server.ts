import { createServer, type Server, type ServerResponse } from 'node:http';
import { readEssay } from './essay-model.js';
import { AUTHOR, essayFile, PUBLICATION } from './format-corpus.js';
import { PNG_BYTES } from './hostile-files.js';
import { essayPage } from './web-fixture.js';

export interface LoopbackSite {
  readonly base: string;
  /** Replaces what /changing serves. */
  setChanging(html: string): void;
  close(): Promise<void>;
}

/**
 * A loopback web server with the pages `add <url>` meets in the wild: articles
 * inside site clutter, a PDF, a redirect loop, a page that never finishes, a 404,
 * binaries (one of them claiming to be HTML) and an oversized page.
 */
export async function startLoopbackSite(): Promise<LoopbackSite> {
  const pdf = (await essayFile('pdf', 'trump-putin-call')).bytes;
  let changing = essayPage(readEssay('trump-putin-call'), { author: AUTHOR, site: PUBLICATION, date: '2025-02-13' });
  const open = new Set<ServerResponse>();
  const routes: Record<string, (response: ServerResponse) => void> = {
    '/report.pdf': (response) => send(response, 200, 'application/pdf', pdf),
    '/changing': (response) => send(response, 200, 'text/html; charset=utf-8', changing),
    '/loop-a': (response) => redirect(response, '/loop-b'),
    '/loop-b': (response) => redirect(response, '/loop-a'),
    '/hop': (response) => redirect(response, '/articles/trump-putin-call'),
    '/missing': (response) => send(response, 404, 'text/html', '<h1>Not found</h1>'),
    '/image': (response) => send(response, 200, 'image/png', PNG_BYTES),
    '/download': (response) => send(response, 200, 'application/octet-stream', PNG_BYTES),
    '/binary-as-html': (response) => send(response, 200, 'text/html', Buffer.concat([PNG_BYTES, Buffer.alloc(4096)])),
    '/huge': (response) => {
      // Chunked, with no Content-Length to refuse it by: the size limit must cut the body off.
      response.writeHead(200, { 'content-type': 'text/html' });
      for (let chunk = 0; chunk < 40; chunk += 1) response.write(`<p>${'word '.repeat(10_000)}</p>`);
      response.end();
    },
    '/slow': (response) => {
      // Headers at once, then a trickle that never completes.
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<html><body><p>');
      open.add(response);
    },
  };
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const article = /^\/articles\/([a-z-]+)$/.exec(path)?.[1];
    if (article) return send(response, 200, 'text/html; charset=utf-8', essayPage(readEssay(article), { author: AUTHOR, site: PUBLICATION, date: '2025-02-13' }));
    (routes[path] ?? ((r: ServerResponse) => send(r, 404, 'text/plain', 'no route')))(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    base: `http://127.0.0.1:${port}`,
    setChanging(html) {
      changing = html;
    },
    async close() {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location });
  response.end();
}
