import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the GraphQL endpoint, decided by exact origin match. Only a listed origin is ever echoed;
 * `null` (sandboxed iframes, `file:` pages) and `*` appear only when the list is `*` (sandbox mode).
 * `Vary: Origin` goes on every answer, allowed or not, so a shared cache never hands one origin's
 * answer to another.
 */

/** Request headers a browser client may send: what GraphQL clients and this API's CSRF check use. */
export const ALLOWED_HEADERS = ['accept', 'authorization', 'content-type', 'graphql-require-preflight', 'x-graphql-csrf', 'x-request-id', 'apollographql-client-name', 'apollographql-client-version'];
/** How long a browser may cache a preflight answer, in seconds. */
export const PREFLIGHT_MAX_AGE_S = 600;

export interface Cors {
  /** Sets the CORS headers of an ordinary request. */
  decorate(req: IncomingMessage, res: ServerResponse): void;
  /** True for a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method). */
  isPreflight(req: IncomingMessage): boolean;
  /** Answers a preflight: 204 with what is allowed, or 403 for an origin not listed. */
  preflight(req: IncomingMessage, res: ServerResponse): void;
}

export function createCors(origins: readonly string[]): Cors {
  const any = origins.includes('*');
  const listed = new Set(origins.filter((origin) => origin !== '*').map((origin) => origin.toLowerCase()));
  const enabled = any || listed.size > 0;

  /** The value of Access-Control-Allow-Origin for this request, or null to send none. */
  const allowed = (origin: string | undefined): string | null => {
    if (!enabled || origin === undefined) return null;
    if (any) return '*';
    const normalised = origin.toLowerCase();
    return normalised !== 'null' && listed.has(normalised) ? origin : null;
  };

  return {
    decorate(req, res) {
      if (!enabled) return;
      res.setHeader('vary', 'Origin');
      const allow = allowed(req.headers.origin);
      if (allow === null) return;
      res.setHeader('access-control-allow-origin', allow);
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    },
    isPreflight(req) {
      return enabled && req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;
    },
    preflight(req, res) {
      const allow = allowed(req.headers.origin);
      const method = String(req.headers['access-control-request-method']).toUpperCase();
      if (allow === null || (method !== 'GET' && method !== 'POST')) {
        res.writeHead(403, { vary: 'Origin', 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ errors: [{ message: 'This origin may not call the API from a browser.', extensions: { code: 'FORBIDDEN' } }] }));
        return;
      }
      const requested = String(req.headers['access-control-request-headers'] ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
      res.writeHead(204, {
        vary: 'Origin',
        'access-control-allow-origin': allow,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': requested.filter((name) => ALLOWED_HEADERS.includes(name)).join(', ') || 'content-type',
        'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
        'content-length': '0',
      });
      res.end();
    },
  };
}
