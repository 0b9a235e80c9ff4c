import { pino } from 'pino';
import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { VENDOR_IDS } from './connectors/types.js';

/** `npm start`: configuration, the app, and a graceful shutdown on SIGINT/SIGTERM. Nothing else. */

const logger = pino({ level: process.env.LOG_LEVEL || 'info' });

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

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: closing`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
