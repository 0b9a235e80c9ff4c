import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createConnector, SANDBOX_CREDENTIALS } from './connectors/registry.js';
import { VENDOR_IDS, type UserConnector, type VendorId } from './connectors/types.js';
import { createGateway, type Gateway } from './gateway.js';
import { createMetrics } from './resilience/metrics.js';
import { startDeadline } from './resilience/deadline.js';
import { trackRequestCalls } from './resilience/request-calls.js';
import { createUpstreamPolicy, type UpstreamPolicy } from './resilience/policy.js';
import { createHash } from 'node:crypto';
import { createQuotaGate } from './resilience/quota.js';
import { createStores, type Stores } from './stores/index.js';
import { createUserReads } from './stores/cache/user-reads.js';
import { createSharedDirectory } from './stores/cache/directory.js';
import { createDirectory } from './connectors/directory.js';
import { inSpan, requestIdFrom, tagRequest } from './telemetry.js';
import { startSimulators, type Simulators } from './simulator/start.js';

/**
 * Everything `npm start` runs, as one function the end-to-end tests call too: the simulators when in
 * sandbox mode, one connector per enabled vendor, the gateway, and the HTTP server.
 */
export interface App {
  /** Base URL of the gateway, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly gateway: Gateway;
  /** The in-process vendor simulators, in sandbox mode. */
  readonly simulators: Simulators | null;
  /** Quota, breaker and retries per enabled vendor. */
  readonly policies: Readonly<Partial<Record<VendorId, UpstreamPolicy>>>;
  /** Quota, idempotency and entity cache: in memory, or shared through Redis. */
  readonly stores: Stores;
  close(): Promise<void>;
}

export async function startApp(config: Config, logger?: Logger): Promise<App> {
  const simulators = config.sandbox ? await startSandbox(config.sandbox, logger) : null;
  const metrics = createMetrics();
  const stores = createStores(config.stores, { logger, registry: metrics.registry });
  const { maxAttempts, breakerThreshold, breakerWindowMs, breakerHalfOpenMs } = config.resilience;
  const connectors: Partial<Record<VendorId, UserConnector>> = {};
  const policies: Partial<Record<VendorId, UpstreamPolicy>> = {};
  for (const vendor of VENDOR_IDS) {
    const settings = config.vendors[vendor];
    if (settings.mode === 'OFF') continue;
    const baseUrl = settings.mode === 'SANDBOX' ? simulators?.[vendor].url : settings.baseUrl;
    const credentials = settings.mode === 'SANDBOX' ? SANDBOX_CREDENTIALS[vendor] : settings.credentials;
    const policy = createUpstreamPolicy({
      vendor,
      metrics,
      quota: createQuotaGate({
        vendor,
        key: quotaKey(vendor, baseUrl ?? '', credentials),
        store: stores.quota,
        limits: settings.rateLimits,
        // A call whose caller stopped waiting is not reported back; it ends by its own timeout, which
        // starts just after the slot is taken (5 s of margin for a loaded event loop).
        leaseMs: settings.timeoutMs + 5000,
        metrics,
      }),
      retry: { maxAttempts },
      breaker: { threshold: breakerThreshold, windowMs: breakerWindowMs, halfOpenAfterMs: breakerHalfOpenMs },
    });
    policies[vendor] = policy;
    const options = { baseUrl: baseUrl ?? '', timeoutMs: settings.timeoutMs, concurrency: settings.concurrency, policy, metrics, logger: logger?.child({ vendor }), ...credentials };
    connectors[vendor] = createConnector(vendor, options as never);
  }
  const modes = Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, config.vendors[vendor].mode])) as Record<VendorId, Config['vendors'][VendorId]['mode']>;
  const gateway = createGateway({
    connectors,
    modes,
    policies,
    metrics,
    requestDeadlineMs: config.requestDeadlineMs,
    directoryTtlMs: config.directoryTtlMs,
    graphiql: config.graphiql,
    idempotency: stores.idempotency,
    reads: createUserReads({ connectors, cache: stores.cache, ttlMs: config.stores.cacheTtlMs, registry: metrics.registry }),
    // With the entity cache on, list snapshots go through it too: one scan serves every replica.
    ...(stores.cache ? { directory: createSharedDirectory(connectors, { cache: stores.cache, ttlMs: config.directoryTtlMs, local: createDirectory(connectors, { ttlMs: config.directoryTtlMs }) }) } : {}),
    storeState: stores.state,
    security: {
      auth: config.auth,
      introspection: config.introspection,
      // A sandbox serves simulated data only, so any browser origin may try it; elsewhere only those named.
      corsOrigins: config.corsOrigins.length > 0 ? config.corsOrigins : config.sandbox ? ['*'] : [],
      trustedDocuments: config.trustedDocuments,
    },
  });

  const server = createServer((req, res) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    if (refuseBody(req, res, config.maxBodyBytes)) return;
    // The request's deadline ends with its response. A client that leaves first ends the request: its
    // queued vendor calls are not sent and running ones are no longer waited for (see http.ts).
    const deadline = startDeadline(config.requestDeadlineMs);
    res.once('close', () => {
      if (!res.writableFinished) deadline.cancel(new DOMException('The client closed the connection', 'AbortError'));
      deadline.finish();
    });
    // Vendor calls find the request id on the signal they are given (log lines), and their spans are
    // children of this one (when tracing is on).
    tagRequest(deadline.signal, requestId);
    trackRequestCalls(deadline.signal);
    void inSpan(`${req.method} ${(req.url ?? '/').split('?')[0]}`, { 'http.request.method': req.method ?? 'GET', 'switchboard.request_id': requestId }, async () => {
      await gateway(req, res, { deadline: deadline.signal });
      await new Promise<void>((resolve) => (res.writableFinished ? resolve() : res.once('close', resolve)));
      if (res.statusCode >= 500) logger?.error({ requestId, status: res.statusCode, url: req.url?.split('?')[0] }, 'request failed');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  return {
    url,
    gateway,
    simulators,
    policies,
    stores,
    close: async () => {
      await closeServer(server);
      await Promise.all(Object.values(connectors).map((connector) => connector.close()));
      await stores.close();
      await simulators?.close();
    },
  };
}

/**
 * One quota per vendor credential: two Dialpad companies are two quotas, two replicas with the same
 * credentials one. The key is a digest, so no credential is ever written to a store.
 */
function quotaKey(vendor: VendorId, baseUrl: string, credentials: unknown): string {
  return `${vendor}:${createHash('sha256').update(`${baseUrl}\n${JSON.stringify(credentials ?? null)}`).digest('base64url').slice(0, 22)}`;
}

async function startSandbox(options: NonNullable<Config['sandbox']>, logger?: Logger): Promise<Simulators> {
  try {
    return await startSimulators(options);
  } catch (error) {
    // A developer may already run `npm run simulators` on the default ports; any free ports will do.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.portBase === 0) throw error;
    logger?.warn(`ports ${options.portBase}..${options.portBase + 3} are taken; the sandbox simulators use free ports instead`);
    return startSimulators({ ...options, portBase: 0 });
  }
}

/**
 * Refuses a body over the limit before anything parses it: by its Content-Length, and a POST without
 * one (chunked) outright, since its size is unknown until it has been read. The refused body is drained,
 * not cut off, so the client reads the 413 instead of a broken connection.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  const chunked = req.method === 'POST' && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] !== undefined;
  if (length <= maxBytes && !chunked) return false;
  const [status, message] = chunked ? [411, 'Send a Content-Length: chunked request bodies are not accepted.'] : [413, `The request body is larger than ${maxBytes} bytes.`];
  req.resume();
  req.once('end', () => {
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'LENGTH_REQUIRED' } }] }));
  });
  return true;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
