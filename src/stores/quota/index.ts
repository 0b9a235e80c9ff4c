import type { QuotaLimit } from '../../resilience/quota.js';

/**
 * Where outbound quota slots live: one sliding-window log per vendor credential.
 *
 * A slot is held from before the call is dispatched until its response has ended (`settle`), because
 * the vendor timestamps the call's arrival somewhere in between. A slot held until response end E_k
 * keeps the window [E_k − windowMs, E_k] counted, so the (k+N)-th call is not dispatched before
 * E_k + windowMs, and no window the vendor sees can hold N+1 arrivals however late calls go out or
 * however slowly their answers come back. Until `settle`, the slot counts as ending at `leaseMs`
 * after it was taken (no later than the call's own timeout ends it).
 */
export interface QuotaStore {
  /**
   * Takes a slot if every limit has room now and the key is not paused. Otherwise says how long until
   * room may appear (a lower bound when slots are still in flight: ask again after a short wait).
   */
  acquire(key: string, limits: readonly QuotaLimit[], leaseMs: number): Promise<QuotaGrant>;
  /** The call's response ended (or the call failed without anything in flight): the slot ends now. */
  settle(key: string, slot: string): Promise<void>;
  /** The call was never sent: give the slot back. */
  release(key: string, slot: string): Promise<void>;
  /** The vendor said 429 with `Retry-After`: nobody calls under this key for `ms`. */
  pause(key: string, ms: number): Promise<void>;
}

export type QuotaGrant = { readonly granted: true; readonly slot: string } | { readonly granted: false; readonly waitMs: number };

/** The longest window of a set of limits, 0 for none. */
export function longestWindow(limits: readonly QuotaLimit[]): number {
  return limits.reduce((longest, { windowMs }) => Math.max(longest, windowMs), 0);
}
