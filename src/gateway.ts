import { readFileSync } from 'node:fs';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, Kind, parse, type ValidationContext } from 'graphql';
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
import { graphiqlOptions, renderGraphiQL } from './frontends/graphiql.js';
import { useAuth } from './plugins/auth.js';
import { useCsrfPrevention } from './plugins/csrf.js';
import { useHealth } from './plugins/health.js';
import { useInputLimits } from './plugins/input-limits.js';
import { useNoSubscriptions } from './plugins/no-subscriptions.js';
import { useNoSuggestions } from './plugins/no-suggestions.js';
import { useVendorCallBudget } from './plugins/vendor-call-budget.js';
import { useOperationSpan } from './plugins/operation-span.js';
import { usePartialResults } from './plugins/partial-results.js';
import { requestMetricsOf, useRequestMetrics, type RequestSummary } from './plugins/request-metrics.js';
import { schema, subgraphSchema } from './schema/index.js';
import { useRefusalCodes } from './plugins/refusals.js';
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
  /** Most vendor calls one request may cause (plugins/vendor-call-budget.ts). @default 200 */
  maxVendorCalls?: number;
  /** Request metrics, the access log and readiness while shutting down. @default no access log */
  operations?: OperationsOptions;
  /** Serve the Federation v2 subgraph schema (`_service`, `_entities`, `Person`); false serves the public schema alone. @default true */
  federation?: boolean;
}

export interface OperationsOptions {
  /** One line per request (`createAccessLog`); absent: none. */
  accessLog?: (summary: RequestSummary) => void;
  /** Distinct untrusted operation names kept as metric labels. @default 100 */
  maxOperationNames?: number;
  /** True while the process drains: readiness answers 503. @default never */
  draining?: () => boolean;
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
  // 100: the documented largest read, 100 accounts by alias; `__typename` counts like any field.
  maxAliases: { n: 100, allowList: [] as string[] },
  maxTokens: { n: 4000 },
  maxDirectives: { n: 20 },
  // 100 aliased accounts, each with every User field and every vendor's details (through a fragment),
  // weigh about 38,500: 50,000 fits them. What they cost the vendors is the call budget's to bound.
  costLimit: { maxCost: 50_000 },
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
  /** Who the router (src/http/router.ts) authenticated; then useAuth does not authenticate again. */
  principal?: Principal;
}

export type Gateway = YogaServerInstance<ServerContext, Context>;
type YogaPlugins = NonNullable<Parameters<typeof createYoga<ServerContext, Context>>[0]['plugins']>;

/** The GraphQL gateway as a Fetch-API handler (servable by node:http, tests or any Fetch runtime). */
export function createGateway({
  connectors, modes, policies = {}, metrics = createMetrics(), requestDeadlineMs, directoryTtlMs, graphiql = true, idempotency = createMemoryIdempotencyStore(), security = OPEN, maxVendorCalls = 200, operations = {}, federation = true,
  reads = createUserReads({ connectors, cache: null, ttlMs: 0 }), storeState = () => 'MEMORY', directory = createDirectory(connectors, { ttlMs: directoryTtlMs }),
}: GatewayOptions): Gateway {
  const vendorStatus = createVendorStatus(modes, connectors, policies);
  const persisted = security.trustedDocuments.mode === 'off' ? {} : readPersistedDocuments(security.trustedDocuments.file);
  const principals = new WeakMap<Request, Principal>();
  const anonymous: Principal = { subject: 'anonymous', scopes: new Set() };
  const plugins: YogaPlugins = [
    // First, so its clock starts before anything else runs and it sees every response, refusals included.
    useRequestMetrics({
      metrics: requestMetricsOf(metrics.registry),
      trustedOperationNames: trustedOperationNames(persisted),
      maxOperationNames: operations.maxOperationNames,
      // The router authenticates requests that come through it; `gateway.fetch` callers through useAuth.
      subjectOf: (request, serverContext) => (serverContext as Partial<ServerContext>).principal?.subject ?? principals.get(request)?.subject,
      onEnd: operations.accessLog ? [operations.accessLog] : [],
    }),
    useHealth({ vendorStatus, storeState, draining: operations.draining }),
    useMetrics({ metrics }),
    useAuth({ authenticate: createAuthenticator(security.auth), principals }),
    // A forged cross-site POST (a form) is refused; a GET, which can only query, is not (see csrf.ts).
    useCsrfPrevention(),
    useRefusalCodes(),
    ...trustedDocuments(security.trustedDocuments.mode, persisted),
    ...(security.introspection ? [] : [useDisableIntrospection()]),
    EnvelopArmorPlugin(armorConfig()),
    useVendorCallBudget({ maxCalls: maxVendorCalls, enabledVendors: Object.keys(connectors).length }),
    useInputLimits(),
    useNoSuggestions(),
    useNoSubscriptions(),
    useOperationSpan(),
    usePartialResults(),
  ];
  return createYoga<ServerContext, Context>({
    schema: federation ? subgraphSchema() : schema,
    // Batched HTTP requests would multiply every limit above by the batch size.
    batching: false,
    // The HTTP server (app.ts) refuses a body over MAX_BODY_BYTES by its Content-Length, and any body
    // without one, before Yoga sees it; Yoga's own limit re-reads every body through a stream for the
    // same check, which cost a measurable share of each request.
    maxRequestBodySize: false,
    cors: security.corsOrigins.length === 0 ? false : { origin: [...security.corsOrigins], credentials: false },
    context: ({ request, deadline, principal }): Context => ({
      principal: principal ?? principals.get(request) ?? anonymous,
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
    // Self-hosted GraphiQL (frontends/graphiql.ts): nothing loaded from a CDN.
    graphiql: graphiql && graphiqlOptions({ authRequired: security.auth.mode !== 'none' }),
    renderGraphiQL,
    landingPage: false,
  });
}

/** Persisted documents from codegen (`persisted-documents.json`: hash → document). Comma-separated files merge: the test clients' documents and the console's (console/src/gql/). */
function readPersistedDocuments(files: string): Record<string, string> {
  return Object.assign({}, ...files.split(',').map((path) => JSON.parse(readFileSync(path.trim(), 'utf8')) as Record<string, string>)) as Record<string, string>;
}

/** The operation names in the persisted documents: labels of their own in the request metrics. */
function trustedOperationNames(documents: Readonly<Record<string, string>>): string[] {
  return Object.values(documents).flatMap((document) => parse(document).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [])));
}

/** Persisted documents as the only (`only`) or an extra (`allow`) way to name an operation. */
function trustedDocuments(mode: SecurityOptions['trustedDocuments']['mode'], documents: Readonly<Record<string, string>>): YogaPlugins {
  if (mode === 'off') return [];
  return [
    usePersistedOperations({
      // Codegen names documents `sha256:<hex>`; Apollo-style clients send the bare hex: both find it.
      // hasOwn: an id like `__proto__` or `constructor` must be a miss, not a walk up the prototype chain.
      getPersistedOperation: (id) => {
        const key = Object.hasOwn(documents, id) ? id : `sha256:${id}`;
        return Object.hasOwn(documents, key) ? (documents[key] ?? null) : null;
      },
      allowArbitraryOperations: mode === 'allow',
      // Refusals are the client's error, so a 4xx (Yoga reads `extensions.http`), with the plugin's codes.
      customErrors: {
        notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 404 } } },
        keyNotFound: { message: 'PersistedQueryKeyNotFound', extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } } },
        persistedQueryOnly: { message: 'PersistedQueryOnly', extensions: { code: 'CANNOT_SEND_PQ_ID_AND_BODY', http: { status: 400 } } },
      },
    }),
  ];
}
