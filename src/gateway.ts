import { readFileSync } from 'node:fs';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, type ValidationContext } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createAuthenticator, type AuthSettings, type Principal } from './auth.js';
import { createDirectory, type Directory } from './connectors/directory.js';
import { createMemoryIdempotencyStore } from './stores/idempotency/memory.js';
import type { IdempotencyStore } from './stores/idempotency/index.js';
import { createUserReads, type UserReads } from './stores/cache/user-reads.js';
import type { StoreState } from './stores/redis.js';
import type { UpdateResult } from './update-results.js';
import type { UserConnector, VendorId } from './connectors/types.js';
import type { Context } from './context.js';
import { useAuth } from './plugins/auth.js';
import { useHealth } from './plugins/health.js';
import { useNoSubscriptions } from './plugins/no-subscriptions.js';
import { useOperationSpan } from './plugins/operation-span.js';
import { usePartialResults } from './plugins/partial-results.js';
import { schema } from './schema/index.js';
import { withDeadline } from './resilience/deadline.js';
import { createMetrics, useMetrics, type Metrics } from './resilience/metrics.js';
import type { UpstreamPolicy } from './resilience/policy.js';
import { createVendorStatus, type VendorMode } from './vendors.js';

export interface GatewayOptions {
  /** Enabled vendors only. */
  connectors: Readonly<Partial<Record<VendorId, UserConnector>>>;
  modes: Readonly<Record<VendorId, VendorMode>>;
  /** Each enabled vendor's quota, breaker and retries, for health and `vendors`. */
  policies?: Readonly<Partial<Record<VendorId, UpstreamPolicy>>>;
  /** @default a fresh registry */
  metrics?: Metrics;
  /** One GraphQL request, end to end; vendor calls still running then are abandoned. */
  requestDeadlineMs: number;
  /** How long a vendor's list snapshot serves `users` and email scans. */
  directoryTtlMs: number;
  /** Serve GraphiQL on GET /graphql. @default true */
  graphiql?: boolean;
  /** Where idempotent mutations keep their results. @default in memory, 24 h */
  idempotency?: IdempotencyStore<UpdateResult | UpdateResult[]>;
  /** The vendors' list snapshots. @default one per process, kept `directoryTtlMs` */
  directory?: Directory;
  /** Reads of accounts by id: coalesced, through the entity cache when on. @default coalescing only */
  reads?: UserReads;
  /** The shared store's state, for `/readyz`. @default always MEMORY */
  storeState?: () => StoreState;
  /** Who may call and what a request may do. @default open, everything allowed (development only) */
  security?: SecurityOptions;
}

export interface SecurityOptions {
  auth: AuthSettings;
  /** Schema introspection; off in production unless enabled. */
  introspection: boolean;
  /** Origins allowed by CORS; `*` for any (sandbox). */
  corsOrigins: readonly string[];
  /** `allow`: persisted ids besides arbitrary documents; `only`: persisted ids alone; `off`: no persisted ids. */
  trustedDocuments: { mode: 'off' | 'allow' | 'only'; file: string };
}

/**
 * Query limits (graphql-armor), chosen so the largest documented use fits: 100 accounts by alias or in
 * `nodes`, the User selection with every vendor's details. All refusals happen at validation, before
 * any resolver — and any vendor call — runs.
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 12 },
  maxAliases: { n: 60 },
  maxTokens: { n: 4000 },
  maxDirectives: { n: 20 },
  costLimit: { maxCost: 20_000 },
} as const;

/**
 * graphql-armor's refusals carry no code and are thrown as "Syntax Error"s; reporting them as
 * validation errors with `QUERY_TOO_COMPLEX` makes them look like every other refused request.
 */
function armorConfig() {
  const refuse = {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } })),
    ],
  };
  return {
    maxDepth: { ...QUERY_LIMITS.maxDepth, ...refuse },
    maxAliases: { ...QUERY_LIMITS.maxAliases, ...refuse },
    maxDirectives: { ...QUERY_LIMITS.maxDirectives, ...refuse },
    costLimit: { ...QUERY_LIMITS.costLimit, ...refuse },
    // Counted while parsing, so already a 400 GRAPHQL_PARSE_FAILED.
    maxTokens: QUERY_LIMITS.maxTokens,
    blockFieldSuggestion: { enabled: true },
  };
}

const OPEN: SecurityOptions = { auth: { mode: 'none', explicit: false }, introspection: true, corsOrigins: ['*'], trustedDocuments: { mode: 'off', file: '' } };

/**
 * What the HTTP server hands each request: its deadline, which the server ends when the response is
 * done (see `startDeadline`). Callers of `gateway.fetch` pass nothing and get a deadline of their own.
 */
export interface ServerContext {
  deadline?: AbortSignal;
}

export type Gateway = YogaServerInstance<ServerContext, Context>;
type YogaPlugins = NonNullable<Parameters<typeof createYoga<ServerContext, Context>>[0]['plugins']>;

/** The GraphQL gateway as a Fetch-API handler (servable by node:http, tests or any Fetch runtime). */
export function createGateway({
  connectors, modes, policies = {}, metrics = createMetrics(), requestDeadlineMs, directoryTtlMs, graphiql = true, idempotency = createMemoryIdempotencyStore(), security = OPEN,
  reads = createUserReads({ connectors, cache: null, ttlMs: 0 }), storeState = () => 'MEMORY', directory = createDirectory(connectors, { ttlMs: directoryTtlMs }),
}: GatewayOptions): Gateway {
  const vendorStatus = createVendorStatus(modes, connectors, policies);
  const principals = new WeakMap<Request, Principal>();
  const anonymous: Principal = { subject: 'anonymous', scopes: new Set() };
  const plugins: YogaPlugins = [
    useHealth({ vendorStatus, storeState }),
    useMetrics({ metrics }),
    useAuth({ authenticate: createAuthenticator(security.auth), principals }),
    // Browsers may only send GraphQL requests that needed a CORS preflight: a form or <img> cannot.
    useCSRFPrevention({ requestHeaders: ['x-graphql-csrf', 'graphql-require-preflight'] }),
    ...trustedDocuments(security.trustedDocuments),
    ...(security.introspection ? [] : [useDisableIntrospection()]),
    EnvelopArmorPlugin(armorConfig()),
    useNoSubscriptions(),
    useOperationSpan(),
    usePartialResults(),
  ];
  return createYoga<ServerContext, Context>({
    schema,
    // Batched HTTP requests would multiply every limit above by the batch size.
    batching: false,
    // The HTTP server (app.ts) refuses a body over MAX_BODY_BYTES by its Content-Length, and any body
    // without one, before Yoga sees it; Yoga's own limit re-reads every body through a stream for the
    // same check, which cost a measurable share of each request.
    maxRequestBodySize: false,
    cors: security.corsOrigins.length === 0 ? false : { origin: [...security.corsOrigins], credentials: false },
    context: ({ request, deadline }): Context => ({
      principal: principals.get(request) ?? anonymous,
      connectors,
      directory,
      vendorStatus,
      idempotency,
      reads,
      // `Cache-Control: no-cache` asks for accounts as the vendors hold them now.
      readFresh: /(^|,)\s*no-cache\s*($|,)/i.test(request.headers.get('cache-control') ?? ''),
      storeState,
      metrics,
      partialErrors: [],
      signal: deadline ?? withDeadline(requestDeadlineMs, request.signal),
    }),
    plugins,
    graphiql: graphiql && { title: 'Switchboard', defaultQuery: EXAMPLE_QUERY },
    landingPage: false,
  });
}

/** Persisted documents from codegen (`persisted-documents.json`: hash → document). */
function trustedDocuments({ mode, file }: SecurityOptions['trustedDocuments']): YogaPlugins {
  if (mode === 'off') return [];
  const documents = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return [
    usePersistedOperations({
      // Codegen names documents `sha256:<hex>`; Apollo-style clients send the bare hex: both find it.
      // hasOwn: an id like `__proto__` or `constructor` must be a miss, not a walk up the prototype chain.
      getPersistedOperation: (id) => {
        const key = Object.hasOwn(documents, id) ? id : `sha256:${id}`;
        return Object.hasOwn(documents, key) ? (documents[key] ?? null) : null;
      },
      allowArbitraryOperations: mode === 'allow',
    }),
  ];
}

const EXAMPLE_QUERY = `# Switchboard: one GraphQL API over Rinkel, Dialpad, IMIchat and CommPeak.
# Run FirstUsers, then OnePerson: one person with accounts in all four vendors (sandbox seed 1).

query FirstUsers {
  vendors { vendor mode health }
  users(first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        vendor
        vendorUserId
        fullName
        email
        status
        availability
      }
    }
  }
}

# A dry run on the first Rinkel account (sandbox seed 1): validates and shows the changes, writes nothing.
mutation DryRun {
  updateUser(input: { id: "VXNlcjpyaW5rZWw6YzY4N2VkNGNiYjQ1MThlYjllZWRiOWIz", availability: UNAVAILABLE, dryRun: true }) {
    __typename
    ... on UpdateUserSuccess { dryRun changes { field before after } }
    ... on Error { message }
  }
}

query OnePerson {
  usersByEmail(email: "ruben.devries.11@example.com") {
    vendor
    fullName
    status
    details {
      __typename
      ... on DialpadUserDetails { license }
    }
  }
}
`;
