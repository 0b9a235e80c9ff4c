import type { z } from 'zod';
import type { VendorId } from '../connectors/types.js';

/**
 * The contract between the simulator kit (transport, faults, records, admin) and one vendor's app
 * (routes, auth, envelopes, state). Vendor apps never see sockets, so the same app serves a real
 * loopback port and a Fetch-API handler for unit tests.
 */

/** One request as the kit hands it to a vendor app: already read, not yet interpreted. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string, percent-encoding kept as received. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body; empty string when there is none. */
  readonly body: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialized as JSON; `undefined` sends no body. */
  readonly json?: unknown;
}

export interface VendorApp<Settings extends object = object> {
  readonly vendor: VendorId;
  /** Header names whose values are secrets: the request log shows them as `[redacted]`. */
  readonly secretHeaders: readonly string[];
  /** Runtime-adjustable behaviour (rate limits, token lifetime); changed through the admin API. */
  readonly settings: Settings;
  readonly settingsSchema: z.ZodType<Partial<Settings>>;
  handle(request: SimRequest): SimResponse | Promise<SimResponse>;
  /** The vendor's own error shape, used for injected 5xx and 429 faults. */
  errorResponse(status: number, message: string): SimResponse;
  /** Restores the seed state. */
  reset(): void;
}

/** Options every vendor simulator factory takes (`createRinkelSimulator(options)` and its siblings). */
export interface VendorSimulatorOptions {
  /** Seed for users and fault draws; the same seed gives the same users. @default 1 */
  seed?: number;
  /** Users in the directory. @default 200 */
  users?: number;
  /** Clock for time-dependent vendor behaviour (token expiry, rate windows); tests move it forward. @default Date.now */
  now?: () => number;
}

/** What the transport must do with a request; faults are expressed as anything but `respond`. */
export type Outcome =
  | { readonly kind: 'respond'; readonly status: number; readonly headers: Record<string, string>; readonly body: string; readonly slowMs?: number }
  /** Sends the status line, headers with the full Content-Length and half the body, then drops the connection. */
  | { readonly kind: 'truncate'; readonly status: number; readonly headers: Record<string, string>; readonly body: string }
  /** Drops the connection without a response. */
  | { readonly kind: 'reset' }
  /** Never answers; the connection stays open until the client gives up or the simulator closes. */
  | { readonly kind: 'hang' };

export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Shorthand for a JSON response. */
export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return headers ? { status, json: body, headers } : { status, json: body };
}

/** Parses a request body as JSON; `undefined` for an empty body, an `Error` for a malformed one. */
export function parseJsonBody(request: SimRequest): unknown {
  if (request.body.trim() === '') return undefined;
  try {
    return JSON.parse(request.body) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Matches `/users/{id}`-style paths; returns the decoded segments or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string;
    const actual = got[i] as string;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (actual === '') return null;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}
