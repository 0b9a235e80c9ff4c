import type { QuotaLimit } from '../../resilience/quota.js';
import { longestWindow, type QuotaGrant, type QuotaStore } from './index.js';

/** A slot handed from one log to another: when it ends, relative to now (negative: already ended). */
export interface MovedSlot {
  readonly slot: string;
  readonly endsInMs: number;
}

export interface MemoryQuotaStore extends QuotaStore {
  /** Takes every slot of `key` out of this log (to be counted in the shared one from now on). */
  drain(key: string): MovedSlot[];
  /** Puts a drained slot back (its move failed). */
  restore(key: string, slot: string, endsInMs: number): void;
}

/** The quota log of one process (the default, and each replica's share while Redis is away). */
export function createMemoryQuotaStore({ now = Date.now }: { now?: () => number } = {}): MemoryQuotaStore {
  /** Per key: slot id → the time the slot ends (its lease until settled). */
  const logs = new Map<string, { slots: Map<string, number>; pausedUntil: number; longest: number }>();
  let next = 0;
  const log = (key: string) => {
    let entry = logs.get(key);
    if (!entry) logs.set(key, (entry = { slots: new Map(), pausedUntil: 0, longest: 0 }));
    return entry;
  };
  return {
    async acquire(key, limits: readonly QuotaLimit[], leaseMs): Promise<QuotaGrant> {
      const at = now();
      const entry = log(key);
      entry.longest = Math.max(entry.longest, longestWindow(limits));
      if (entry.pausedUntil > at) return { granted: false, waitMs: entry.pausedUntil - at };
      // Slots are kept in the order they were taken, which is nearly the order they end: drop the
      // expired ones from the front and stop at the first live one (a straggler is dropped later and,
      // meanwhile, only counted if it is inside a window).
      for (const [slot, end] of entry.slots) {
        if (end > at - entry.longest) break;
        entry.slots.delete(slot);
      }
      let waitMs = 0;
      for (const { limit, windowMs } of limits) {
        // Fewer slots in all than the limit: every window has room (a daily quota costs nothing here).
        if (entry.slots.size < limit) continue;
        const inWindow = [...entry.slots.values()].filter((end) => end > at - windowMs).sort((a, b) => a - b);
        // Room appears when the (count − limit + 1)-th oldest end leaves the window; a slot still in
        // flight ends no earlier than now, so then the wait is a lower bound.
        if (inWindow.length >= limit) waitMs = Math.max(waitMs, Math.min(inWindow[inWindow.length - limit] as number, at) + windowMs - at);
      }
      if (waitMs > 0) return { granted: false, waitMs };
      const slot = `m${++next}`;
      entry.slots.set(slot, at + leaseMs);
      return { granted: true, slot };
    },
    async settle(key, slot) {
      // Now: earlier than the lease as a rule, later when a very busy process outran the lease (then
      // the slot is counted again from its real end, even if it had been dropped).
      const slots = log(key).slots;
      slots.delete(slot);
      slots.set(slot, now());
    },
    async release(key, slot) {
      logs.get(key)?.slots.delete(slot);
    },
    async pause(key, ms) {
      const entry = log(key);
      entry.pausedUntil = Math.max(entry.pausedUntil, now() + ms);
    },
    drain(key) {
      const entry = logs.get(key);
      if (!entry) return [];
      const at = now();
      const moved = [...entry.slots].filter(([, end]) => end > at - entry.longest).map(([slot, end]) => ({ slot, endsInMs: end - at }));
      entry.slots.clear();
      return moved;
    },
    restore(key, slot, endsInMs) {
      log(key).slots.set(slot, now() + endsInMs);
    },
  };
}
