import type { Plugin } from 'graphql-yoga';
import { VENDOR_IDS } from '../connectors/types.js';
import type { VendorStatus } from '../vendors.js';

export interface HealthOptions {
  vendorStatus: VendorStatus;
  /** The shared store's state, shown in `/readyz`'s body; Redis away degrades but does not stop serving. @default MEMORY */
  storeState?: () => string;
  /** Liveness: the process answers. @default '/healthz' */
  livenessPath?: string;
  /** Readiness: the schema is built and every enabled vendor answers. @default '/readyz' */
  readinessPath?: string;
}

/**
 * `/healthz` and `/readyz`. Readiness reports each vendor (mode, health, circuit), so an operator sees
 * which one is down, and answers 503 while any enabled vendor is down or its circuit open.
 */
export function useHealth({ vendorStatus, storeState = () => 'MEMORY', livenessPath = '/healthz', readinessPath = '/readyz' }: HealthOptions): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === livenessPath) {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
      } else if (url.pathname === readinessPath) {
        const vendors = Object.fromEntries(await Promise.all(VENDOR_IDS.map(async (vendor) => [vendor, { mode: vendorStatus.mode(vendor), health: await vendorStatus.health(vendor), circuit: vendorStatus.circuit(vendor) }] as const)));
        const ready = Object.values(vendors).every(({ health }) => health !== 'DOWN');
        endResponse(fetchAPI.Response.json({ status: ready ? 'ready' : 'unavailable', store: storeState(), vendors }, { status: ready ? 200 : 503 }));
      }
    },
  };
}
