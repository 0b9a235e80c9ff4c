/**
 * yoga-floor: graphql-yoga with the Apollo peer's schema (apollo-schema.graphql, the shape of
 * Switchboard's for the benchmark operations) and the floor's bare fan-out: the floor's HTTP client
 * (peers/bare-http.ts), a plain per-request memo of reads over the floor's shared reads, and no resilience, quota, auth, metrics,
 * logs or tracing. Yoga as it comes: no plugins added, none taken away beyond GraphiQL and the
 * landing page.
 *
 * Switchboard ÷ yoga-floor is what everything Switchboard adds on top of the framework costs;
 * floor ÷ yoga-floor is what the framework (Yoga's Fetch-API pipeline, parse, validate, execute,
 * serialise) costs.
 *
 * Prints `ready http://127.0.0.1:<port>` once listening; SIGTERM/SIGINT stop it.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import type { HttpClient } from '../../src/connectors/http.js';
import { VENDOR_IDS, type CanonicalUser, type VendorId } from '../../src/connectors/types.js';
import { bareHttp } from './bare-http.js';
import { createPeerResolvers, type PeerContext } from './graphql-resolvers.js';
import { createPeerDirectory, createPeerVendors, createSharedImichatToken, createSharedReads, endpointsFromEnv } from './kit.js';

const endpoints = endpointsFromEnv();
const clients = Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, bareHttp(vendor, endpoints[vendor])])) as Record<VendorId, HttpClient>;
const vendors = createPeerVendors(endpoints, (vendor) => clients[vendor], createSharedImichatToken(clients.imichat, endpoints.imichat));
const directory = createPeerDirectory(endpoints);

const sharedRead = createSharedReads(vendors).read;
const freshRead = (vendor: VendorId, vendorUserId: string) => vendors[vendor].getUser(vendorUserId);

/**
 * The floor's `requestLoader`: each `vendor:id` read at most once per request, every read started at
 * once; answers over reads shared with concurrent requests, a write's plan over a fresh read.
 */
function context(): PeerContext {
  const reads = new Map<string, Promise<CanonicalUser>>();
  const through = (read: typeof freshRead) => (key: string) => {
    let pending = reads.get(key);
    if (!pending) {
      const colon = key.indexOf(':');
      reads.set(key, (pending = read(key.slice(0, colon) as VendorId, key.slice(colon + 1))));
    }
    return pending;
  };
  return {
    vendors,
    load: through(sharedRead),
    loadFresh: through(freshRead),
    remember: (user) => void reads.set(`${user.vendor}:${user.vendorUserId}`, Promise.resolve(user)),
  };
}

const yoga = createYoga({
  schema: createSchema<PeerContext>({
    typeDefs: readFileSync(new URL('./apollo-schema.graphql', import.meta.url), 'utf8'),
    resolvers: createPeerResolvers(directory),
  }),
  context,
  graphiql: false,
  landingPage: false,
  logging: false,
});

const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT || 0), '127.0.0.1', resolve));
console.log(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close();
    void Promise.allSettled([...Object.values(clients).map((client) => client.close()), directory.close()]).then(() => process.exit(0));
  });
}
