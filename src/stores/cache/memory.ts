import type { CacheStore } from './index.js';

/** The cache of one process (`CACHE_TTL_MS` without `REDIS_URL`). Loads of one process are coalesced before they get here, so `lock` always grants. */
export function createMemoryCacheStore({ now = Date.now, maxEntries = 100_000 }: { now?: () => number; maxEntries?: number } = {}): CacheStore {
  const values = new Map<string, { value: string; expiresAt: number }>();
  const generations = new Map<string, number>();
  return {
    async get(keys) {
      const at = now();
      return keys.map((key) => {
        const entry = values.get(key);
        if (entry && entry.expiresAt <= at) values.delete(key);
        return { value: entry && entry.expiresAt > at ? entry.value : null, generation: String(generations.get(key) ?? 0) };
      });
    },
    generations: async (keys) => keys.map((key) => String(generations.get(key) ?? 0)),
    async set(key, value, generation, ttlMs) {
      if (String(generations.get(key) ?? 0) !== generation) return;
      // Oldest first out when full: Map keeps insertion order.
      if (values.size >= maxEntries) values.delete(values.keys().next().value as string);
      values.delete(key);
      values.set(key, { value, expiresAt: now() + ttlMs });
    },
    async invalidate(key) {
      values.delete(key);
      generations.set(key, (generations.get(key) ?? 0) + 1);
    },
    lock: async () => true,
    unlock: async () => {},
  };
}
