import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Outcome, SimRequest } from './protocol.js';

/**
 * The loopback HTTP transport. Faults that live below HTTP (resets, truncated bodies, hangs) need the
 * socket, which is why this is node:http rather than a Fetch adapter: a Fetch handler cannot reset a
 * connection or lie about Content-Length.
 */

export interface ConnectionStats {
  /** TCP connections accepted since start or the last reset: proves whether a client reuses connections. */
  readonly opened: number;
  readonly open: number;
}

export interface Listening {
  readonly url: string;
  stats(): ConnectionStats;
  resetStats(): void;
  close(): Promise<void>;
}

/** Requests larger than this are refused with 413: no vendor accepts multi-megabyte user patches. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function listen(process: (request: SimRequest) => Promise<Outcome>, port: number, host: string): Promise<Listening> {
  const sockets = new Set<Socket>();
  let opened = 0;

  const server = createServer((req, res) => {
    handle(process, req, res).catch((error: unknown) => {
      console.error('[simulator] transport error:', error);
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    opened++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    url,
    stats: () => ({ opened, open: sockets.size }),
    resetStats: () => {
      opened = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests and idle keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
      }),
  };
}

async function handle(process: (request: SimRequest) => Promise<Outcome>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end('{"message":"Request body too large"}');
      return;
    }
    chunks.push(chunk);
  }
  const url = new URL(req.url ?? '/', 'http://simulator');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const outcome = await process({
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  });
  await send(outcome, res);
}

async function send(outcome: Outcome, res: ServerResponse): Promise<void> {
  switch (outcome.kind) {
    case 'hang':
      return; // the socket stays open until the client gives up or close() tears it down
    case 'reset':
      // An RST, not a graceful FIN: the client sees ECONNRESET, as with a crashed upstream.
      res.socket?.resetAndDestroy();
      return;
    case 'truncate': {
      const body = Buffer.from(outcome.body, 'utf8');
      res.writeHead(outcome.status, { ...outcome.headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    case 'respond': {
      const body = Buffer.from(outcome.body, 'utf8');
      res.writeHead(outcome.status, { ...outcome.headers, 'content-length': String(body.length) });
      if (!outcome.slowMs || body.length === 0) {
        res.end(body);
        return;
      }
      const pieces = 10;
      const size = Math.ceil(body.length / pieces);
      for (let sent = 0; sent < body.length; sent += size) {
        await sleep(outcome.slowMs / pieces);
        if (res.destroyed) return;
        res.write(body.subarray(sent, sent + size));
      }
      res.end();
    }
  }
}
