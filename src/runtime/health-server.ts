import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotMetrics } from './metrics.js';

export interface HealthStatus {
  readonly ready: boolean;
  readonly details: Record<string, unknown>;
}

/**
 * /healthz answers 200 only when the bot can answer (index loaded, gateway
 * connected) and 503 otherwise, so an orchestrator restarts or waits on it;
 * /metrics serves Prometheus text.
 */
export async function startHealthServer(
  address: { readonly port: number; readonly host: string },
  status: () => HealthStatus,
  metrics: BotMetrics,
): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET') {
      response.writeHead(405).end();
    } else if (url.pathname === '/healthz') {
      const current = status();
      response.writeHead(current.ready ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: current.ready ? 'ok' : 'unavailable', ...current.details }));
    } else if (url.pathname === '/metrics') {
      metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, resolve);
  });
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
