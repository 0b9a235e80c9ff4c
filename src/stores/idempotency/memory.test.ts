import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from './memory.js';
import { fingerprintOf } from './fingerprint.js';

describe('idempotency store', () => {
  it('claims a new key once; the same payload replays the result, another payload is a mismatch', async () => {
    const store = createMemoryIdempotencyStore<string>();
    const print = fingerprintOf('updateUser', { id: 'a', firstName: 'Jane' });
    expect(await store.claim('k', print)).toEqual({ state: 'claimed' });
    expect(await store.claim('k', print)).toEqual({ state: 'in-progress' });
    await store.complete('k', 'done');
    expect(await store.claim('k', print)).toEqual({ state: 'replay', result: 'done' });
    expect(await store.claim('k', fingerprintOf('updateUser', { id: 'a', firstName: 'John' }))).toEqual({ state: 'mismatch' });
  });

  it('forgets a released key and a finished one after its time to live', async () => {
    let now = 0;
    const store = createMemoryIdempotencyStore<string>({ ttlMs: 1000, now: () => now });
    await store.claim('k', 'p');
    await store.release('k');
    expect(await store.claim('k', 'other')).toEqual({ state: 'claimed' });
    await store.complete('k', 'r');
    now = 999;
    expect(await store.claim('k', 'third')).toEqual({ state: 'mismatch' });
    now = 1000;
    expect(await store.claim('k', 'third')).toEqual({ state: 'claimed' });
  });

  it('fingerprints by value, not key order', () => {
    expect(fingerprintOf('op', { a: 1, b: { c: [1, 2], d: null } })).toBe(fingerprintOf('op', { b: { d: null, c: [1, 2] }, a: 1 }));
    expect(fingerprintOf('op', { a: 1 })).not.toBe(fingerprintOf('op', { a: 2 }));
    expect(fingerprintOf('op', { a: 1 })).not.toBe(fingerprintOf('other', { a: 1 }));
  });
});
