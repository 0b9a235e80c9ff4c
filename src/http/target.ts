import { isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The request target and Host, checked before anything else reads them. Both are attacker text that
 * URL parsers elsewhere (Yoga's, the Fetch API's) would throw on, so a malformed one must be refused
 * here with a 400, not reach them. Nothing is normalised: `/graphql/.` is not `/graphql`, and the path
 * the router matches is the path the client sent.
 */

export interface Target {
  /** The path exactly as sent, without the query string. */
  readonly path: string;
  /** The query string with its `?`, or ''. */
  readonly search: string;
  /** The authority the request names (absolute-form target, else `Host`), validated. */
  readonly host: string;
}

/**
 * Visible ASCII, with `%` only as a complete escape. Stricter than what clients send would refuse real
 * requests: browsers and `fetch` leave `{`, `}` and `|` of a GET query unescaped.
 */
const TARGET = /^(?:[\x21-\x24\x26-\x7e]|%[0-9A-Fa-f]{2})*$/;
/** reg-name or IPv4 (RFC 3986 `host`), and an optional port. IPv6 literals are checked on their own. */
const REG_NAME = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;
const ABSOLUTE = /^https?:\/\/([^/?#]*)(.*)$/is;

/** The target of `req`, or null when the target or the Host header is malformed. */
export function parseTarget(req: IncomingMessage): Target | null {
  const raw = req.url ?? '';
  // Two Host headers are two answers to one question; Node keeps the first and drops the rest.
  if (countHeader(req, 'host') > 1) return null;
  // HTTP/1.0 has no Host (old load-balancer probes send none); HTTP/1.1 requires it (Node refuses it missing).
  let host = req.headers.host ?? (req.httpVersion === '1.0' ? 'localhost' : '');
  let pathAndQuery = raw;
  const absolute = ABSOLUTE.exec(raw);
  if (absolute) {
    // RFC 9112 §3.2.2: a server must accept the absolute form, and its authority overrides Host.
    host = absolute[1] ?? '';
    const rest = absolute[2] ?? '';
    pathAndQuery = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
  }
  if (!pathAndQuery.startsWith('/') || !TARGET.test(pathAndQuery) || !validHost(host)) return null;
  const query = pathAndQuery.indexOf('?');
  return query === -1 ? { path: pathAndQuery, search: '', host } : { path: pathAndQuery.slice(0, query), search: pathAndQuery.slice(query), host };
}

/** `host[:port]` per RFC 3986: a reg-name, IPv4 or bracketed IPv6 literal, and a port up to 65535. */
export function validHost(value: string): boolean {
  if (value.length === 0 || value.length > 255) return false;
  let name = value;
  let port: string | undefined;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end === -1 || !isIPv6(value.slice(1, end))) return false;
    const after = value.slice(end + 1);
    if (after !== '' && !after.startsWith(':')) return false;
    port = after === '' ? undefined : after.slice(1);
    name = '';
  } else {
    const colon = value.lastIndexOf(':');
    if (colon !== -1) {
      port = value.slice(colon + 1);
      name = value.slice(0, colon);
    }
    if (!REG_NAME.test(name)) return false;
  }
  return port === undefined || (/^\d{0,5}$/.test(port) && Number(port) <= 65535);
}

/** How many times a header was sent; `req.headers` keeps only the first of some (Host, Authorization). */
export function countHeader(req: IncomingMessage, name: string): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === name) count += 1;
  return count;
}
