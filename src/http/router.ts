import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AuthError, type Authenticate, type Principal } from '../auth.js';
import type { Gateway } from '../gateway.js';
import type { Refusal } from '../plugins/request-metrics.js';
import { startDeadline } from '../resilience/deadline.js';
import { trackRequestCalls } from '../resilience/request-calls.js';
import { inSpan, requestIdFrom, tagRequest } from '../telemetry.js';
import { createCors } from './cors.js';
import { sendError } from './respond.js';
import { countHeader, parseTarget, type Target } from './target.js';

/**
 * Handles a request's HTML page or static file; returns false when it is not one it serves (the
 * router then goes on as if there were no frontend). Called only for GET and HEAD, before any
 * authentication: what it serves must be public.
 */
export type Frontends = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface RouterOptions {
  gateway: Gateway;
  authenticate: Authenticate;
  /** GraphiQL's page is served without a token (by `frontends`, else by Yoga) when this is on. */
  graphiql: boolean;
  /** `GET /metrics`: `public`, `token` (any credential the API accepts) or `off` (404). */
  metrics: 'public' | 'token' | 'off';
  /** Origins allowed by CORS; `*` for any (sandbox); empty: no CORS headers. */
  corsOrigins: readonly string[];
  /** Bodies larger than this are refused by their Content-Length, before anything reads them. */
  maxBodyBytes: number;
  /** One request, end to end. */
  requestDeadlineMs: number;
  /** Vendor calls one request may make; those past it fail with QUERY_TOO_COMPLEX. */
  maxVendorCalls: number;
  /** GraphiQL's HTML page (GET `/graphql` from a browser, no `query`) and the console's static files. */
  frontends?: Frontends;
  /** Told of every request the router answers with an error itself (metrics and the access log). */
  onRefused?: (refusal: Refusal) => void;
  logger?: Logger;
}

/** The one GraphQL path; nothing else runs GraphQL, not `/graphql/`, `//graphql` or `/graphql/.`. */
export const GRAPHQL_PATH = '/graphql';
const HEALTH_PATHS = new Set(['/healthz', '/readyz']);
const METRICS_PATH = '/metrics';

/**
 * The HTTP entry: every request is checked (target, Host, one Authorization header, body size),
 * then either served by a public route or authenticated, before anything parses it. The table:
 *
 * | path | served | without a token |
 * |---|---|---|
 * | `/graphql` exactly | GraphQL (Yoga) | GraphiQL's page only (GET, HTML, no `query`, GraphiQL on); else 401 |
 * | `/healthz`, `/readyz` | health (Yoga plugin) | yes |
 * | `/metrics` | Prometheus text | `METRICS=public` only; `token`: 401; `off`: 404 |
 * | anything `frontends` serves (GET/HEAD) | the console's files | yes |
 * | anything else | 404 | 401 |
 */
export function createRouter(options: RouterOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { gateway, authenticate, logger } = options;
  const cors = createCors(options.corsOrigins);

  /** Hands the request to Yoga, with its deadline, its vendor-call budget and its principal. */
  function forward(req: IncomingMessage, res: ServerResponse, target: Target, requestId: string, principal?: Principal): void {
    // The request's deadline ends with its response. A client that leaves first ends the request: its
    // queued vendor calls are not sent and running ones are no longer waited for (see http.ts).
    const deadline = startDeadline(options.requestDeadlineMs);
    res.once('close', () => {
      if (!res.writableFinished) deadline.cancel(new DOMException('The client closed the connection', 'AbortError'));
      deadline.finish();
    });
    // Vendor calls find the request id, and the request's call budget, on the signal they are given.
    tagRequest(deadline.signal, requestId);
    trackRequestCalls(deadline.signal, options.maxVendorCalls);
    continueIfExpected(req, res);
    void inSpan(`${req.method} ${target.path}`, { 'http.request.method': req.method ?? 'GET', 'switchboard.request_id': requestId }, async () => {
      await gateway(req, res, { deadline: deadline.signal, ...(principal ? { principal } : {}) });
      await new Promise<void>((resolve) => (res.writableFinished ? resolve() : res.once('close', resolve)));
      if (res.statusCode >= 500) logger?.error({ requestId, status: res.statusCode, url: target.path }, 'request failed');
    }).catch((error: unknown) => {
      logger?.error({ requestId, err: error }, 'request failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const target = parseTarget(req);
    const refused = (status: number, code: string, message?: string, headers?: Record<string, string>): void => {
      if (message !== undefined) refuse(req, res, status, code, message, headers);
      options.onRefused?.({ requestId, method: req.method ?? 'GET', path: target?.path, status, code, durationSeconds: (performance.now() - started) / 1000 });
    };
    if (!target) return refused(400, 'BAD_REQUEST', 'Malformed request target or Host header.');
    // Yoga and the frontends read these: only the validated target, in origin form, reaches them.
    req.url = target.path + target.search;
    req.headers.host = target.host;
    // One credential per request: with two, which one wins would depend on who reads the headers.
    if (countHeader(req, 'authorization') > 1) return refused(400, 'BAD_REQUEST', 'Send one Authorization header, not several.');
    cors.decorate(req, res);
    if (target.path === GRAPHQL_PATH && cors.isPreflight(req)) return cors.preflight(req, res);
    const tooLarge = refuseBody(req, res, options.maxBodyBytes);
    if (tooLarge) return refused(tooLarge.status, tooLarge.code);

    if (HEALTH_PATHS.has(target.path)) return forward(req, res, target, requestId);
    if (target.path === METRICS_PATH && options.metrics === 'public') return forward(req, res, target, requestId);
    if (target.path === METRICS_PATH && options.metrics === 'off') return refused(404, 'NOT_FOUND', 'No such path.');
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (target.path === GRAPHQL_PATH) {
        if (options.graphiql && isPageRequest(req, target)) {
          if (options.frontends?.(req, res)) return;
          return forward(req, res, target, requestId);
        }
      } else if (target.path !== METRICS_PATH && options.frontends?.(req, res)) {
        return;
      }
    }

    let principal: Principal;
    try {
      principal = await authenticate(req.headers.authorization ?? null);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return refused(401, 'UNAUTHENTICATED', error.message, { 'www-authenticate': 'Bearer realm="switchboard"' });
    }
    if (target.path === GRAPHQL_PATH || target.path === METRICS_PATH) return forward(req, res, target, requestId, principal);
    return refused(404, 'NOT_FOUND', `No such path; GraphQL is served at ${GRAPHQL_PATH}.`);
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      // Never a plain-text trace: whatever went wrong, the client gets a short JSON 500.
      logger?.error({ err: error }, 'request handling failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    });
  };
}

/**
 * A browser loading GraphiQL: GET with HTML acceptable and no operation in the query string (a GET
 * that carries `query` or a persisted document id is an operation, and needs a token like any other).
 */
function isPageRequest(req: IncomingMessage, target: Target): boolean {
  if (!(req.headers.accept ?? '').includes('text/html')) return false;
  const params = new URLSearchParams(target.search);
  return !params.has('query') && !params.has('extensions') && !params.has('documentId') && !params.has('variables');
}

/** `Expect: 100-continue`: the client waits for this before it sends the body, so only accepted requests get it. */
function continueIfExpected(req: IncomingMessage, res: ServerResponse): void {
  if ((req.headers.expect ?? '').toLowerCase() === '100-continue') res.writeContinue();
}

/** A refusal; when the client still holds back a body (100-continue), the connection closes instead of waiting for it. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const waiting = (req.headers.expect ?? '').toLowerCase() === '100-continue';
  sendError(res, status, code, message, waiting || status === 400 ? { ...headers, connection: 'close' } : headers);
}

/**
 * Refuses a body over the limit before anything parses it: by its Content-Length, and a POST without
 * one (chunked) outright, since its size is unknown until it has been read. The refused body is drained,
 * not cut off, so the client reads the 413 instead of a broken connection (the request timeout bounds
 * how long a slow one may take).
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): { status: number; code: string } | null {
  const length = Number(req.headers['content-length'] ?? 0);
  const chunked = req.method === 'POST' && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] !== undefined;
  if (length <= maxBytes && !chunked) return null;
  const [status, code, message] = chunked
    ? [411, 'LENGTH_REQUIRED', 'Send a Content-Length: chunked request bodies are not accepted.']
    : [413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`];
  if ((req.headers.expect ?? '').toLowerCase() === '100-continue') {
    sendError(res, status, code, message, { connection: 'close' });
  } else {
    req.resume();
    req.once('end', () => sendError(res, status, code, message, { connection: 'close' }));
  }
  return { status, code };
}
