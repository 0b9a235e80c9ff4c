/**
 * The floors' shared reads (bench/peers/kit.ts, `createSharedReads`): what a floor must do so that
 * Switchboard, which shares reads, cannot beat it, and nothing that would change an answer.
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalUser } from '../src/connectors/types.js';
import { createSharedReads, type PeerVendors } from './peers/kit.js';

/** A Rinkel whose reads answer when the test says: each call is logged with a way to answer it. */
function fakeVendors() {
  const calls: { id: string; answer: (firstName: string) => void }[] = [];
  const vendors = {
    rinkel: {
      getUser: (id: string) =>
        new Promise<CanonicalUser>((resolve) => calls.push({ id, answer: (firstName) => resolve({ vendor: 'rinkel', vendorUserId: id, firstName } as CanonicalUser) })),
    },
  } as unknown as PeerVendors;
  return { vendors, calls };
}
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('createSharedReads', () => {
  it('joins reads of one account while one is in flight, and keeps nothing after it without a ttl', async () => {
    const { vendors, calls } = fakeVendors();
    const shared = createSharedReads(vendors);
    const [a, b] = [shared.read('rinkel', 'x'), shared.read('rinkel', 'x')];
    expect(calls.map((call) => call.id)).toEqual(['x']);
    calls[0]!.answer('Ann');
    expect((await a).firstName).toBe('Ann');
    expect(await b).toBe(await a);
    await settled();
    void shared.read('rinkel', 'x');
    expect(calls).toHaveLength(2);
  });

  it('with a ttl, answers from memory after the read, until a write forgets the account', async () => {
    const { vendors, calls } = fakeVendors();
    const shared = createSharedReads(vendors, { ttlMs: 60_000 });
    const first = shared.read('rinkel', 'x');
    calls[0]!.answer('Ann');
    await first;
    await settled();
    expect((await shared.read('rinkel', 'x')).firstName).toBe('Ann');
    expect(calls).toHaveLength(1);
    shared.forget('rinkel', 'x');
    void shared.read('rinkel', 'x');
    expect(calls).toHaveLength(2);
  });

  it('keeps no read that began before a write, and that read does not drop the newer one in flight', async () => {
    const { vendors, calls } = fakeVendors();
    const shared = createSharedReads(vendors, { ttlMs: 60_000 });
    const before = shared.read('rinkel', 'x');
    shared.forget('rinkel', 'x');
    const after = shared.read('rinkel', 'x');
    expect(calls).toHaveLength(2);
    calls[0]!.answer('Old');
    await before;
    await settled();
    // The newer read is still the one joined, and the old answer was not kept.
    const joined = shared.read('rinkel', 'x');
    expect(calls).toHaveLength(2);
    calls[1]!.answer('New');
    expect((await after).firstName).toBe('New');
    expect((await joined).firstName).toBe('New');
    await settled();
    expect((await shared.read('rinkel', 'x')).firstName).toBe('New');
    expect(calls).toHaveLength(2);
  });
});
