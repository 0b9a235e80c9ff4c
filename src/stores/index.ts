import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { UpdateResult } from '../update-results.js';
import { createMemoryCacheStore } from './cache/memory.js';
import { createRedisCacheStore } from './cache/redis.js';
import type { CacheStore } from './cache/index.js';
import { createMemoryIdempotencyStore } from './idempotency/memory.js';
import { createRedisIdempotencyStore } from './idempotency/redis.js';
import { StoreUnavailableError, type IdempotencyStore } from './idempotency/index.js';
import { updateResultsCodec } from './idempotency/results-codec.js';
import { createFailoverQuotaStore } from './quota/failover.js';
import { createMemoryQuotaStore } from './quota/memory.js';
import { createRedisQuotaStore } from './quota/redis.js';
import type { QuotaStore } from './quota/index.js';
import type { StoreState } from './redis.js';

/**
 * The shared state of a gateway, chosen once from configuration: in memory (the default: one
 * process, `npm start` needs nothing) or in Redis (`REDIS_URL`: every replica shares it).
 *
 * | state        | memory              | Redis                         | Redis away                                   |
 * |--------------|---------------------|-------------------------------|----------------------------------------------|
 * | quota        | this process        | all replicas, Lua-atomic      | this replica's share, `limit ÷ REPLICAS`      |
 * | idempotency  | this process        | all replicas, Lua-atomic      | keyed writes refused (nothing written)        |
 * | entity cache | this process (opt.) | all replicas (opt.)           | reads go to the vendors                       |
 */
export interface StoreSettings {
  /** `redis://` or `rediss://`; null: in memory. */
  redisUrl: string | null;
  /** Put before every Redis key, so deployments can share one Redis. */
  keyPrefix: string;
  /** How many replicas share the vendors: each takes `limit ÷ replicas` while Redis is away. */
  replicas: number;
  /** Entity cache time to live; 0: no cache. */
  cacheTtlMs: number;
}

export interface Stores {
  readonly quota: QuotaStore;
  readonly idempotency: IdempotencyStore<UpdateResult | UpdateResult[]>;
  /** Null when the entity cache is off. */
  readonly cache: CacheStore | null;
  /** MEMORY, or whether Redis answers now. */
  state(): StoreState;
  close(): Promise<void>;
}

export async function createStores(settings: StoreSettings, { logger, registry }: { logger?: Logger; registry?: Registry } = {}): Promise<Stores> {
  if (settings.redisUrl === null) {
    return {
      quota: createMemoryQuotaStore(),
      idempotency: createMemoryIdempotencyStore(),
      cache: settings.cacheTtlMs > 0 ? createMemoryCacheStore() : null,
      state: () => 'MEMORY',
      close: async () => {},
    };
  }
  // Loaded only when configured: a process without Redis need not hold its client in memory.
  const { connectRedis } = await import('./redis.js');
  const up = registry ? new Gauge({ name: 'switchboard_store_up', help: 'Whether the shared store (Redis) answers: 1 yes, 0 no.', registers: [registry] }) : null;
  up?.set(0);
  const connection = connectRedis({
    url: settings.redisUrl,
    keyPrefix: settings.keyPrefix,
    onStateChange: (isUp, error) => {
      up?.set(isUp ? 1 : 0);
      if (isUp) logger?.info('shared store (Redis) connected');
      // The message only: a Redis URL may hold a password.
      else logger?.warn({ reason: error?.message }, 'shared store (Redis) unreachable: local quota shares, no cache, keyed writes refused');
    },
  });
  const idempotency = createRedisIdempotencyStore(connection.client, updateResultsCodec);
  return {
    quota: createFailoverQuotaStore({ shared: createRedisQuotaStore(connection.client), local: createMemoryQuotaStore(), isUp: connection.isUp, replicas: settings.replicas }),
    idempotency: {
      // Fail at once while down, rather than after a command timeout.
      claim: (key, fingerprint, leaseMs) => (connection.isUp() ? idempotency.claim(key, fingerprint, leaseMs) : Promise.reject(new StoreUnavailableError('idempotency'))),
      complete: (key, token, result, partial) => idempotency.complete(key, token, result, partial),
      release: (key, token) => idempotency.release(key, token),
    },
    cache: settings.cacheTtlMs > 0 ? guarded(createRedisCacheStore(connection.client), connection.isUp) : null,
    state: () => (connection.isUp() ? 'REDIS_UP' : 'REDIS_DOWN'),
    close: () => connection.close(),
  };
}

/** Cache calls fail at once while Redis is away (callers then read from the vendors). */
function guarded(cache: CacheStore, isUp: () => boolean): CacheStore {
  const check = () => {
    if (!isUp()) throw new StoreUnavailableError('cache');
  };
  return {
    get: async (keys) => (check(), cache.get(keys)),
    generations: async (keys) => (check(), cache.generations(keys)),
    set: async (key, value, generation, ttlMs) => (check(), cache.set(key, value, generation, ttlMs)),
    invalidate: async (key) => (check(), cache.invalidate(key)),
    lock: async (key, ms) => (check(), cache.lock(key, ms)),
    unlock: async (key) => (check(), cache.unlock(key)),
  };
}

export type { StoreState } from './redis.js';
