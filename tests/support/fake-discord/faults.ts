import type { RestResponse } from './rest-support.js';

export interface FaultSpec {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Tested against the API path after `/api/v10`, e.g. `/interactions/123/abc/callback` (any when absent). */
  path?: RegExp;
  status: 429 | 500 | 502 | 503;
  /** For 429s; default 1. The body carries it exactly, the Retry-After header rounded up to whole seconds as Discord sends it. */
  retryAfterSeconds?: number;
  /** For 429s: the global rate limit (X-RateLimit-Global, scope "global") instead of a per-route bucket. */
  global?: boolean;
  /** How many matching requests fail; default 1. */
  times?: number;
}

function rateLimited(spec: FaultSpec): RestResponse {
  const retryAfter = spec.retryAfterSeconds ?? 1;
  const headers: Record<string, string> = {
    'Retry-After': String(Math.ceil(retryAfter)),
    'X-RateLimit-Scope': spec.global ? 'global' : 'user',
  };
  if (spec.global) {
    headers['X-RateLimit-Global'] = 'true';
  } else {
    Object.assign(headers, {
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
      'X-RateLimit-Reset-After': retryAfter.toFixed(3),
      'X-RateLimit-Bucket': 'fake-discord-bucket',
    });
  }
  const body = { message: 'You are being rate limited.', retry_after: retryAfter, global: spec.global ?? false };
  return { status: 429, headers, body };
}

function serverError(status: 500 | 502 | 503): RestResponse {
  // 5xx come from Discord's edge as often as from the API, so they are not always JSON; discord.js retries them.
  if (status === 500) return { status, body: { message: '500: Internal Server Error', code: 0 } };
  return { status, headers: { 'Content-Type': 'text/html' }, body: `<html><body><h1>${status} Bad Gateway</h1></body></html>` };
}

/** Faults armed by `failNext`, consumed by the requests they match. */
export class FaultInjector {
  private readonly armed: { spec: FaultSpec; remaining: number }[] = [];

  arm(spec: FaultSpec): void {
    this.armed.push({ spec, remaining: spec.times ?? 1 });
  }

  take(method: string, path: string): RestResponse | undefined {
    const fault = this.armed.find(
      ({ spec, remaining }) =>
        remaining > 0 && (!spec.method || spec.method.toUpperCase() === method) && (!spec.path || spec.path.test(path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    return fault.spec.status === 429 ? rateLimited(fault.spec) : serverError(fault.spec.status);
  }
}
