import type { ServerResponse } from 'node:http';
import { refusalMediaType } from '../plugins/refusals.js';

/**
 * The router's own answers: a short JSON body with `extensions.code`, like every GraphQL error, and
 * never more than the message written here (no stack, no path, no echo of the request), in the media
 * type the client's `Accept` prefers (application/graphql-response+json or application/json).
 */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { ...headers, 'content-type': `${refusalMediaType(res.req?.headers.accept)}; charset=utf-8`, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
