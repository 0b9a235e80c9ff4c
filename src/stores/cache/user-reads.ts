import { Counter, type Registry } from 'prom-client';
import { loadUsers } from '../../connectors/fan-out.js';
import type { CanonicalUser, UserConnector, UserSlot, VendorId } from '../../connectors/types.js';
import { UpstreamError } from '../../errors.js';
import { remainingMs, sleep } from '../../resilience/deadline.js';
import { decodeJson, encodeJson } from '../json.js';
import type { CacheStore } from './index.js';

/**
 * Reads of accounts by id, for every request of the process: the User loader's batch function.
 *
 * - **Coalescing** (always on): a load of an account that another request is already making joins
 *   it. A write that answered starts a new generation of the account in this process, and a load is
 *   only joined by requests of its own generation, so a read started before a write answered is never
 *   handed to a request that started after it.
 * - **Entity cache** (`CACHE_TTL_MS` > 0): accounts are read through the cache; with Redis every
 *   replica shares it, and one replica loads a missing account while the others wait for it to land.
 *   What is stored is the canonical account, whose `raw` already has secrets removed and is guarded
 *   by the `users:raw` scope when read, as it is without a cache.
 * - **Fresh reads** (`Cache-Control: no-cache`, and every read a write makes): the cache is not
 *   consulted and no older load is joined; the answer still refreshes the cache.
 *
 * The cache is an optimisation: when its store fails, reads go to the vendors.
 */
export interface UserReads {
  /** One slot per key (`vendor:vendorUserId`), in key order. */
  load(keys: readonly string[], signal: AbortSignal, options?: { fresh?: boolean }): Promise<UserSlot[]>;
  /** Writes to these accounts answered (or may have): drop them everywhere before the mutation answers. */
  invalidate(keys: readonly string[]): Promise<void>;
}

export interface UserReadsOptions {
  connectors: Readonly<Partial<Record<VendorId, UserConnector>>>;
  /** Null: no entity cache (coalescing only). */
  cache: CacheStore | null;
  /** How long a cached account serves. */
  ttlMs: number;
  /** Where the cache counters are registered (the gateway's `/metrics`). */
  registry?: Registry;
  /**
   * The longest one replica may hold the right to load an account for the others; it holds it for its
   * request's remaining deadline (a load can wait that long for a quota slot), at most this. @default 30000
   */
  lockMs?: number;
  /** How often a replica waiting for another's load looks at the cache. @default 25 */
  pollMs?: number;
}

interface Deferred {
  promise: Promise<UserSlot>;
  resolve(slot: UserSlot): void;
}

function deferred(): Deferred {
  let resolve!: (slot: UserSlot) => void;
  const promise = new Promise<UserSlot>((done) => (resolve = done));
  return { promise, resolve };
}

export function createUserReads({ connectors, cache, ttlMs, registry, lockMs = 30_000, pollMs = 25 }: UserReadsOptions): UserReads {
  const registers = registry ? [registry] : [];
  const hits = new Counter({ name: 'switchboard_entity_cache_hits_total', help: 'Account reads answered from the entity cache.', labelNames: ['vendor'], registers });
  const misses = new Counter({ name: 'switchboard_entity_cache_misses_total', help: 'Account reads the entity cache could not answer (fresh reads included).', labelNames: ['vendor'], registers });
  const invalidations = new Counter({ name: 'switchboard_entity_cache_invalidations_total', help: 'Accounts dropped from the entity cache because a write answered.', labelNames: ['vendor'], registers });
  const coalesced = new Counter({ name: 'switchboard_coalesced_reads_total', help: 'Account reads that joined a load another request was already making.', labelNames: ['vendor'], registers });
  const vendorOf = (key: string) => key.slice(0, key.indexOf(':'));

  const inflight = new Map<string, { generation: number; result: Promise<UserSlot> }>();
  const generations = new Map<string, number>();
  const generation = (key: string) => generations.get(key) ?? 0;
  /** Invalidations Redis missed while away: sent again before the cache is read again. */
  const missedInvalidations = new Set<string>();

  async function cacheUsable(): Promise<boolean> {
    if (!cache) return false;
    if (missedInvalidations.size === 0) return true;
    try {
      for (const key of [...missedInvalidations]) {
        await cache.invalidate(key);
        missedInvalidations.delete(key);
      }
      return true;
    } catch {
      return false;
    }
  }

  /** The loads this request makes itself: cache, then (with a shared cache) one loader per account across replicas, then the vendors. */
  async function run(keys: readonly string[], signal: AbortSignal, fresh: boolean): Promise<Map<string, UserSlot>> {
    const results = new Map<string, UserSlot>();
    const started = new Map(keys.map((key) => [key, generation(key)]));
    const seen = new Map<string, string>();
    const usable = await cacheUsable();
    let toLoad = [...keys];
    let waitFor: string[] = [];
    const locked: string[] = [];
    const holdMs = Math.min(lockMs, remainingMs(signal)) + 1000;
    /**
     * Takes the right to load these accounts for every replica; returns those this request must load.
     * After the lock the cache is read again: another replica may have stored the account and let go
     * of its lock between our miss and our lock.
     */
    const claim = async (candidates: readonly string[]): Promise<string[]> => {
      if (!cache || candidates.length === 0) return [];
      const granted = await Promise.all(candidates.map((key) => cache.lock(key, holdMs).catch(() => true)));
      const mine = candidates.filter((_, i) => granted[i]);
      locked.push(...mine);
      if (mine.length === 0) return [];
      const again = await cache.get(mine);
      mine.forEach((key, i) => {
        const value = again[i]?.value ?? null;
        if (value !== null) results.set(key, decodeJson(value) as CanonicalUser);
      });
      return mine.filter((key) => !results.has(key));
    };
    if (cache && usable) {
      try {
        // A fresh read needs only the generations (to store what it reads), not the cached accounts.
        const got = fresh ? (await cache.generations(keys)).map((generation) => ({ value: null, generation })) : await cache.get(keys);
        keys.forEach((key, i) => {
          const { value, generation: current } = got[i] as { value: string | null; generation: string };
          seen.set(key, current);
          if (!fresh && value !== null) {
            results.set(key, decodeJson(value) as CanonicalUser);
            hits.inc({ vendor: vendorOf(key) });
          } else misses.inc({ vendor: vendorOf(key) });
        });
        toLoad = keys.filter((key) => !results.has(key));
        if (!fresh && toLoad.length > 0) {
          const claimed = await claim(toLoad);
          waitFor = toLoad.filter((key) => !claimed.includes(key) && !results.has(key));
          toLoad = claimed;
        }
      } catch {
        // The cache store is away: every account goes to its vendor.
        toLoad = keys.filter((key) => !results.has(key));
        seen.clear();
      }
    }
    const store = (key: string, slot: UserSlot) => {
      results.set(key, slot);
      const current = seen.get(key);
      if (!cache || current === undefined || slot instanceof Error || generation(key) !== started.get(key)) return;
      void cache.set(key, encodeJson(slot), current, ttlMs).catch(() => {});
    };
    const loadNow = async (batch: readonly string[]) => {
      if (batch.length === 0) return;
      const slots = await loadUsers(batch, connectors, signal);
      batch.forEach((key, i) => store(key, slots[i] as UserSlot));
    };
    /** Another replica loads these: wait for its result in the cache, or take over when it gave up. */
    const awaitOthers = async () => {
      let pending = waitFor;
      while (pending.length > 0 && cache) {
        if (remainingMs(signal) <= pollMs * 4) break;
        await sleep(pollMs, signal).catch(() => {});
        try {
          const got = await cache.get(pending);
          pending.forEach((key, i) => {
            const value = got[i]?.value ?? null;
            if (value !== null) results.set(key, decodeJson(value) as CanonicalUser);
          });
          pending = pending.filter((key) => !results.has(key));
          const mine = await claim(pending);
          pending = pending.filter((key) => !mine.includes(key) && !results.has(key));
          await loadNow(mine);
        } catch {
          break;
        }
      }
      await loadNow(pending);
    };
    try {
      await Promise.all([loadNow(toLoad), awaitOthers()]);
    } finally {
      if (cache && locked.length > 0) void Promise.all(locked.map((key) => cache.unlock(key))).catch(() => {});
    }
    return results;
  }

  return {
    async load(keys, signal, { fresh = false } = {}) {
      const slots: Promise<UserSlot>[] = [];
      const own = new Map<string, Deferred>();
      for (const key of keys) {
        const joined = fresh ? undefined : inflight.get(key);
        if (joined && joined.generation === generation(key)) {
          coalesced.inc({ vendor: vendorOf(key) });
          slots.push(joined.result.then((slot) => (isCancelled(slot) && !signal.aborted ? loadOne(key, signal, fresh) : slot)));
          continue;
        }
        let mine = own.get(key);
        if (!mine) {
          mine = deferred();
          own.set(key, mine);
          const entry = { generation: generation(key), result: mine.promise };
          inflight.set(key, entry);
          void mine.promise.then(() => {
            if (inflight.get(key) === entry) inflight.delete(key);
          });
        }
        slots.push(mine.promise);
      }
      if (own.size > 0) {
        run([...own.keys()], signal, fresh).then(
          (results) => own.forEach((slot, key) => slot.resolve(results.get(key) ?? new Error(`no result for ${key}`))),
          (error: unknown) => own.forEach((slot) => slot.resolve(error instanceof Error ? error : new Error(String(error)))),
        );
      }
      return Promise.all(slots);
    },
    async invalidate(keys) {
      for (const key of keys) {
        generations.set(key, generation(key) + 1);
        inflight.delete(key);
      }
      if (!cache) return;
      // The vendors' list snapshots, on every replica, are read again after a write (src/stores/cache/directory.ts).
      const snapshots = [...new Set(keys.map((key) => directoryKey(vendorOf(key))))];
      await Promise.all(
        [...keys, ...snapshots].map(async (key) => {
          if (!snapshots.includes(key)) invalidations.inc({ vendor: vendorOf(key) });
          try {
            await cache.invalidate(key);
          } catch {
            missedInvalidations.add(key);
          }
        }),
      );
    },
  };

  async function loadOne(key: string, signal: AbortSignal, fresh: boolean): Promise<UserSlot> {
    const [slot] = await createLoad([key], signal, fresh);
    return slot as UserSlot;
  }

  function createLoad(keys: readonly string[], signal: AbortSignal, fresh: boolean): Promise<UserSlot[]> {
    return run(keys, signal, fresh).then((results) => keys.map((key) => results.get(key) as UserSlot));
  }
}

/** The cache key of a vendor's list snapshot (no account key has this shape: vendors are lower-case). */
export function directoryKey(vendor: string): string {
  return `directory:${vendor}`;
}

/** A load its first requester gave up on (client gone, deadline): another requester makes its own. */
function isCancelled(slot: UserSlot): boolean {
  return slot instanceof UpstreamError && slot.cancelled;
}
