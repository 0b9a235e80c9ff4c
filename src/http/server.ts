import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpLimits } from '../config.js';

/**
 * The listener and its limits against slow and numerous clients: the headers, and the whole request,
 * must arrive in time (else 408 and the connection closes, so a body shorter than its Content-Length
 * holds nothing for long); idle kept-alive connections close; at most `maxConnections` are open.
 * `Expect: 100-continue` goes through the router like any request (it sends the 100 only once the
 * request is accepted), and no error ever writes a plain-text trace.
 */
export function createHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => void, limits: HttpLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.idleTimeoutMs,
      // How often Node looks for requests past those timeouts (its default, 30 s, would let them run 30 s late).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  server.on('checkContinue', handler);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's own parser refused the request (bad syntax, header overflow, timeout): answer in JSON, then close.
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time.']
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'BAD_REQUEST', 'The request headers are too large.']
          : [400, 'BAD_REQUEST', 'Malformed HTTP request.'];
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}
