/**
 * `npm run simulators`: the four vendor stand-ins on SIM_PORT_BASE..+3 (default 4101..4104), one line
 * per vendor: `<vendor> <url>`. SIM_SEED and SIM_USERS change the directory. Ctrl-C stops them.
 */
import { VENDOR_IDS } from '../src/connectors/types.js';
import { startSimulators } from '../src/simulator/start.js';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const simulators = await startSimulators({
  portBase: intFromEnv('SIM_PORT_BASE', 4101),
  seed: intFromEnv('SIM_SEED', 1),
  users: intFromEnv('SIM_USERS', 200),
  host: process.env.SIM_HOST ?? '127.0.0.1',
});
for (const vendor of VENDOR_IDS) console.log(`${vendor} ${simulators[vendor].url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulators.close().then(() => process.exit(0));
  });
}
