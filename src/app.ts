import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createConnector, SANDBOX_CREDENTIALS } from './connectors/registry.js';
import { VENDOR_IDS, type UserConnector, type VendorId } from './connectors/types.js';
import { createFrontends, type Frontends } from './frontends/index.js';
import { createGateway, type Gateway } from './gateway.js';
import { createDrain } from './http/drain.js';
import { createAccessLog } from './plugins/access-log.js';
import { createRefusalRecorder, requestMetricsOf } from './plugins/request-metrics.js';
import { createMetrics } from './resilience/metrics.js';
import { createUpstreamPolicy, type UpstreamPolicy } from './resilience/policy.js';
import { createHash } from 'node:crypto';
import { createQuotaGate } from './resilience/quota.js';
import { createStores, type Stores } from './stores/index.js';
import { createUserReads } from './stores/cache/user-reads.js';
import { createSharedDirectory } from './stores/cache/directory.js';
import { createDirectory } from './connectors/directory.js';
import { createAuthenticator } from './auth.js';
import { createRouter, type Frontends as FrontendHandler } from './http/router.js';
import { createHttpServer } from './http/server.js';
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
  /** GraphiQL's page and the reference console (src/frontends/). */
  readonly frontends: Frontends;
  /** Quota, idempotency and entity cache: in memory, or shared through Redis. */
  readonly stores: Stores;
  close(): Promise<void>;
  /**
   * Graceful shutdown: readiness turns 503 at once, requests in flight (and any still arriving) are
   * served until none is left or `timeoutMs` passes, then everything closes. Resolves with the number
   * of requests cut off at the timeout.
   */
  drain(timeoutMs: number): Promise<number>;
}

export interface StartOptions {
  /** Instead of the built-in frontends (src/frontends/): another handler of public pages (see `Frontends` in src/http/router.ts). */
  frontends?: FrontendHandler;
}

export async function startApp(config: Config, logger?: Logger, options: StartOptions = {}): Promise<App> {
  const simulators = config.sandbox ? await startSandbox(config.sandbox, logger) : null;
  const metrics = createMetrics();
  const drain = createDrain();
  const accessLog = logger && createAccessLog({ logger, sampleRate: config.operations.accessLogSampleRate });
  const stores = await createStores(config.stores, { logger, registry: metrics.registry });
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
    const connector = createConnector(vendor, options as never);
    connectors[vendor] = connector;
    // An open circuit is probed in the background with the connector's cheapest call (policy.ts).
    policy.setProbe((signal) => connector.ping(signal));
  }
  const modes = Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, config.vendors[vendor].mode])) as Record<VendorId, Config['vendors'][VendorId]['mode']>;
  const gateway = createGateway({
    connectors,
    modes,
    policies,
    metrics,
    requestDeadlineMs: config.requestDeadlineMs,
    directoryTtlMs: config.directoryTtlMs,
    maxVendorCalls: config.maxVendorCalls,
    graphiql: config.graphiql,
    federation: config.federation,
    idempotency: stores.idempotency,
    reads: createUserReads({ connectors, cache: stores.cache, ttlMs: config.stores.cacheTtlMs, registry: metrics.registry }),
    // With the entity cache on, list snapshots go through it too: one scan serves every replica.
    ...(stores.cache ? { directory: createSharedDirectory(connectors, { cache: stores.cache, ttlMs: config.directoryTtlMs, local: createDirectory(connectors, { ttlMs: config.directoryTtlMs }) }) } : {}),
    storeState: stores.state,
    security: {
      auth: config.auth,
      introspection: config.introspection,
      // CORS is the router's (src/http/cors.ts), decided before Yoga sees the request.
      corsOrigins: [],
      trustedDocuments: config.trustedDocuments,
    },
    operations: {
      ...(accessLog ? { accessLog } : {}),
      maxOperationNames: config.operations.metricsMaxOperationNames,
      draining: () => drain.draining,
    },
  });

  const frontends = createFrontends({
    graphiql: config.graphiql,
    console: config.console,
    authRequired: config.auth.mode !== 'none',
    trustedDocuments: config.trustedDocuments.mode,
    ...(logger ? { logger } : {}),
  });
  const router = createRouter({
    gateway,
    authenticate: createAuthenticator(config.auth),
    graphiql: config.graphiql,
    metrics: config.metrics,
    corsOrigins: config.corsOrigins.length > 0 ? config.corsOrigins : config.sandbox ? ['*'] : [],
    maxBodyBytes: config.maxBodyBytes,
    requestDeadlineMs: config.requestDeadlineMs,
    maxVendorCalls: config.maxVendorCalls,
    // GraphiQL's page and the console's files: public, answered before anything GraphQL (src/frontends/).
    frontends: options.frontends ?? frontends.handler,
    // What the router refuses never reaches Yoga's metrics plugin: counted and logged here instead.
    onRefused: createRefusalRecorder({ metrics: requestMetricsOf(metrics.registry), onEnd: accessLog ? [accessLog] : [] }),
    logger,
  });
  // Every request is counted in flight before anything else, so a drain waits for it.
  const server = createHttpServer((req, res) => {
    drain.track(req, res);
    router(req, res);
  }, config.http);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  const close = async () => {
    await closeServer(server);
    // Background probes of open circuits (policy.ts) stop with the app.
    for (const policy of Object.values(policies)) policy.close();
    await Promise.all(Object.values(connectors).map((connector) => connector.close()));
    await stores.close();
    await simulators?.close();
  };
  return {
    url,
    gateway,
    simulators,
    policies,
    stores,
    frontends,
    close,
    drain: async (timeoutMs) => {
      const cutOff = await drain.drain(timeoutMs);
      if (cutOff > 0) {
        logger?.warn({ requests: cutOff, timeoutMs }, 'drain timeout: closing with requests still in flight');
        server.closeAllConnections();
      }
      await close();
      return cutOff;
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
