import type { QuotaLimit } from '../../resilience/quota.js';
import { longestWindow, type QuotaGrant, type QuotaStore } from './index.js';
import type { MemoryQuotaStore } from './memory.js';
import type { RedisQuotaStore } from './redis.js';

/**
 * The shared (Redis) quota while it answers; while it does not, this replica's share of each limit
 * (`limit ÷ replicas`, at least 1) in memory, so replicas together stay within the vendor's limit
 * without talking to each other. Slot ids say which store holds them, so a call that started on one
 * side settles there. When Redis is back, the slots this replica took locally that are still inside a
 * window move into the shared log first, so the calls of the outage still count.
 */
export function createFailoverQuotaStore({ shared, local, isUp, replicas }: { shared: RedisQuotaStore; local: MemoryQuotaStore; isUp: () => boolean; replicas: number }): QuotaStore {
  /** Keys with slots in the local log. */
  const localKeys = new Set<string>();
  const share = (limits: readonly QuotaLimit[]) => limits.map(({ limit, windowMs }) => ({ limit: Math.max(1, Math.floor(limit / replicas)), windowMs }));
  const tag = (prefix: string, grant: QuotaGrant): QuotaGrant => (grant.granted ? { granted: true, slot: `${prefix}${grant.slot}` } : grant);
  const route = (slot: string): [QuotaStore, string] => (slot.startsWith('s:') ? [shared, slot.slice(2)] : [local, slot.slice(2)]);
  const quietly = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch {
      // The shared slot's lease ends it anyway; a store that is away must not fail the call.
    }
  };
  return {
    async acquire(key, limits, leaseMs) {
      if (isUp()) {
        try {
          if (localKeys.has(key)) {
            const moved = local.drain(key);
            try {
              await shared.adopt(key, moved, longestWindow(limits));
            } catch (error) {
              // Not moved: keep them counted locally, and stay local for now.
              for (const { slot, endsInMs } of moved) local.restore(key, slot, endsInMs);
              throw error;
            }
            localKeys.delete(key);
          }
          return tag('s:', await shared.acquire(key, limits, leaseMs));
        } catch {
          // Redis went away between the check and the call: this one takes a local share.
        }
      }
      localKeys.add(key);
      return tag('l:', await local.acquire(key, share(limits), leaseMs));
    },
    settle: (key, slot) => quietly(() => route(slot)[0].settle(key, route(slot)[1])),
    release: (key, slot) => quietly(() => route(slot)[0].release(key, route(slot)[1])),
    async pause(key, ms) {
      await local.pause(key, ms);
      if (isUp()) await quietly(() => shared.pause(key, ms));
    },
  };
}
