/**
 * Local HTTP servers for the bench's own tests: each answers on 127.0.0.1 with a port of its own, and
 * `closeServers` (in an `afterEach`) shuts every one down, idle keep-alive connections included.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string;
  /** performance.now() when the request arrived. */
  readonly at: number;
}

const open: { close(): Promise<void> }[] = [];

/** A server whose `answer` replies to each request once its body is read; `received` lists them in order. */
export async function serve(answer: (request: Received, response: ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString(), at };
      received.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

export async function closeServers(): Promise<void> {
  await Promise.all(open.splice(0).map((server) => server.close()));
}
