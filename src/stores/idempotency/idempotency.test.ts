import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, RateLimitedError, ValidationError, VendorError, type UpdateResult } from '../../update-results.js';
import { startTestRedis, type TestRedis } from '../testing.js';
import { fingerprintOf } from './fingerprint.js';
import type { IdempotencyStore } from './index.js';
import { createMemoryIdempotencyStore } from './memory.js';
import { createRedisIdempotencyStore } from './redis.js';
import { updateResultsCodec } from './results-codec.js';

let redis: TestRedis;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis.stop();
});

const textCodec = { encode: (value: string) => value, decode: (text: string) => text };

/** Two handles on one store: the same process twice, or two replicas on one Redis. */
const backends: [string, (ttlMs?: number) => [IdempotencyStore<string>, IdempotencyStore<string>]][] = [
  ['memory', (ttlMs) => {
    const store = createMemoryIdempotencyStore<string>(ttlMs === undefined ? {} : { ttlMs });
    return [store, store];
  }],
  ['redis', (ttlMs) => {
    const keyPrefix = `t${Math.random().toString(36).slice(2)}:`;
    const [a, b] = [new Redis(redis.url, { keyPrefix, maxRetriesPerRequest: 0 }), new Redis(redis.url, { keyPrefix, maxRetriesPerRequest: 0 })];
    clients.push(a, b);
    const options = ttlMs === undefined ? {} : { ttlMs };
    return [createRedisIdempotencyStore(a, textCodec, options), createRedisIdempotencyStore(b, textCodec, options)];
  }],
];

describe.each(backends)('idempotency store (%s)', (_, make) => {
  it('lets exactly one of many concurrent claims win; the others see it running, then its result', async () => {
    const [a, b] = make();
    const print = fingerprintOf('updateUser', { id: 'a', firstName: 'Jane' });
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('k', print, 10_000)));
    const winners = claims.filter((claim) => claim.state === 'claimed');
    expect(winners).toHaveLength(1);
    expect(claims.filter((claim) => claim.state === 'in-progress')).toHaveLength(19);
    const winner = winners[0] as { token: string };
    await a.complete('k', winner.token, 'done', false);
    expect(await b.claim('k', print, 10_000)).toEqual({ state: 'replay', result: 'done' });
    expect(await b.claim('k', fingerprintOf('updateUser', { id: 'a', firstName: 'John' }), 10_000)).toEqual({ state: 'mismatch' });
  });

  it('hands a partial result to the next claim, which completes it; a released claim is forgotten', async () => {
    const [a, b] = make();
    const first = await a.claim('k', 'p', 10_000);
    if (first.state !== 'claimed') throw new Error('expected a claim');
    expect(first.kept).toBeNull();
    await a.complete('k', first.token, 'written part', true);
    const second = await b.claim('k', 'p', 10_000);
    expect(second).toMatchObject({ state: 'claimed', kept: 'written part' });
    expect(await a.claim('k', 'p', 10_000)).toEqual({ state: 'in-progress' });
    // A stale token (a claim that lost its lease) changes nothing.
    await a.complete('k', first.token, 'stale', false);
    await b.release('k', (second as { token: string }).token);
    expect(await a.claim('k', 'p', 10_000)).toMatchObject({ state: 'claimed', kept: 'written part' });

    const lone = await a.claim('gone', 'p', 10_000);
    await b.release('gone', (lone as { token: string }).token);
    expect(await b.claim('gone', 'other input', 10_000)).toMatchObject({ state: 'claimed', kept: null });
  });

  it('forgets a finished key after its time to live, and a claim whose holder died after its lease', async () => {
    const [a, b] = make(150);
    const claim = await a.claim('k', 'p', 10_000);
    await a.complete('k', (claim as { token: string }).token, 'r', false);
    expect(await b.claim('k', 'other', 10_000)).toEqual({ state: 'mismatch' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await b.claim('k', 'other', 10_000)).toMatchObject({ state: 'claimed' });
    await a.claim('dead', 'p', 100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await b.claim('dead', 'p', 10_000)).toMatchObject({ state: 'claimed' });
  });
});

describe('idempotency keys', () => {
  it('fingerprints by value, not key order', () => {
    expect(fingerprintOf('op', { a: 1, b: { c: [1, 2], d: null } })).toBe(fingerprintOf('op', { b: { d: null, c: [1, 2] }, a: 1 }));
    expect(fingerprintOf('op', { a: 1 })).not.toBe(fingerprintOf('op', { a: 2 }));
    expect(fingerprintOf('op', { a: 1 })).not.toBe(fingerprintOf('other', { a: 1 }));
  });

  it('stores every kind of result and reads it back as the same class, dates included', () => {
    const user = { vendor: 'rinkel', vendorUserId: 'u1', createdAt: new Date('2024-01-02T03:04:05.000Z'), updatedAt: null, raw: { a: 1 }, details: { vendor: 'rinkel' } };
    const results = [
      { user, changes: [{ field: 'firstName', before: 'A', after: 'B' }], skippedFields: ['x'], dryRun: false },
      new ValidationError('bad', [{ field: 'f', reason: 'r', acceptedValues: ['a'] }]),
      new NotFoundError('none', 'u2'),
      new RateLimitedError('dialpad', 3),
      new VendorError('down', 'imichat', 503, true, 'UNKNOWN', 'VENDOR_UNAVAILABLE'),
    ] as unknown as UpdateResult[];
    const back = updateResultsCodec.decode(updateResultsCodec.encode(results)) as UpdateResult[];
    expect(back).toEqual(results);
    expect(back.map((result) => result.constructor.name)).toEqual(['Object', 'ValidationError', 'NotFoundError', 'RateLimitedError', 'VendorError']);
    expect((back[0] as { user: { createdAt: Date } }).user.createdAt).toBeInstanceOf(Date);
    expect((back[4] as VendorError).outcome).toBe('UNKNOWN');
    const one = updateResultsCodec.decode(updateResultsCodec.encode(results[3] as UpdateResult));
    expect(one).toBeInstanceOf(RateLimitedError);
  });
});
