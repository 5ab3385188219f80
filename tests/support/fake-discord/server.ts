import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeDiscordCore } from './core.js';
import { discordError, unknown, type RestCall, type RestResponse } from './rest-support.js';
import type { RestRequestRecord, UploadedFile } from './types.js';

/** discord.js requests `${rest.api}/v${rest.version}${route}`; the fake serves `rest.api = http://host:port/api`. */
const API_PREFIX = '/api/v10';

export interface Route {
  method: string;
  /** Segments starting with ":" are parameters, e.g. `/channels/:channelId/messages`. */
  pattern: string;
  /** Bot-token routes; interaction callbacks and webhook routes are authorised by the token in the path instead. */
  auth: boolean;
  handle(call: RestCall, core: FakeDiscordCore): RestResponse | Promise<RestResponse>;
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of expected.entries()) {
    const value = actual[i] as string;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return params;
}

async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    // discord.js sends uploads as multipart with the JSON in `payload_json` and files in `files[n]`.
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, size: value.size, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

function send(response: ServerResponse, result: RestResponse): void {
  const headers = { ...result.headers };
  let payload: string | undefined;
  if (result.body !== undefined) {
    payload = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
    headers['Content-Type'] ??= 'application/json';
  }
  response.writeHead(result.status, headers);
  response.end(payload);
}

/** Injected faults first (like an edge proxy), then the route with its auth check; unknown routes are recorded. */
async function answer(
  core: FakeDiscordCore,
  routes: Route[],
  request: IncomingMessage,
  record: RestRequestRecord,
  call: RestCall,
): Promise<RestResponse> {
  const fault = core.faults.take(call.method, call.path);
  if (fault) return fault;
  for (const route of routes) {
    if (route.method !== call.method) continue;
    const params = match(route.pattern, call.path);
    if (!params) continue;
    if (route.auth && request.headers.authorization !== `Bot ${core.token}`) {
      return discordError(401, 0, '401: Unauthorized');
    }
    return route.handle({ ...call, params }, core);
  }
  core.unknownRoutes.push(record);
  return unknown.route();
}

async function handle(core: FakeDiscordCore, routes: Route[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const method = (request.method ?? 'GET').toUpperCase();
  const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
  const parsed = await readBody(request).catch((error: unknown) => ({ body: undefined, files: [], invalid: String(error) }));
  const { body, files } = parsed;
  const record: RestRequestRecord = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body,
    files,
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
    timestamp: Date.now(),
    status: 0,
  };
  core.requests.push(record);
  const call: RestCall = { method, path, params: {}, query: url.searchParams, body, files, label: `${method} ${path}` };
  let result: RestResponse;
  if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
    core.unknownRoutes.push(record);
    result = unknown.route();
  } else if ('invalid' in parsed) {
    result = discordError(400, 50109, `The request body contains invalid JSON. (${parsed.invalid})`);
  } else {
    try {
      result = await answer(core, routes, request, record, call);
    } catch (error) {
      // A bug in the fake must fail loudly in the test, not look like a Discord outage the bot retries through.
      result = { status: 500, body: { message: `fake-discord internal error: ${String(error)}`, code: 0 } };
      console.error('fake-discord internal error', error);
    }
  }
  record.status = result.status;
  send(response, result);
  core.changes.notify();
}

export async function startRestServer(core: FakeDiscordCore, routes: Route[]): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => void handle(core, routes, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
