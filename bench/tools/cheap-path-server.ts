/**
 * One layer of the cheap path ("one user from one vendor" with a vendor that answers at once), served
 * on its own: `CHEAP_PATH_VARIANT=<variant> node cheap-path-server.js` prints `ready <url>`. Driven by
 * cheap-path.ts.
 *
 *   node-http            node:http answering a fixed JSON body: the ceiling of any Node server here
 *   yoga-static          a bare Yoga server with one static field (`{ hello }`)
 *   yoga-schema          Yoga over Switchboard's schema and context, no plugins, a connector that
 *                        answers from memory: the framework plus our resolvers, nothing we add around them
 *   yoga-schema-armor    the same with graphql-armor's validation rules (QUERY_LIMITS)
 *   yoga-schema-nocache  yoga-schema without Yoga's parser and validation cache (what the cache saves)
 *   gateway              createGateway as shipped (every plugin), a request deadline per request
 *   app                  the gateway as src/app.ts serves it: request id, deadline, call tally, span
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { createAuthenticator } from '../../src/auth.js';
import { createDirectory } from '../../src/connectors/directory.js';
import type { CanonicalUser, UserConnector } from '../../src/connectors/types.js';
import type { Context } from '../../src/context.js';
import { createGateway, QUERY_LIMITS } from '../../src/gateway.js';
import { createUserReads } from '../../src/stores/cache/user-reads.js';
import type { UpdateResult } from '../../src/update-results.js';
import { createMemoryIdempotencyStore } from '../../src/stores/idempotency/memory.js';
import { startDeadline } from '../../src/resilience/deadline.js';
import { createMetrics } from '../../src/resilience/metrics.js';
import { trackRequestCalls } from '../../src/resilience/request-calls.js';
import { schema } from '../../src/schema/index.js';
import { inSpan, requestIdFrom, tagRequest } from '../../src/telemetry.js';
import { createVendorStatus } from '../../src/vendors.js';

const user: CanonicalUser = { vendor: 'rinkel', vendorUserId: 'abc', firstName: 'A', lastName: 'B', fullName: 'A B', initials: 'AB', email: 'a@b.com', emails: ['a@b.com'], username: null, phoneNumber: '+31612345678', phoneNumbers: [], status: 'ACTIVE', availability: 'AVAILABLE', language: 'en', timeZone: 'UTC', jobTitle: null, extension: null, avatarUrl: null, isAdmin: false, createdAt: new Date(), updatedAt: null, details: { vendor: 'rinkel' }, raw: {} };
/** A Rinkel connector that answers from memory: no vendor I/O, so only the gateway's own work is left. */
const connector = { vendor: 'rinkel', readableFields: [], writableFields: [], getUsers: async (ids: string[]) => ids.map((id) => ({ ...user, vendorUserId: id })), listAllUsers: async () => [], planUpdate: () => ({ body: {}, changes: [], issues: [] }), updateUser: async () => user, ping: async () => {}, close: async () => {} } as unknown as UserConnector;
const connectors = { rinkel: connector };
const modes = { rinkel: 'LIVE', dialpad: 'OFF', imichat: 'OFF', commpeak: 'OFF' } as const;
const DEADLINE_MS = 15_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Yoga over Switchboard's schema with the context createGateway builds, and only `plugins`. */
function yogaOverSchema(plugins: Plugin[], parserAndValidationCache = true): Handler {
  const directory = createDirectory(connectors, { ttlMs: 30_000 });
  const vendorStatus = createVendorStatus(modes, connectors, {});
  const idempotency = createMemoryIdempotencyStore<UpdateResult | UpdateResult[]>();
  const reads = createUserReads({ connectors, cache: null, ttlMs: 0 });
  const metrics = createMetrics();
  let principal: Context['principal'] | null = null;
  void createAuthenticator({ mode: 'none', explicit: true })(null).then((everyone) => (principal = everyone));
  const yoga = createYoga<{ deadline: AbortSignal }, Context>({
    schema,
    batching: false,
    maxRequestBodySize: false,
    graphiql: false,
    landingPage: false,
    logging: false,
    parserAndValidationCache,
    plugins,
    context: ({ deadline }) => ({ principal: principal!, connectors, directory, vendorStatus, idempotency, metrics, partialErrors: [], signal: deadline, reads, readFresh: false, storeState: () => 'MEMORY' as const }),
  });
  return (req, res) => {
    const deadline = startDeadline(DEADLINE_MS);
    res.once('close', () => deadline.finish());
    void yoga(req, res, { deadline: deadline.signal });
  };
}

function handlerFor(variant: string): Handler {
  switch (variant) {
    case 'node-http': {
      const body = JSON.stringify({ data: { user: { ...user, id: 'VXNlcjpyaW5rZWw6YWJj' } } });
      return (req, res) => {
        req.resume();
        req.once('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(body);
        });
      };
    }
    case 'yoga-static': {
      const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } }), graphiql: false, landingPage: false, logging: false });
      return (req, res) => void yoga(req, res);
    }
    case 'yoga-schema':
      return yogaOverSchema([]);
    case 'yoga-schema-armor':
      return yogaOverSchema([EnvelopArmorPlugin({ ...QUERY_LIMITS, blockFieldSuggestion: { enabled: true } })]);
    case 'yoga-schema-nocache':
      return yogaOverSchema([], false);
    case 'gateway': {
      const gateway = createGateway({ connectors, modes, requestDeadlineMs: DEADLINE_MS, directoryTtlMs: 30_000 });
      return (req, res) => {
        const deadline = startDeadline(DEADLINE_MS);
        res.once('close', () => deadline.finish());
        void gateway(req, res, { deadline: deadline.signal });
      };
    }
    case 'app': {
      // src/app.ts's request handler, minus the body-size check (the benchmark's bodies are small).
      const gateway = createGateway({ connectors, modes, requestDeadlineMs: DEADLINE_MS, directoryTtlMs: 30_000 });
      return (req, res) => {
        const requestId = requestIdFrom(req.headers['x-request-id']);
        res.setHeader('x-request-id', requestId);
        const deadline = startDeadline(DEADLINE_MS);
        res.once('close', () => deadline.finish());
        tagRequest(deadline.signal, requestId);
        trackRequestCalls(deadline.signal);
        void inSpan(`${req.method} /graphql`, { 'http.request.method': req.method ?? 'GET', 'switchboard.request_id': requestId }, async () => {
          await gateway(req, res, { deadline: deadline.signal });
        });
      };
    }
    default:
      throw new Error(`variant must be one of ${VARIANTS.join(', ')}, got "${variant}"`);
  }
}

export const VARIANTS = ['node-http', 'yoga-static', 'yoga-schema', 'yoga-schema-armor', 'yoga-schema-nocache', 'gateway', 'app'] as const;

const chosen = process.env.CHEAP_PATH_VARIANT;
if (chosen) {
  const server = createServer(handlerFor(chosen));
  server.listen(0, '127.0.0.1', () => console.log(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
}
