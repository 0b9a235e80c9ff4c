/**
 * The answer check, with two local node:http servers standing in for two REST peers (the floor's
 * routes over hand-made data). Read workloads only: they need no state on the fake peers.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { checkAnswers, type RunningPeer } from './check.js';
import { parseUserId } from './peers/kit.js';
import { closeServers, serve } from './testing.js';
import { WORKLOADS, type Account, type BenchData } from './workloads.js';

const account = (vendor: VendorId, index: number): Account => ({ vendor, vendorUserId: `${vendor.slice(0, 2)}-${index}` });
// Five accounts per vendor: `users-20-per-vendor` then reads all twenty, so every account is in it.
const data: BenchData = {
  accounts: Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, Array.from({ length: 5 }, (_, i) => account(vendor, i))])) as Record<VendorId, Account[]>,
  peopleInFour: [{ email: 'alice@example.com', accounts: VENDOR_IDS.map((vendor) => account(vendor, 0)) }],
  peopleInThree: [{ email: 'carol@example.com', accounts: [account('rinkel', 1), account('dialpad', 1), account('commpeak', 1)] }],
};
// The four read shapes; hot-set and dialpad-reads are one-user's shape drawn another way.
const READS = WORKLOADS.filter((workload) => !workload.writes && workload.name !== 'hot-set' && workload.name !== 'dialpad-reads');
const ODD_ONE = 'ri-0';

afterEach(closeServers);

/** A fake floor: `GET /users/:id` and `POST /users/lookup`, users made from their ids. */
async function fakeFloor(user: (vendor: VendorId, vendorUserId: string) => Record<string, unknown>, status = 200): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const find = (id: string) => {
    const key = parseUserId(id);
    const exists = key && data.accounts[key.vendor].some((a) => a.vendorUserId === key.vendorUserId);
    return key && exists ? { id, ...user(key.vendor, key.vendorUserId) } : null;
  };
  const reply = (res: ServerResponse, code: number, body: unknown) => {
    res.writeHead(status === 200 ? code : status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const { url } = await serve(({ method, path, body }, res) => {
    seen.push(`${method} ${path} ${body}`);
    if (method === 'GET' && path.startsWith('/users/')) {
      const found = find(decodeURIComponent(path.slice('/users/'.length)));
      return found ? reply(res, 200, found) : reply(res, 404, { message: 'no such user' });
    }
    if (method === 'POST' && path === '/users/lookup') return reply(res, 200, (JSON.parse(body) as { ids: string[] }).ids.map(find));
    reply(res, 404, { message: 'no such route' });
  });
  return { url, seen };
}

const canonical = (vendor: VendorId, vendorUserId: string) => ({ vendor: vendor.toUpperCase(), vendorUserId, firstName: 'Ada', lastName: `L-${vendorUserId}`, status: 'ACTIVE' });
const restPeer = (name: string, url: string): RunningPeer => ({ peer: { name, title: name, kind: 'rest', entry: '' }, url });

describe('checkAnswers', () => {
  it('passes when both peers answer every request identically, and sends both the same requests', async () => {
    const a = await fakeFloor(canonical);
    const b = await fakeFloor(canonical);
    const result = await checkAnswers([restPeer('a', a.url), restPeer('b', b.url)], READS, data, { requests: 16, seed: 3 });
    expect(result).toMatchObject({ requests: 16, identical: 16, mismatches: [], passed: true });
    expect(Object.keys(result.answerMs).sort()).toEqual(['a', 'b']);
    expect(Object.keys(result.answerMs.a ?? {}).sort()).toEqual(READS.map((w) => w.name).sort());
    expect(a.seen).toHaveLength(16);
    // Side by side in parallel, so the order may differ; the requests may not.
    expect([...a.seen].sort()).toEqual([...b.seen].sort());
  });

  it('fails and records the disagreement when one peer answers one account differently', async () => {
    const a = await fakeFloor(canonical);
    const b = await fakeFloor((vendor, id) => ({ ...canonical(vendor, id), ...(id === ODD_ONE ? { lastName: 'Other' } : {}) }));
    const result = await checkAnswers([restPeer('a', a.url), restPeer('b', b.url)], READS, data, { requests: 8, seed: 3 });
    expect(result.passed).toBe(false);
    expect(result.askedAgain).toBeGreaterThanOrEqual(4);
    // Every users-20-per-vendor and person-4-vendors request reads the odd account: at least 4 of 8 differ.
    expect(result.identical).toBeLessThanOrEqual(4);
    const names = result.mismatches.map((m) => m.workload);
    expect(names).toContain('users-20-per-vendor');
    expect(names).toContain('person-4-vendors');
    for (const mismatch of result.mismatches) {
      expect(Object.keys(mismatch.answers).sort()).toEqual(['a', 'b']);
      expect(mismatch.answers.a).not.toBe(mismatch.answers.b);
      expect(mismatch.answers.b).toContain('"lastName":"Other"');
      expect(mismatch.answers.a).not.toContain('Other');
    }
  });

  it('asks a failed request again, alone, after the rest: a transient failure passes, a wrong answer does not', async () => {
    const a = await fakeFloor(canonical);
    // The first answer about the odd account is a 503 (a peer timing out under load); later ones are right.
    let failedOnce = false;
    const flaky = await serve(({ method, path, body }, res) => {
      const ids = method === 'POST' ? (JSON.parse(body) as { ids: string[] }).ids : [decodeURIComponent(path.slice('/users/'.length))];
      const odd = ids.some((id) => parseUserId(id)?.vendorUserId === ODD_ONE);
      if (odd && !failedOnce) {
        failedOnce = true;
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end('{"error":"timeout"}');
      }
      const users = ids.map((id) => {
        const key = parseUserId(id)!;
        return { id, ...canonical(key.vendor, key.vendorUserId) };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(method === 'POST' ? users : users[0]));
    });
    const result = await checkAnswers([restPeer('a', a.url), restPeer('flaky', flaky.url)], READS, data, { requests: 8, seed: 3 });
    expect(failedOnce).toBe(true);
    expect(result.askedAgain).toBe(1);
    expect(result).toMatchObject({ requests: 8, identical: 8, passed: true, mismatches: [] });
  });

  it('keeps only the first five disagreements', async () => {
    const a = await fakeFloor(canonical);
    const b = await fakeFloor((vendor, id) => ({ ...canonical(vendor, id), lastName: 'Other' }));
    const result = await checkAnswers([restPeer('a', a.url), restPeer('b', b.url)], READS, data, { requests: 12, seed: 3 });
    expect(result.identical).toBe(0);
    expect(result.mismatches).toHaveLength(5);
    expect(result.passed).toBe(false);
  });

  it('does not pass peers that fail alike: the same error everywhere is not an answer', async () => {
    const a = await fakeFloor(canonical, 500);
    const b = await fakeFloor(canonical, 500);
    const result = await checkAnswers([restPeer('a', a.url), restPeer('b', b.url)], READS, data, { requests: 4, seed: 3 });
    expect(result.identical).toBe(0);
    expect(result.passed).toBe(false);
    expect(result.mismatches[0]?.answers.a).toMatch(/^\{"error":"HTTP 500/);
  });
});
