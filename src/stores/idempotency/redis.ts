import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { IDEMPOTENCY_TTL_MS, StoreUnavailableError, type Claim, type IdempotencyStore } from './index.js';

/**
 * Keys shared by every replica: one hash per key (fingerprint, running claim's token, result,
 * partial), changed only by Lua scripts so a claim is one atomic step whichever replica makes it.
 */

/** KEYS: entry. ARGV: fingerprint, token, leaseMs. */
const CLAIM = `
local e = redis.call('HMGET', KEYS[1], 'fp', 'token', 'result', 'partial')
if not e[1] then
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'token', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {'claimed'}
end
if e[1] ~= ARGV[1] then return {'mismatch'} end
if e[2] then return {'in-progress'} end
if e[4] ~= '1' then return {'replay', e[3]} end
redis.call('HSET', KEYS[1], 'token', ARGV[2])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {'claimed', e[3]}`;

/** KEYS: entry. ARGV: token, result, partial, ttlMs. Only the running claim may finish. */
const COMPLETE = `
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'token')
redis.call('HSET', KEYS[1], 'result', ARGV[2], 'partial', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** KEYS: entry. ARGV: token. */
const RELEASE = `
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
if redis.call('HEXISTS', KEYS[1], 'result') == 1 then redis.call('HDEL', KEYS[1], 'token') else redis.call('DEL', KEYS[1]) end
return 1`;

type Scripts = Redis & {
  idemClaim(key: string, fingerprint: string, token: string, leaseMs: number): Promise<[string, string?]>;
  idemComplete(key: string, token: string, result: string, partial: string, ttlMs: number): Promise<number>;
  idemRelease(key: string, token: string): Promise<number>;
};

export interface ResultCodec<R> {
  encode(result: R): string;
  decode(text: string): R;
}

export function createRedisIdempotencyStore<R>(client: Redis, codec: ResultCodec<R>, { ttlMs = IDEMPOTENCY_TTL_MS }: { ttlMs?: number } = {}): IdempotencyStore<R> {
  const redis = client as Scripts;
  if (!('idemClaim' in redis)) {
    client.defineCommand('idemClaim', { numberOfKeys: 1, lua: CLAIM });
    client.defineCommand('idemComplete', { numberOfKeys: 1, lua: COMPLETE });
    client.defineCommand('idemRelease', { numberOfKeys: 1, lua: RELEASE });
  }
  const entry = (key: string) => `idem:${key}`;
  const unavailable = (error: unknown) => new StoreUnavailableError('idempotency', { cause: error });
  return {
    async claim(key, fingerprint, leaseMs): Promise<Claim<R>> {
      const token = randomUUID();
      let answer: [string, string?];
      try {
        answer = await redis.idemClaim(entry(key), fingerprint, token, Math.ceil(leaseMs));
      } catch (error) {
        throw unavailable(error);
      }
      const [state, stored] = answer;
      if (state === 'claimed') return { state, token, kept: stored ? codec.decode(stored) : null };
      if (state === 'replay') return { state, result: codec.decode(stored ?? 'null') };
      return { state: state as 'in-progress' | 'mismatch' };
    },
    async complete(key, token, result, partial) {
      try {
        await redis.idemComplete(entry(key), token, codec.encode(result), partial ? '1' : '0', ttlMs);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async release(key, token) {
      try {
        await redis.idemRelease(entry(key), token);
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}
