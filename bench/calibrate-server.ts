/**
 * The calibration target: a bare node:http server answering a fixed JSON body about the size of a
 * benchmark answer. Driving it shows what the load generator can push at most on its core; any
 * peer figure near that ceiling measures the generator, not the peer.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = JSON.stringify({ data: { user: { id: 'VXNlcjpyaW5rZWw6MQ==', vendor: 'RINKEL', padding: 'x'.repeat(600) } } });
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
