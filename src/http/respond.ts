import type { ServerResponse } from 'node:http';

/**
 * The router's own answers: a short JSON body with `extensions.code`, like every GraphQL error, and
 * never more than the message written here (no stack, no path, no echo of the request).
 */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
