import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { Logger } from 'pino';
import { ensureConsoleBuilt, projectRoot } from './console.js';
import { GRAPHIQL_CSP, graphiqlOptions, renderGraphiQL } from './graphiql.js';
import type { Frontends as RouterSlot } from '../http/router.js';

/**
 * What a browser loads besides GraphQL: GraphiQL's page on GET /graphql and the reference console at `/`
 * with its `/assets/*`. All of it is public (no token: the page itself holds no data; the queries it
 * then sends are authenticated like any other), so the router calls this before authentication: it
 * fills the router's frontends slot (src/http/router.ts).
 */
export type FrontendsHandler = RouterSlot;

export interface FrontendsOptions {
  /** Serve GraphiQL's page on GET `graphqlPath` to browsers. */
  graphiql: boolean;
  /** Serve the reference console at `/`. */
  console: boolean;
  /** Whether GraphQL requests need a bearer token: GraphiQL then opens its headers tab with a placeholder. */
  authRequired: boolean;
  /** TRUSTED_DOCUMENTS: with `only`, the console sends its documents' hashes instead of their text. */
  trustedDocuments: 'off' | 'allow' | 'only';
  /** @default '/graphql' */
  graphqlPath?: string;
  /** @default the checkout this file is in */
  root?: string;
  logger?: Logger;
}

export interface Frontends {
  handler: FrontendsHandler;
  /** Builds the console now if its sources changed (else on its first request); resolves when it can be served. */
  prepare(): Promise<void>;
}

/** The console may talk to its own origin only; everything it loads is its own. */
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export function createFrontends(options: FrontendsOptions): Frontends {
  const { graphqlPath = '/graphql', root = projectRoot(), logger } = options;
  let graphiqlPage: Promise<string> | null = null;
  let build: Promise<string> | null = null;
  const prepare = (): Promise<string> => {
    build ??= ensureConsoleBuilt(root, logger).then(
      ({ dir, built }) => {
        if (built) logger?.info(`console: built into ${dir}`);
        return dir;
      },
      (error: unknown) => {
        build = null;
        throw error;
      },
    );
    return build;
  };

  const send = (res: ServerResponse, req: IncomingMessage, status: number, headers: Record<string, string>, body: string | Buffer) => {
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), 'x-content-type-options': 'nosniff', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const serveConsole = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    let dir: string;
    try {
      dir = await prepare();
    } catch (error) {
      logger?.error({ err: error }, 'console: build failed');
      send(res, req, 503, { 'content-type': 'text/plain; charset=utf-8' }, 'The console could not be built; see the gateway log.');
      return;
    }
    if (path === '/' || path === '/index.html') {
      let html = await readFile(join(dir, 'index.html'), 'utf8');
      if (options.trustedDocuments === 'only') html = html.replace('<head>', '<head>\n    <meta name="switchboard-trusted-documents" content="only" />');
      send(res, req, 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', 'content-security-policy': CONSOLE_CSP, 'referrer-policy': 'no-referrer' }, html);
      return;
    }
    // Vite names every asset by its content hash: a plain name, cacheable for good.
    const name = path.slice('/assets/'.length);
    const type = TYPES[extname(name)];
    const body = /^[\w.-]+$/.test(name) && !name.startsWith('.') && type ? await readFile(join(dir, 'assets', name)).catch(() => null) : null;
    if (!body || !type) return send(res, req, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'No such console asset.');
    send(res, req, 200, { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' }, body);
  };

  const handler: FrontendsHandler = (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // The path exactly as sent: `new URL('//graphql', base)` would read `graphql` as a host and serve `/`.
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    const url = { pathname: query === -1 ? target : target.slice(0, query), searchParams: new URLSearchParams(query === -1 ? '' : target.slice(query + 1)) };
    if (options.graphiql && url.pathname === graphqlPath && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')) {
      graphiqlPage ??= renderGraphiQL({ ...graphiqlOptions({ authRequired: options.authRequired }), endpoint: graphqlPath });
      graphiqlPage.then(
        (page) => send(res, req, 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', 'content-security-policy': GRAPHIQL_CSP }, page),
        (error: unknown) => {
          // Not kept: the next visit tries again.
          graphiqlPage = null;
          logger?.error({ err: error }, 'graphiql: could not render');
          if (!res.headersSent) send(res, req, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'GraphiQL could not be served.');
        },
      );
      return true;
    }
    if (options.console && (url.pathname === '/' || url.pathname === '/index.html' || url.pathname.startsWith('/assets/'))) {
      void serveConsole(req, res, url.pathname).catch((error: unknown) => {
        logger?.error({ err: error }, 'console: could not serve');
        if (!res.headersSent) send(res, req, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'The console could not be served.');
      });
      return true;
    }
    return false;
  };

  return { handler, prepare: async () => { if (options.console) await prepare(); } };
}
