/**
 * Where a request's time goes, layer by layer: the gateway over node:http with a connector that answers
 * at once (no vendor I/O), served plain or wrapped as src/app.ts wraps it. `npx tsx bench/tools/layers.ts <plain|app>`
 * prints the URL; drive it with autocannon from the other core.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CanonicalUser, UserConnector } from '../../src/connectors/types.js';
import { createGateway } from '../../src/gateway.js';
import { startDeadline } from '../../src/resilience/deadline.js';
import { inSpan, requestIdFrom, tagRequest } from '../../src/telemetry.js';

const user: CanonicalUser = { vendor: 'rinkel', vendorUserId: 'abc', firstName: 'A', lastName: 'B', fullName: 'A B', initials: 'AB', email: 'a@b.com', emails: ['a@b.com'], username: null, phoneNumber: '+31612345678', phoneNumbers: [], status: 'ACTIVE', availability: 'AVAILABLE', language: 'en', timeZone: 'UTC', jobTitle: null, extension: null, avatarUrl: null, isAdmin: false, createdAt: new Date(), updatedAt: null, details: { vendor: 'rinkel' }, raw: {} };
const connector = { vendor: 'rinkel', readableFields: [], writableFields: [], getUsers: async (ids: string[]) => ids.map((id) => ({ ...user, vendorUserId: id })), listAllUsers: async () => [], planUpdate: () => ({ body: {}, changes: [], issues: [] }), updateUser: async () => user, ping: async () => {}, close: async () => {} } as unknown as UserConnector;
const gateway = createGateway({ connectors: { rinkel: connector }, modes: { rinkel: 'LIVE', dialpad: 'OFF', imichat: 'OFF', commpeak: 'OFF' }, requestDeadlineMs: 15000, directoryTtlMs: 30000 });
const mode = process.argv[2] ?? 'plain';
const server = createServer((req, res) => {
  if (mode === 'plain') return void gateway(req, res);
  const requestId = requestIdFrom(req.headers['x-request-id']);
  res.setHeader('x-request-id', requestId);
  const deadline = startDeadline(15000);
  res.once('close', () => deadline.finish());
  tagRequest(deadline.signal, requestId);
  void inSpan('POST /graphql', {}, async () => {
    await gateway(req, res, { deadline: deadline.signal });
  });
});
server.listen(0, '127.0.0.1', () => console.log(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`));
