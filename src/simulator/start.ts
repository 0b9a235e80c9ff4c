import { createCommpeakSimulator } from '../connectors/commpeak/simulator.js';
import { createDialpadSimulator } from '../connectors/dialpad/simulator.js';
import { createImichatSimulator } from '../connectors/imichat/simulator.js';
import { createRinkelSimulator } from '../connectors/rinkel/simulator.js';
import { VENDOR_IDS, type VendorId } from '../connectors/types.js';
import type { Simulator } from './create-simulator.js';
import type { VendorSimulatorOptions } from './protocol.js';

/** One factory per vendor; a `Record` so the compiler refuses a vendor without a simulator. */
export const SIMULATOR_FACTORIES: Record<VendorId, (options?: VendorSimulatorOptions) => Simulator> = {
  rinkel: createRinkelSimulator,
  dialpad: createDialpadSimulator,
  imichat: createImichatSimulator,
  commpeak: createCommpeakSimulator,
};

export interface StartSimulatorsOptions extends VendorSimulatorOptions {
  /** Rinkel listens here, Dialpad on +1, IMIchat on +2, CommPeak on +3; 0 lets the OS pick free ports. @default 0 */
  portBase?: number;
  /** @default 127.0.0.1 */
  host?: string;
}

export type Simulators = Readonly<Record<VendorId, Simulator>> & { close(): Promise<void> };

/** Starts all four simulators on loopback; on a port clash, closes the ones already started and rethrows. */
export async function startSimulators({ portBase = 0, host = '127.0.0.1', ...options }: StartSimulatorsOptions = {}): Promise<Simulators> {
  const started: Simulator[] = [];
  const close = async () => {
    await Promise.all(started.map((sim) => sim.close()));
  };
  try {
    const entries = [];
    for (const [offset, vendor] of VENDOR_IDS.entries()) {
      const sim = SIMULATOR_FACTORIES[vendor](options);
      await sim.listen(portBase === 0 ? 0 : portBase + offset, host);
      started.push(sim);
      entries.push([vendor, sim] as const);
    }
    return { ...(Object.fromEntries(entries) as Record<VendorId, Simulator>), close };
  } catch (error) {
    await close();
    throw error;
  }
}
