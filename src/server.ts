import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { VENDOR_IDS } from './connectors/types.js';
import { createLogger, initTracing } from './telemetry.js';

/** `npm start`: configuration, the app, and a graceful shutdown on SIGINT/SIGTERM. Nothing else. */

const logger = createLogger(process.env.LOG_LEVEL || 'info');
const otlpBase = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const stopTracing = await initTracing({ endpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (otlpBase ? `${otlpBase.replace(/\/$/, '')}/v1/traces` : undefined) });
if (stopTracing) logger.info('tracing: spans go to the OTLP endpoint');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  logger.fatal(error.message);
  process.exit(1);
}

if (config.auth.mode === 'none') {
  const why = config.auth.explicit ? 'AUTH=none' : 'no AUTH_TOKENS, AUTH_JWT_SECRET or AUTH_JWKS_URL is set';
  logger.warn(`AUTHENTICATION IS OFF (${why}): anyone who can reach this port can read and change every account. Never expose it like this.`);
}
const app = await startApp(config, logger);
if (app.simulators) {
  logger.info('sandbox mode: no vendor is configured, so the four vendor simulators run in-process');
  for (const vendor of VENDOR_IDS) logger.info(`  ${vendor} simulator ${app.simulators[vendor].url} (faults: ${app.simulators[vendor].url}/__admin/faults)`);
} else {
  for (const vendor of VENDOR_IDS) logger.info(`${vendor}: ${config.vendors[vendor].mode}`);
}
logger.info(`Switchboard GraphQL at ${app.url}/graphql (GraphiQL in a browser), health at ${app.url}/healthz and ${app.url}/readyz`);
if (config.console) {
  // Built now (when its sources changed) so the first visit does not wait for it.
  app.frontends.prepare().then(
    () => logger.info(`console at ${app.url}/`),
    (error: unknown) => logger.error({ err: error }, 'console: build failed; / answers 503 until it builds'),
  );
}

// SIGTERM (an orchestrator) and SIGINT (Ctrl-C) drain: readiness turns 503, requests in flight finish
// within DRAIN_TIMEOUT_MS, then pools and stores close and the process exits 0. A second signal
// during the drain exits at once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting for the drain`);
      process.exit(1);
    }
    stopping = true;
    const { drainTimeoutMs } = config.operations;
    logger.info(`${signal}: draining (readiness now 503), waiting up to ${drainTimeoutMs} ms for requests in flight`);
    app.drain(drainTimeoutMs).then(
      async () => {
        logger.info('drained and closed');
        await stopTracing?.();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
