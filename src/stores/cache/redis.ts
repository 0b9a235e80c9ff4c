import type { Redis } from 'ioredis';
import type { CacheStore } from './index.js';

/** The cache every replica shares: `cache:{key}` holds the account, `cache:{key}:gen` its generation. */

/** KEYS: value, generation. ARGV: text, generation, ttlMs. */
const SET_IF_GENERATION = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

/** KEYS: value, generation. A generation outlives any value it guards by a day. */
const INVALIDATE = `
redis.call('DEL', KEYS[1])
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 86400000)
return 1`;

type Scripts = Redis & {
  cacheSet(value: string, generation: string, text: string, generationSeen: string, ttlMs: number): Promise<number>;
  cacheInvalidate(value: string, generation: string): Promise<number>;
};

export function createRedisCacheStore(client: Redis): CacheStore {
  const redis = client as Scripts;
  if (!('cacheSet' in redis)) {
    client.defineCommand('cacheSet', { numberOfKeys: 2, lua: SET_IF_GENERATION });
    client.defineCommand('cacheInvalidate', { numberOfKeys: 2, lua: INVALIDATE });
  }
  const valueKey = (key: string) => `cache:{${key}}`;
  const generationKey = (key: string) => `cache:{${key}}:gen`;
  const lockKey = (key: string) => `cache:{${key}}:load`;
  return {
    async get(keys) {
      if (keys.length === 0) return [];
      const answers = await client.mget(...keys.flatMap((key) => [valueKey(key), generationKey(key)]));
      return keys.map((_, i) => ({ value: answers[2 * i] ?? null, generation: answers[2 * i + 1] ?? '0' }));
    },
    async generations(keys) {
      if (keys.length === 0) return [];
      return (await client.mget(...keys.map(generationKey))).map((generation) => generation ?? '0');
    },
    async set(key, value, generation, ttlMs) {
      await redis.cacheSet(valueKey(key), generationKey(key), value, generation, Math.ceil(ttlMs));
    },
    async invalidate(key) {
      await redis.cacheInvalidate(valueKey(key), generationKey(key));
    },
    async lock(key, ms) {
      return (await client.set(lockKey(key), '1', 'PX', Math.ceil(ms), 'NX')) === 'OK';
    },
    async unlock(key) {
      await client.del(lockKey(key));
    },
  };
}
