import { request as httpRequest } from 'node:http';
import { VENDOR_IDS, type VendorId } from '../../src/connectors/types.js';
import type { Simulators } from '../../src/simulator/start.js';

/**
 * Helpers for the security and bad-input suites: raw HTTP (bodies and headers a GraphQL client would
 * never send), every simulator's request log in one place, and the abusive documents themselves.
 */

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: { data?: unknown; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] } | undefined;
  ms: number;
}

/** One HTTP request to the gateway, as given: nothing is added but what `fetch` itself adds. */
export async function send(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text) as RawResponse['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json, ms: performance.now() - started };
}

/** A POST whose body is sent chunked, without Content-Length: `fetch` cannot be made to do this reliably. */
export function chunkedPost(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // Two chunks, so the body really is sent in pieces.
    req.write(body.slice(0, 5));
    req.end(body.slice(5));
  });
}

/** Every request each simulator logged, as `METHOD /path?query` (IMIchat's `/authorize` included). */
export function vendorCalls(simulators: Simulators): Record<VendorId, string[]> {
  return Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, simulators[vendor].requests().entries.map((entry) => `${entry.method} ${entry.url}`)])) as Record<VendorId, string[]>;
}

export const NO_CALLS: Readonly<Record<VendorId, string[]>> = { rinkel: [], dialpad: [], imichat: [], commpeak: [] };

/** Header values (any simulator, any request) that carry a CR, LF or NUL: a header injection got through. */
export function injectedHeaders(simulators: Simulators): string[] {
  return VENDOR_IDS.flatMap((vendor) =>
    simulators[vendor].requests().entries.flatMap((entry) =>
      Object.entries(entry.headers)
        .filter(([name, value]) => /[\r\n\0]/.test(name) || /[\r\n\0]/.test(value))
        .map(([name, value]) => `${vendor} ${entry.method} ${entry.url}: ${JSON.stringify(`${name}: ${value}`)}`),
    ),
  );
}

/** A Relay global id, encoded as Pothos encodes them: base64 of `Type:id`. */
export function globalId(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64');
}

/**
 * A document `depth` levels deep by graphql-armor's count (inline fragments count as a level), made of
 * real schema fields only: it is valid, and would read every vendor's user list if it ran.
 */
export function deepQuery(depth: number): string {
  const leaf = 'users(first: 1) { edges { node { details { ... on RinkelUserDetails { preferences { webphone { callWaiting { enabled } } } } } } } }';
  const leafDepth = 9;
  const wrappers = depth - leafDepth;
  if (wrappers < 0) throw new Error(`deepQuery: at least ${leafDepth} levels, asked ${depth}`);
  return `query Deep { ${'... on Query { '.repeat(wrappers)}${leaf}${' }'.repeat(wrappers)} }`;
}

/** `count` aliases of one Dialpad read: executed, it would be one vendor call per alias. */
export function aliasQuery(count: number, dialpadId = '1000'): string {
  return `query Aliases { ${Array.from({ length: count }, (_, i) => `a${i}: userByVendorId(vendor: DIALPAD, vendorUserId: "${dialpadId}") { id }`).join(' ')} }`;
}

/** Something in a body that would reveal code internals: a stack frame or a source path. */
export const STACK_TRACE = /\bat [\w$.<>]+ \(|\(?(file:\/\/)?\/[\w./-]+\.(ts|js|mjs|cjs):\d+(:\d+)?|node_modules\//;
