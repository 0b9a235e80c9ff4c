import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { QuotaLimit } from '../../resilience/quota.js';
import { longestWindow, type QuotaGrant, type QuotaStore } from './index.js';

/**
 * The quota log shared by every replica: a sorted set per key (slot id → end time), changed only by
 * Lua scripts, so check-and-take is one atomic step across replicas. Times are Redis's own clock
 * (`TIME`), so replicas whose clocks disagree still agree on the log.
 */

const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS: log, pause. ARGV: leaseMs, slot, then limit, windowMs pairs. Returns {1, 0} or {0, waitMs}. */
const ACQUIRE = `${NOW}
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused} end
local longest = 0
for i = 3, #ARGV, 2 do local w = tonumber(ARGV[i + 1]) if w > longest then longest = w end end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
for i = 3, #ARGV, 2 do
  local limit = tonumber(ARGV[i])
  local w = tonumber(ARGV[i + 1])
  local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - w), '+inf')
  if count >= limit then
    local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - w), '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
    -- A slot still in flight ends no earlier than now: the wait is a lower bound, ask again soon.
    local until_free = math.ceil(math.min(tonumber(oldest[2]), now) + w - now)
    if until_free > wait then wait = until_free end
  end
end
if wait > 0 then return {0, wait} end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], longest + tonumber(ARGV[1]) + 1000)
return {1, 0}`;

/**
 * KEYS: log. ARGV: slot, longest window. The slot ends now: earlier than its lease as a rule, later
 * when a very busy process outran the lease (then it is counted again, from its real end).
 */
const SETTLE = `${NOW}
redis.call('ZADD', KEYS[1], now, ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

/** KEYS: log. ARGV: longest window, then slot, endsInMs pairs. Slots counted elsewhere until now join the log. */
const ADOPT = `${NOW}
for i = 2, #ARGV, 2 do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[i + 1]), ARGV[i]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1`;

/** KEYS: pause. ARGV: ms. Only ever lengthens a pause. */
const PAUSE = `if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end return 1`;

type Scripts = Redis & {
  quotaAcquire(log: string, pause: string, ...args: (string | number)[]): Promise<[number, number]>;
  quotaSettle(log: string, slot: string, longestMs: number): Promise<number>;
  quotaPause(pause: string, ms: number): Promise<number>;
  quotaAdopt(log: string, ...args: (string | number)[]): Promise<number>;
};

export interface RedisQuotaStore extends QuotaStore {
  /** Counts slots taken elsewhere (this replica's local share while Redis was away) in the shared log. */
  adopt(key: string, slots: readonly { slot: string; endsInMs: number }[], longestMs: number): Promise<void>;
}

export function createRedisQuotaStore(client: Redis): RedisQuotaStore {
  const redis = client as Scripts;
  if (!('quotaAcquire' in redis)) {
    client.defineCommand('quotaAcquire', { numberOfKeys: 2, lua: ACQUIRE });
    client.defineCommand('quotaSettle', { numberOfKeys: 1, lua: SETTLE });
    client.defineCommand('quotaPause', { numberOfKeys: 1, lua: PAUSE });
    client.defineCommand('quotaAdopt', { numberOfKeys: 1, lua: ADOPT });
  }
  // Hash tags keep a key's log and pause in one slot, should the Redis be a cluster.
  const logKey = (key: string) => `quota:{${key}}:log`;
  const pauseKey = (key: string) => `quota:{${key}}:pause`;
  /** Each key's longest window, from its acquires: how long a settled slot must stay. */
  const longest = new Map<string, number>();
  return {
    async acquire(key, limits: readonly QuotaLimit[], leaseMs): Promise<QuotaGrant> {
      if (longestWindow(limits) === 0) return { granted: true, slot: '' };
      longest.set(key, longestWindow(limits));
      const slot = randomUUID();
      const [granted, waitMs] = await redis.quotaAcquire(logKey(key), pauseKey(key), Math.ceil(leaseMs), slot, ...limits.flatMap(({ limit, windowMs }) => [limit, windowMs]));
      return granted === 1 ? { granted: true, slot } : { granted: false, waitMs: Number(waitMs) };
    },
    async settle(key, slot) {
      if (slot !== '') await redis.quotaSettle(logKey(key), slot, (longest.get(key) ?? 0) + 1000);
    },
    async release(key, slot) {
      if (slot !== '') await client.zrem(logKey(key), slot);
    },
    async pause(key, ms) {
      await redis.quotaPause(pauseKey(key), Math.ceil(ms));
    },
    async adopt(key, slots, longestMs) {
      if (slots.length === 0) return;
      await redis.quotaAdopt(logKey(key), Math.ceil(longestMs) + 60_000, ...slots.flatMap(({ slot, endsInMs }) => [`adopted:${slot}:${randomUUID()}`, Math.ceil(endsInMs)]));
    },
  };
}
