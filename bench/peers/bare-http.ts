/**
 * The floor's HTTP client, shared by the floor and yoga-floor: Switchboard's request shape
 * (src/connectors/http.ts) over one long-lived undici pool per vendor, one attempt, and nothing else.
 *
 * The timeout is undici's own (`headersTimeout` until the status line, `bodyTimeout` between body
 * chunks), kept by the pool's connection timers: no `AbortSignal.timeout` or `AbortSignal.any` per call.
 * On Node 20 each of those signals keeps a timer and listeners alive for its whole timeout, which this
 * project measured as halving throughput (docs/PERFORMANCE.md, item 2). No request signal either: a
 * floor call finishes on its keep-alive connection whatever its client does, as Switchboard's
 * abandoned calls do.
 */
import { Pool } from 'undici';
import { flatten, queryString, retryAfterSeconds, type HttpClient, type VendorRequest } from '../../src/connectors/http.js';
import type { VendorId } from '../../src/connectors/types.js';
import { UpstreamError } from '../../src/errors.js';
import type { VendorEndpoint } from './kit.js';

const JSON_ONLY = { accept: 'application/json' } as const;
const JSON_BODY = { accept: 'application/json', 'content-type': 'application/json' } as const;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function bareHttp(vendor: VendorId, { baseUrl, concurrency, timeoutMs }: VendorEndpoint): HttpClient {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  return {
    async send({ method, path, query, headers, body }: VendorRequest) {
      let status: number | null = null;
      try {
        const response = await pool.request({
          method,
          path: query ? prefix + path + queryString(query) : prefix + path,
          headers: headers ? { ...(body === undefined ? JSON_ONLY : JSON_BODY), ...headers } : body === undefined ? JSON_ONLY : JSON_BODY,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        status = response.statusCode;
        const text = await response.body.text();
        const flat = flatten(response.headers);
        return { status, headers: flat, body: text.trim() === '' ? undefined : (JSON.parse(text) as unknown), retryAfterSeconds: retryAfterSeconds(flat['retry-after']) };
      } catch (cause) {
        // The vendor clients expect an UpstreamError when no readable answer came back.
        const timedOut = TIMEOUT_CODES.has((cause as { code?: string }).code ?? '');
        throw new UpstreamError({ code: status === null ? 'VENDOR_UNAVAILABLE' : 'BAD_VENDOR_RESPONSE', vendor, httpStatus: status, cause, delivery: status === null && timedOut ? 'timeout' : undefined });
      }
    },
    close: () => pool.close(),
  };
}
