/**
 * The floor peer: the least work that gives the benchmark's answers. Plain REST routes (Fastify, no
 * GraphQL) over Switchboard's own vendor clients and mapping (through peers/kit.ts, so the answers are
 * the same by construction), each vendor reached through one long-lived undici pool with undici's own
 * timeouts (peers/bare-http.ts), concurrent reads of one account shared (kit.ts, `createSharedReads`;
 * with `CACHE_TTL_MS` also kept that long, the floor of a gateway with a cache), and nothing else: no
 * retries, no breaker, no quota, no request deadline, no metrics, no logging, no tracing. Whatever a GraphQL peer costs above this line is what its engine, resilience
 * and telemetry cost; what the floor itself costs is the vendors, the mapping and HTTP.
 *
 * Routes (FLOOR_ROUTES in bench/operations.ts): GET /users/:id, POST /users/lookup, PATCH /users/:id,
 * POST /people/update, GET /healthz. Prints `ready http://127.0.0.1:<port>` once listening.
 */
import Fastify from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { HttpClient } from '../../src/connectors/http.js';
import { VENDOR_IDS, type CanonicalPatch, type CanonicalUser, type VendorId } from '../../src/connectors/types.js';
import { UpstreamError, WriteRejected } from '../../src/errors.js';
import {
  createPeerDirectory, createPeerVendors, createSharedImichatToken, createSharedReads, endpointsFromEnv, findPerson, parseUserId, toApiUser, updateAccount,
  type ApiUser,
} from './kit.js';
import { bareHttp } from './bare-http.js';

const endpoints = endpointsFromEnv();
const clients = Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, bareHttp(vendor, endpoints[vendor])])) as Record<VendorId, HttpClient>;
const httpFor = (vendor: VendorId) => clients[vendor];
const vendors = createPeerVendors(endpoints, httpFor, createSharedImichatToken(httpFor('imichat'), endpoints.imichat));
const directory = createPeerDirectory(endpoints);

// CACHE_TTL_MS as the gateway reads it: 0 (the default) shares reads in flight only.
const shared = createSharedReads(vendors, { ttlMs: loadConfig().stores.cacheTtlMs });
const sharedRead = shared.read;
const freshRead = (vendor: VendorId, vendorUserId: string) => vendors[vendor].getUser(vendorUserId);

/**
 * A request's reads, each `vendor:id` at most once (what the gateway's dataloader gives a GraphQL
 * request), over `read`: shared with concurrent requests for answers, fresh for a write's plan.
 */
function requestLoader(read: (vendor: VendorId, vendorUserId: string) => Promise<CanonicalUser>) {
  const reads = new Map<string, Promise<CanonicalUser>>();
  return (vendor: VendorId, vendorUserId: string): Promise<CanonicalUser> => {
    const key = `${vendor}:${vendorUserId}`;
    let pending = reads.get(key);
    if (!pending) reads.set(key, (pending = read(vendor, vendorUserId)));
    return pending;
  };
}

class BadRequest extends Error {}
class NotFound extends Error {}

function account(id: string) {
  const parsed = parseUserId(id);
  if (!parsed) throw new NotFound(`No user has the id "${id}".`);
  return parsed;
}

function patchOf(value: unknown): CanonicalPatch {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest('`patch` must be an object');
  return value as CanonicalPatch;
}

const app = Fastify({ logger: false });

app.setErrorHandler((error, _request, reply) => {
  if (error instanceof UpstreamError) return reply.code(error.code === 'NOT_FOUND' ? 404 : 502).send({ error: error.message });
  if (error instanceof WriteRejected) return reply.code(422).send({ error: error.message });
  if (error instanceof NotFound) return reply.code(404).send({ error: error.message });
  if (error instanceof BadRequest) return reply.code(400).send({ error: error.message });
  // Fastify's own refusals (unparsable JSON, body too large) carry their status.
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send({ error: (error as Error).message });
  return reply.code(500).send({ error: 'internal error' });
});

app.get('/healthz', (_request, reply) => reply.type('text/plain').send('ok'));

app.get<{ Params: { id: string } }>('/users/:id', async (request) => {
  const { vendor, vendorUserId } = account(request.params.id);
  return toApiUser(await sharedRead(vendor, vendorUserId));
});

app.post<{ Body: { ids?: unknown } }>('/users/lookup', async (request) => {
  const ids = request.body?.ids;
  if (!Array.isArray(ids) || ids.length > 100 || !ids.every((id) => typeof id === 'string')) throw new BadRequest('`ids` must be an array of at most 100 strings');
  // Every distinct account's read starts at once; each vendor's pool caps how many are in flight.
  const load = requestLoader(sharedRead);
  return Promise.all(
    (ids as string[]).map((id): Promise<ApiUser | null> => {
      const parsed = parseUserId(id);
      return parsed ? load(parsed.vendor, parsed.vendorUserId).then(toApiUser, () => null) : Promise.resolve(null);
    }),
  );
});

app.patch<{ Params: { id: string }; Body: { patch?: unknown } }>('/users/:id', async (request) => {
  const patch = patchOf(request.body?.patch);
  const { vendor, vendorUserId } = account(request.params.id);
  const current = await freshRead(vendor, vendorUserId);
  try {
    return toApiUser(await updateAccount(vendors, current, patch));
  } finally {
    // After the write, before the answer: no read that began before it is kept (kit.ts).
    shared.forget(vendor, vendorUserId);
  }
});

app.post<{ Body: { email?: unknown; patch?: unknown } }>('/people/update', async (request) => {
  const email = request.body?.email;
  if (typeof email !== 'string' || email === '') throw new BadRequest('`email` must be a string');
  const patch = patchOf(request.body?.patch);
  const accounts = await findPerson(vendors, directory, email, requestLoader(freshRead));
  const written = await Promise.all(
    accounts.map((current) => updateAccount(vendors, current, patch).finally(() => shared.forget(current.vendor, current.vendorUserId))),
  );
  return written.map(toApiUser);
});

const port = Number(process.env.PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
await app.listen({ host: '127.0.0.1', port });
const address = app.server.address();
console.log(`ready http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void (async () => {
      await app.close();
      await Promise.all([...Object.values(clients).map((client) => client.close()), directory.close()]);
      process.exit(0);
    })();
  });
}
