import type { Plugin } from 'graphql-yoga';
import { VENDOR_IDS } from '../connectors/types.js';
import type { VendorStatus } from '../vendors.js';

export interface HealthOptions {
  vendorStatus: VendorStatus;
  /** The shared store's state, shown in `/readyz`'s body; Redis away degrades but does not stop serving. @default MEMORY */
  storeState?: () => string;
  /** Liveness: the process answers. @default '/healthz' */
  livenessPath?: string;
  /** Readiness: this process can serve (configuration read, schema built). @default '/readyz' */
  readinessPath?: string;
  /** True while the process shuts down: readiness answers 503 at once, so load balancers stop sending. @default never */
  draining?: () => boolean;
}

/**
 * `/healthz` and `/readyz`. Readiness is about this process: it answers 200 once configuration and
 * schema are in place (this plugin runs inside the built gateway, so both are). Vendor health is in
 * its body (mode, health, circuit), never a reason for 503: every replica shares the same vendors, so
 * a 503 for a vendor outage would take all of them out of rotation together and lose the other
 * vendors' partial results. Shared stores and draining add their own state here (issues 13 and 17).
 */
export function useHealth({ vendorStatus, storeState = () => 'MEMORY', livenessPath = '/healthz', readinessPath = '/readyz', draining = () => false }: HealthOptions): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === livenessPath) {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
      } else if (url.pathname === readinessPath && draining()) {
        endResponse(fetchAPI.Response.json({ status: 'draining' }, { status: 503 }));
      } else if (url.pathname === readinessPath) {
        const vendors = Object.fromEntries(await Promise.all(VENDOR_IDS.map(async (vendor) => [vendor, { mode: vendorStatus.mode(vendor), health: await vendorStatus.health(vendor), circuit: vendorStatus.circuit(vendor) }] as const)));
        endResponse(fetchAPI.Response.json({ status: 'ready', store: storeState(), vendors }, { status: 200 }));
      }
    },
  };
}
