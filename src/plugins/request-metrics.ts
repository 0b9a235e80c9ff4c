import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { VENDOR_IDS } from '../connectors/types.js';
import { requestCallsOf } from '../resilience/request-calls.js';
import { requestIdOf } from '../telemetry.js';

/**
 * The gateway's own traffic, RED-style: requests by operation and outcome, their duration, GraphQL
 * errors by code (and vendor), requests in flight and vendor calls per request; and, for the access
 * log, one summary of each request when its response is ready.
 *
 * prom-client through this plugin rather than `@graphql-yoga/plugin-prometheus`: the gateway already
 * has one prom-client registry per instance (resilience/metrics.ts) that this shares; Yoga's plugin
 * labels by the client-chosen operation name as sent (unbounded cardinality), has no notion of
 * `extensions.code`, vendor or outcome, and measures phases (parse, validate, execute) rather than the
 * request a client sees. What is needed here is a handful of hooks.
 */

/** How a request ended, from the client's side. */
export type RequestOutcome =
  /** Data and no errors. */
  | 'ok'
  /** Data, and errors for some fields (a vendor failed; the others answered). */
  | 'partial'
  /**
   * The client's doing: HTTP 4xx; errors without `data` (unparsable, invalid, too complex, unknown
   * document); or only errors a correct server gives a wrong request (bad input, missing scope, no such
   * account). Kept apart so the error budget measures the gateway and its vendors, not its callers.
   */
  | 'client_error'
  /** Ran and produced no data, or HTTP 5xx. */
  | 'error';

export interface RequestSummary {
  /** The `x-request-id` the HTTP server answered with; undefined for requests handed to `gateway.fetch` directly. */
  requestId: string | undefined;
  method: string;
  path: string;
  /** A GraphQL request on the GraphQL path (not a probe, GraphiQL page or preflight). */
  graphql: boolean;
  /** The operation's name as in the document; `undefined` when anonymous or never parsed. */
  operationName: string | undefined;
  /** The bounded label it is counted under (see `maxOperationNames`). */
  operationLabel: string;
  operationType: 'query' | 'mutation' | 'subscription' | undefined;
  status: number;
  outcome: RequestOutcome;
  durationSeconds: number;
  /** Vendor calls the request made, every attempt counted; 0 when it made none or was not tracked. */
  vendorCalls: number;
  /** `extensions.code` of each error in the response, in order, with the vendor when the error names one. */
  errors: { code: string; vendor: string | undefined }[];
  /** Who called, when authentication ran and succeeded. */
  subject: string | undefined;
}

export interface RequestMetrics {
  readonly requests: Counter<'operation' | 'operation_type' | 'outcome'>;
  readonly duration: Histogram<'operation' | 'operation_type'>;
  readonly errors: Counter<'operation' | 'code' | 'vendor'>;
  readonly inFlight: Gauge;
  readonly vendorCalls: Histogram<'operation'>;
}

const registered = new WeakMap<Registry, RequestMetrics>();

/** The request metrics of `registry`, registered on first use (a registry refuses a name twice). */
export function requestMetricsOf(registry: Registry): RequestMetrics {
  let metrics = registered.get(registry);
  if (!metrics) {
    metrics = createRequestMetrics(registry);
    registered.set(registry, metrics);
  }
  return metrics;
}

function createRequestMetrics(registry: Registry): RequestMetrics {
  const registers = [registry];
  return {
    requests: new Counter({ name: 'switchboard_requests_total', help: 'GraphQL requests, by operation, operation type and outcome (ok, partial, client_error, error).', labelNames: ['operation', 'operation_type', 'outcome'], registers }),
    duration: new Histogram({
      name: 'switchboard_request_duration_seconds',
      help: 'GraphQL request duration, from arrival until the response is ready, by operation.',
      labelNames: ['operation', 'operation_type'],
      // 0.3 and 1 s are SLO thresholds in deploy/; the tail reaches the default 15 s request deadline.
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 15, 30],
      registers,
    }),
    errors: new Counter({ name: 'switchboard_graphql_errors_total', help: 'Errors in GraphQL responses, by operation, extensions.code and vendor ("none" when the error names none).', labelNames: ['operation', 'code', 'vendor'], registers }),
    inFlight: new Gauge({ name: 'switchboard_requests_in_flight', help: 'GraphQL requests being processed now.', registers }),
    vendorCalls: new Histogram({
      name: 'switchboard_request_vendor_calls',
      help: 'Vendor calls (attempts) one GraphQL request made, by operation.',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    }),
  };
}

export interface RequestMetricsOptions {
  metrics: RequestMetrics;
  /** Operation names of the trusted (persisted) documents: always labelled as they are. @default none */
  trustedOperationNames?: Iterable<string>;
  /**
   * Other operation names become labels as they are first seen, up to this many; later new names are
   * counted as `other`, so a client sending random names cannot grow the registry without bound.
   * @default 100
   */
  maxOperationNames?: number;
  /** Who made the request (for the summary). @default none */
  subjectOf?: (request: Request, serverContext: object) => string | undefined;
  /** Called once per request with its summary, when its response is ready (the access log). @default none */
  onEnd?: readonly ((summary: RequestSummary) => void)[];
  /** @default '/graphql' */
  graphqlPath?: string;
}

interface Draft {
  start: number;
  graphql: boolean;
  operationName: string | undefined;
  operationType: RequestSummary['operationType'];
  /** The document parsed and one operation in it was selected (its name, or its absence, is known). */
  parsed: boolean;
  signal: AbortSignal | undefined;
  results: ExecutionResult[] | undefined;
}

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
/** Codes a correct gateway answers a wrong request with (README's error table, Yoga's and armor's refusals). */
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_ONLY', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'LENGTH_REQUIRED']);
const VENDORS = new Set<string>(VENDOR_IDS.map((vendor) => vendor.toUpperCase()));

export function useRequestMetrics({ metrics, trustedOperationNames = [], maxOperationNames = 100, subjectOf, onEnd = [], graphqlPath = '/graphql' }: RequestMetricsOptions): Plugin {
  const drafts = new WeakMap<Request, Draft>();
  const trusted = new Set(trustedOperationNames);
  const seen = new Set<string>();
  const labelOf = (name: string | undefined, parsed: boolean): string => {
    if (!parsed) return 'none';
    if (name === undefined) return 'anonymous';
    if (trusted.has(name) || seen.has(name)) return name;
    if (seen.size >= maxOperationNames) return 'other';
    seen.add(name);
    return name;
  };
  return {
    onRequest({ request, url }) {
      // Yoga serves its endpoint with a trailing slash too, so that is GraphQL traffic as well.
      const graphql = url.pathname.replace(/\/+$/, '') === graphqlPath && request.method !== 'OPTIONS' && !(request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html'));
      drafts.set(request, { start: performance.now(), graphql, operationName: undefined, operationType: undefined, parsed: false, signal: undefined, results: undefined });
      if (graphql) metrics.inFlight.inc();
    },
    onParse({ context }) {
      const { request, params } = context as unknown as { request?: Request; params?: { operationName?: string | null } };
      return ({ result }) => {
        const draft = request && drafts.get(request);
        if (!draft || result instanceof Error || !result) return;
        const operation = getOperationAST(result as DocumentNode, params?.operationName ?? undefined);
        // Several operations and no (or a wrong) operationName: none is selected, so none is named.
        if (!operation) return;
        draft.parsed = true;
        draft.operationName = operation.name?.value;
        draft.operationType = operation.operation;
      };
    },
    onExecute({ args }) {
      const request = (args.contextValue as Partial<{ request: Request }>).request;
      const draft = request && drafts.get(request);
      if (draft) draft.signal = (args.contextValue as Partial<{ signal: AbortSignal }>).signal;
    },
    onResultProcess({ request, result }) {
      const draft = drafts.get(request);
      if (!draft) return;
      if (Array.isArray(result)) draft.results = result;
      else if (!(Symbol.asyncIterator in result)) draft.results = [result];
    },
    onResponse({ request, response, serverContext }) {
      const draft = drafts.get(request);
      if (!draft) return;
      drafts.delete(request);
      const durationSeconds = (performance.now() - draft.start) / 1000;
      const errors = errorsOf(draft.results, response.status);
      const summary: RequestSummary = {
        requestId: requestIdOf((serverContext as { deadline?: AbortSignal }).deadline),
        method: request.method,
        path: new URL(request.url).pathname,
        graphql: draft.graphql,
        operationName: draft.operationName,
        operationLabel: labelOf(draft.operationName, draft.parsed),
        operationType: draft.operationType,
        status: response.status,
        outcome: outcomeOf(draft.results, response.status, errors),
        durationSeconds,
        vendorCalls: requestCallsOf(draft.signal ?? (serverContext as { deadline?: AbortSignal }).deadline)?.count ?? 0,
        errors,
        subject: subjectOf?.(request, serverContext),
      };
      if (draft.graphql) metrics.inFlight.dec();
      recordRequest(metrics, summary, onEnd);
    },
  };
}

/** Counts one finished request (GraphQL ones only) and hands its summary to the listeners. */
function recordRequest(metrics: RequestMetrics, summary: RequestSummary, onEnd: RequestMetricsOptions['onEnd'] = []): void {
  if (summary.graphql) {
    const operation = summary.operationLabel;
    const type = summary.operationType ?? 'none';
    metrics.requests.inc({ operation, operation_type: type, outcome: summary.outcome });
    metrics.duration.observe({ operation, operation_type: type }, summary.durationSeconds);
    metrics.vendorCalls.observe({ operation }, summary.vendorCalls);
    for (const { code, vendor } of summary.errors) metrics.errors.inc({ operation, code, vendor: vendor?.toLowerCase() ?? 'none' });
  }
  for (const listener of onEnd) listener(summary);
}

/** A request the HTTP router refused before Yoga saw it (no token, no such path, a bad target). */
export interface Refusal {
  requestId: string;
  method: string;
  /** The checked path; undefined when the target itself was malformed. */
  path: string | undefined;
  status: number;
  code: string;
  durationSeconds: number;
}

/**
 * Counts the router's refusals the way the plugin counts Yoga's answers: a refusal at the GraphQL path
 * is a GraphQL request that ended a client error before its document was read (operation `none`), and
 * every refusal gets its access-log line.
 */
export function createRefusalRecorder({ metrics, onEnd = [], graphqlPath = '/graphql' }: Pick<RequestMetricsOptions, 'metrics' | 'onEnd' | 'graphqlPath'>): (refusal: Refusal) => void {
  return ({ requestId, method, path, status, code, durationSeconds }) =>
    recordRequest(
      metrics,
      {
        requestId,
        method,
        path: path ?? '-',
        graphql: path === graphqlPath,
        operationName: undefined,
        operationLabel: 'none',
        operationType: undefined,
        status,
        outcome: status >= 500 ? 'error' : 'client_error',
        durationSeconds,
        vendorCalls: 0,
        errors: [{ code, vendor: undefined }],
        subject: undefined,
      },
      onEnd,
    );
}

function errorsOf(results: ExecutionResult[] | undefined, status: number): RequestSummary['errors'] {
  if (!results) {
    // Answered before any GraphQL result existed: authentication (useAuth) is the one that does so with an error.
    return status === 401 ? [{ code: 'UNAUTHENTICATED', vendor: undefined }] : [];
  }
  return results.flatMap(({ errors = [] }) =>
    errors.map(({ extensions }) => {
      const code = typeof extensions?.code === 'string' && CODE.test(extensions.code) ? extensions.code : 'OTHER';
      const vendor = typeof extensions?.vendor === 'string' && VENDORS.has(extensions.vendor) ? extensions.vendor : undefined;
      return { code, vendor };
    }),
  );
}

function outcomeOf(results: ExecutionResult[] | undefined, status: number, errors: RequestSummary['errors']): RequestOutcome {
  if (status >= 500) return 'error';
  if (status >= 400) return 'client_error';
  if (!results || errors.length === 0) return 'ok';
  if (errors.every(({ code }) => CLIENT_CODES.has(code))) return 'client_error';
  // No `data` entry at all: the request failed before execution, the client's doing even when sent
  // with a 200 (legacy application/json); `data: null`: execution failed.
  if (results.every((result) => result.data === undefined)) return 'client_error';
  const withData = results.some(({ data }) => data !== null && data !== undefined);
  return withData ? 'partial' : 'error';
}
