import type { UserConnector, VendorId } from './connectors/types.js';
import { UpstreamError } from './errors.js';
import type { BreakerState, UpstreamPolicy } from './resilience/policy.js';

/**
 * How each vendor is wired (sandbox simulator, live API, or off) and whether it answers. Health is a
 * cheap authenticated call (`ping`), cached briefly so `/readyz` probes and `vendors { health }` do not
 * turn into load on the vendor.
 */

export type VendorMode = 'SANDBOX' | 'LIVE' | 'OFF';
export type VendorHealth = 'UP' | 'DOWN' | 'DISABLED';

export interface VendorStatus {
  mode(vendor: VendorId): VendorMode;
  /** DOWN at once while the vendor's circuit is open; otherwise what a recent ping said. */
  health(vendor: VendorId): Promise<VendorHealth>;
  /** The vendor's circuit breaker; null when the vendor is off. */
  circuit(vendor: VendorId): BreakerState | null;
}

export interface VendorStatusOptions {
  /** How long one health answer is reused. @default 5000 */
  cacheMs?: number;
  /** A ping slower than this counts as DOWN. @default 2000 */
  timeoutMs?: number;
}

export function createVendorStatus(
  modes: Readonly<Record<VendorId, VendorMode>>,
  connectors: Readonly<Partial<Record<VendorId, UserConnector>>>,
  policies: Readonly<Partial<Record<VendorId, UpstreamPolicy>>> = {},
  { cacheMs = 5000, timeoutMs = 2000 }: VendorStatusOptions = {},
): VendorStatus {
  const cache = new Map<VendorId, { health: Promise<VendorHealth>; at: number }>();
  return {
    mode: (vendor) => modes[vendor],
    circuit: (vendor) => (connectors[vendor] ? (policies[vendor]?.breakerState() ?? 'CLOSED') : null),
    health(vendor) {
      const connector = connectors[vendor];
      if (!connector) return Promise.resolve('DISABLED');
      if (policies[vendor]?.breakerState() === 'OPEN') return Promise.resolve('DOWN');
      const cached = cache.get(vendor);
      if (cached && Date.now() - cached.at < cacheMs) return cached.health;
      // Health is reachability and credentials: a vendor that answers 429 is up (and busy); one odd
      // record is not the vendor's health either (records are read one by one, see drift.ts).
      const health = connector.ping(AbortSignal.timeout(timeoutMs)).then(
        (): VendorHealth => 'UP',
        (error: unknown): VendorHealth => (error instanceof UpstreamError && error.code === 'RATE_LIMITED' && error.httpStatus !== null ? 'UP' : 'DOWN'),
      );
      cache.set(vendor, { health, at: Date.now() });
      return health;
    },
  };
}
