/**
 * Switchboard as a benchmark peer: `startApp` exactly as `npm start` runs it, in live mode against the
 * benchmark's simulators (vendor env from the orchestrator), printing the line the orchestrator waits for.
 */
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/telemetry.js';

const app = await startApp(loadConfig(), createLogger(process.env.LOG_LEVEL || 'warn'));
console.log(`ready ${app.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
