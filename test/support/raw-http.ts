import { connect, type Socket } from 'node:net';

/**
 * HTTP/1.1 written by hand, for what `fetch` will not send: absolute-form and malformed targets,
 * malformed or repeated Host and Authorization headers, bodies shorter than their Content-Length,
 * `Expect: 100-continue` without a body.
 */

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole exchange as received (interim 100 responses included). */
  raw: string;
  /** The server closed the connection. */
  closed: boolean;
}

export interface RawRequest {
  method?: string;
  target: string;
  /** Header lines as sent, in order; repeated names are sent repeatedly. Host is not added for you. */
  headers?: [string, string][];
  body?: string;
  /** Give up after this long, closing the socket (the answer so far is returned). @default 10000 */
  timeoutMs?: number;
}

/** One request on a fresh connection, `connection: close`; resolves with the first final response. */
export function rawRequest(baseUrl: string, { method = 'GET', target, headers = [], body, timeoutMs = 10_000 }: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(received, closed));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? ((closed = true), finish()) : reject(error)));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (complete(received)) finish();
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([name, value]) => `${name}: ${value}`)];
    if (body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-length')) lines.push(`content-length: ${Buffer.byteLength(body)}`);
    lines.push('connection: close');
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
  });
}

/** A connection the test drives itself (slow bodies, connection caps). */
export function openSocket(baseUrl: string): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname, () => resolve({ socket, received: () => received, closed }));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const closed = new Promise<number>((done) => socket.once('close', () => done(performance.now() - started)));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

function complete(text: string): boolean {
  const answer = parse(text, false);
  if (answer.status === 0 || answer.status === 100) return false;
  const length = answer.headers['content-length'];
  return length !== undefined && Buffer.byteLength(answer.body) >= Number(length);
}

function parse(text: string, closed: boolean): RawAnswer {
  // Skip interim responses (100 Continue) to the final one.
  let rest = text;
  while (/^HTTP\/1\.1 1\d\d /.test(rest) && rest.includes('\r\n\r\n')) rest = rest.slice(rest.indexOf('\r\n\r\n') + 4);
  const end = rest.indexOf('\r\n\r\n');
  if (end === -1) return { status: /^HTTP\/1\.1 100 /.test(text) ? 100 : 0, headers: {}, body: '', raw: text, closed };
  const [statusLine = '', ...headerLines] = rest.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.slice(end + 4), raw: text, closed };
}
