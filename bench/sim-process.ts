/**
 * The vendor simulators in a process of their own (pinned beside the load generator, away from the
 * peer), printing `ready {"rinkel":"http://...",...}` once all four listen.
 */
import { VENDOR_IDS } from '../src/connectors/types.js';
import { startSimulators } from '../src/simulator/start.js';

const simulators = await startSimulators({ portBase: 0, seed: Number(process.env.SIM_SEED ?? 1), users: Number(process.env.SIM_USERS ?? 200) });
console.log(`ready ${JSON.stringify(Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, simulators[vendor].url])))}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulators.close().then(() => process.exit(0)));
