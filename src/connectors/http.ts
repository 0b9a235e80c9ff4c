import { Pool } from 'undici';
import type { z } from 'zod';
import { asUpstreamError, UpstreamError, type Delivery } from '../errors.js';
import type { Logger } from 'pino';
import type { Metrics } from '../resilience/metrics.js';
import { inSpan, requestIdOf } from '../telemetry.js';
import { abortable, startDeadline } from '../resilience/deadline.js';
import { chargeCall } from '../resilience/request-calls.js';
import { createUpstreamPolicy, type UpstreamPolicy } from '../resilience/policy.js';
import type { VendorId } from './types.js';

/**
 * The one HTTP layer every connector uses: an undici keep-alive pool per vendor (so a burst of
 * reads reuses a handful of connections instead of opening one per call), a timeout per attempt, and
 * the mapping from transport failures to the closed set of error codes. Vendor-specific meaning of a
 * non-2xx body (IMIchat's status codes, say) stays with the vendor's client.
 */

/** How a connector reaches its vendor; every connector takes these besides its credentials. */
export interface TransportOptions {
  /** Prefix the vendor paths are appended to, e.g. `https://api.rinkel.com/v1` (VENDORS.md "*_BASE_URL"). */
  baseUrl: string;
  /** One attempt, from sending the request to the last byte of the body. */
  timeoutMs: number;
  /** Calls in flight to the vendor at once, across all requests; also the connection pool's size. */
  concurrency: number;
  /** Quota, breaker and retries around every call. @default retries and a breaker, no quota */
  policy?: UpstreamPolicy;
  metrics?: Metrics;
  /** One line per attempt at debug level (route, status, time, request id); a child logger that names the vendor. Never a header or body. */
  logger?: Logger;
}

export interface HttpClientOptions extends TransportOptions {
  vendor: VendorId;
}

export interface VendorRequest {
  method: 'GET' | 'PUT' | 'PATCH' | 'POST';
  /** Path below the base URL; segments taken from input must already be encoded. */
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether a failed attempt may be repeated. Reads: yes. Writes: never here — whether a failed write
   * happened takes reading the account back, which the update logic does. @default method === 'GET'
   */
  retry?: boolean;
}

export interface VendorResponse {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON; undefined for an empty body. */
  body: unknown;
  /** From `Retry-After`, when sent. */
  retryAfterSeconds?: number | null;
}

export interface HttpClient {
  /** Resolves with any HTTP status; rejects with an `UpstreamError` when no readable response arrived. */
  send(request: VendorRequest): Promise<VendorResponse>;
  close(): Promise<void>;
}

export function createHttpClient({ vendor, baseUrl, timeoutMs, concurrency, policy = createUpstreamPolicy({ vendor }), metrics, logger }: HttpClientOptions): HttpClient {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, { connections: concurrency, keepAliveTimeout: 30_000, pipelining: 1 });

  /** One exchange, start to last byte, under the per-attempt timeout, in its own span. */
  function attempt(request: VendorRequest, route: string): Promise<VendorResponse> {
    // Every attempt is a call the vendor sees, so each one is charged to the request's budget.
    if (!chargeCall(request.signal)) {
      return Promise.reject(new UpstreamError({ code: 'QUERY_TOO_COMPLEX', vendor, httpStatus: null, delivery: 'not-sent', cancelled: true }));
    }
    return inSpan(`${vendor} ${route}`, { 'switchboard.vendor': vendor, 'http.request.method': request.method, 'url.template': route }, async (span) => {
      const response = await exchange(request, route);
      span.setAttribute('http.response.status_code', response.status);
      return response;
    });
  }

  /**
   * One exchange under its own timeout. When the caller's signal ends first (its client left, its
   * deadline passed) the caller stops waiting at once, but the exchange runs on to its answer or its
   * own timeout: the request is already at the vendor, and aborting it would only destroy a pooled
   * connection (measured: hundreds of reconnects a second when load generators disconnect).
   */
  async function exchange({ method, path, query, headers, body, signal }: VendorRequest, route: string): Promise<VendorResponse> {
    const deadline = startDeadline(timeoutMs);
    const started = performance.now();
    let status: number | null = null;
    let label = 'error';
    const call = (async (): Promise<VendorResponse> => {
      const response = await pool.request({
        method,
        path: prefix + path + queryString(query),
        headers: body === undefined ? { accept: 'application/json', ...headers } : { accept: 'application/json', 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: deadline.signal,
      });
      status = response.statusCode;
      label = String(status);
      const text = await response.body.text();
      const flat = flatten(response.headers);
      return { status, headers: flat, body: parseJson(vendor, status, text), retryAfterSeconds: retryAfterSeconds(flat['retry-after']) };
    })();
    // The timer ends with the exchange itself, whether or not anyone still waits for it.
    void call.then(deadline.finish, deadline.finish);
    try {
      return await (signal ? abortable(call, signal) : call);
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      const cancelled = signal?.aborted === true;
      // A response that started but did not finish is unreadable; no response at all is unavailability.
      const delivery: Delivery = status !== null ? 'answered' : deadline.signal.aborted || cancelled ? 'timeout' : isRefused(error) ? 'not-sent' : 'dropped';
      label = status === null ? (cancelled ? 'cancelled' : delivery) : label;
      throw new UpstreamError({ code: status === null ? 'VENDOR_UNAVAILABLE' : 'BAD_VENDOR_RESPONSE', vendor, httpStatus: status, cause: error, delivery, cancelled });
    } finally {
      const seconds = (performance.now() - started) / 1000;
      metrics?.upstreamRequests.inc({ vendor, route, status: label });
      metrics?.upstreamDuration.observe({ vendor, route }, seconds);
      logger?.debug({ route, status: label, ms: Math.round(seconds * 1000), requestId: requestIdOf(signal) }, 'upstream call');
    }
  }

  return {
    send(request) {
      const route = routeOf(request);
      // A call that waited its turn for a request that is already over (client gone, deadline passed)
      // is not sent at all: under load, a cancelled query can have dozens of calls queued behind the cap.
      if (request.signal?.aborted) {
        return Promise.reject(new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor, httpStatus: null, delivery: 'not-sent', cancelled: true, cause: request.signal.reason }));
      }
      // Whether any attempt started: a deadline that fires before one did was spent waiting for a quota slot.
      let started = false;
      return policy
        .run({ route, retry: request.retry ?? request.method === 'GET', signal: request.signal }, () => {
          started = true;
          return attempt(request, route);
        })
        .catch((error: unknown) => Promise.reject(asUpstreamError(error, vendor, request.signal, started)));
    },
    close: () => closePool(pool),
  };
}

/**
 * Closes the pool, letting calls still running finish for a moment; then cuts them off. Their callers
 * stopped waiting when their requests ended, and a hung vendor would otherwise hold shutdown (and every
 * test that stops an app) for the whole per-attempt timeout.
 */
async function closePool(pool: Pool, graceMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closing = pool.close().then(() => 'closed' as const, () => 'closed' as const);
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([closing, late]);
  clearTimeout(timer);
  if (outcome === 'late') await pool.destroy();
}

/** Metrics label: the path with the user id replaced, so each account does not become its own series. */
function routeOf({ method, path }: VendorRequest): string {
  return `${method} ${path.replace(/\/users\/[^/]+/, '/users/{id}')}`;
}

function isRefused(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNREFUSED';
}

/** Maps a non-2xx response to its error code; vendors call this after decoding their own error bodies. */
export function failureFor(vendor: VendorId, response: VendorResponse): UpstreamError {
  const { status } = response;
  const code = status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : status === 502 || status === 503 || status === 504 ? 'VENDOR_UNAVAILABLE' : 'VENDOR_ERROR';
  return new UpstreamError({ code, vendor, httpStatus: status, retryAfterSeconds: response.retryAfterSeconds ?? retryAfterSeconds(response.headers['retry-after']) });
}

/** Validates a vendor payload; a drifted shape becomes BAD_VENDOR_RESPONSE for this item, never a wrong value. */
export function parseWire<S extends z.ZodType>(vendor: VendorId, schema: S, response: VendorResponse, payload: unknown = response.body): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor, httpStatus: response.status, cause: result.error });
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

function parseJson(vendor: VendorId, status: number, text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor, httpStatus: status, cause: error });
  }
}

/** `?a=1&b=2` from a request's query, leaving out absent values; '' when nothing is left. */
export function queryString(query: VendorRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Response headers as one string each (repeated ones joined), as the vendor clients read them. */
export function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
