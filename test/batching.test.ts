import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { calls, startTestApp, type TestApp } from './support/app.js';

// Batching proven the dataloader way, by the requests each vendor saw; partial failure per item.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

interface Listed { id: string; vendor: string; vendorUserId: string }
const GET_PATH: Record<VendorId, (id: string) => string> = {
  rinkel: (id) => `GET /users/${id}`,
  dialpad: (id) => `GET /api/v2/users/${id}`,
  imichat: (id) => `GET /users/${id}`,
  commpeak: (id) => `GET /api/users/${id}`,
};

/** Eight accounts per vendor, with their global ids, read through the gateway's own listing. */
async function sampleUsers(): Promise<Record<VendorId, Listed[]>> {
  const out = {} as Record<VendorId, Listed[]>;
  for (const vendor of VENDOR_IDS) {
    const { data } = await app.graphql<{ users: { edges: { node: Listed }[] } }>(
      `query ($v: [Vendor!]) { users(first: 8, filter: { vendors: $v }) { edges { node { id vendor vendorUserId } } } }`, { v: [vendor.toUpperCase()] });
    out[vendor] = data?.users.edges.map((edge) => edge.node) ?? [];
  }
  for (const vendor of VENDOR_IDS) app.simulators[vendor].clearRecords();
  return out;
}

describe('batching', () => {
  it('fetches each distinct account once for 50 references with aliases, duplicates and nodes', async () => {
    const users = await sampleUsers();
    const all = VENDOR_IDS.flatMap((vendor) => users[vendor]);
    // 32 distinct accounts named 50 times: aliases by global id, by vendor id, and again in nodes().
    const aliases = all.map((user, i) => `u${i}: user(id: "${user.id}") { fullName }`);
    const byVendorId = all.slice(0, 10).map((user, i) => `v${i}: userByVendorId(vendor: ${user.vendor}, vendorUserId: "${user.vendorUserId}") { email }`);
    const nodeIds = [...all.slice(0, 6), ...all.slice(0, 2)].map((user) => `"${user.id}"`);
    const query = `{ ${aliases.join('\n')} ${byVendorId.join('\n')} nodes(ids: [${nodeIds.join(',')}]) { id } }`;
    const { data, errors } = await app.graphql<Record<string, unknown>>(query);
    expect(errors).toBeUndefined();
    expect(Object.keys(data ?? {})).toHaveLength(43);
    for (const vendor of VENDOR_IDS) {
      expect(calls(app.simulators, vendor).sort()).toEqual(users[vendor].map((user) => GET_PATH[vendor](user.vendorUserId)).sort());
    }
  });

  it('calls the four vendors concurrently, not one after another', async () => {
    const users = await sampleUsers();
    for (const vendor of VENDOR_IDS) app.simulators[vendor].faults.set([{ kind: 'latency', ms: 250, match: { methods: ['GET'], pathPrefix: vendor === 'imichat' ? '/users' : '/' } }]);
    const query = `{ ${VENDOR_IDS.map((vendor, i) => `a${i}: user(id: "${users[vendor][0]?.id}") { id }`).join(' ')} }`;
    const { errors } = await app.graphql(query);
    expect(errors).toBeUndefined();
    const arrivals = VENDOR_IDS.map((vendor) => app.simulators[vendor].requests().entries.find((entry) => entry.url !== '/authorize')?.at ?? Infinity);
    // Every vendor takes 250 ms to answer; called one after another, their calls would arrive ≥250 ms apart.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(250);
  });
});

describe('partial results', () => {
  it('returns the other vendors\' users when one vendor is down; the failed ones are null with VENDOR_UNAVAILABLE', async () => {
    const users = await sampleUsers();
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503, retryAfterSeconds: 1 }]);
    const query = `{ ${VENDOR_IDS.map((vendor, i) => `a${i}: user(id: "${users[vendor][0]?.id}") { vendor fullName }`).join(' ')} }`;
    const { status, data, errors, text } = await app.graphql<Record<string, { vendor: string } | null>>(query);
    expect(status).toBe(200);
    expect(data).toMatchObject({ a0: { vendor: 'RINKEL' }, a1: null, a2: { vendor: 'IMICHAT' }, a3: { vendor: 'COMMPEAK' } });
    expect(errors).toHaveLength(1);
    expect(errors?.[0]).toMatchObject({ path: ['a1'], extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'DIALPAD', httpStatus: 503 } });
    expect(text).not.toMatch(/Service unavailable|stack|sandbox-dialpad-key/i);
  });

  it.each([
    ['malformed JSON', { kind: 'malformed-json' }, 'BAD_VENDOR_RESPONSE', 200],
    ['a reset connection', { kind: 'reset' }, 'VENDOR_UNAVAILABLE', null],
    ['a 429', { kind: 'rate-limit', retryAfterSeconds: 9 }, 'RATE_LIMITED', 429],
    ['a 500', { kind: 'status', status: 500 }, 'VENDOR_ERROR', 500],
  ] as const)('reports %s from CommPeak as %s on that item only', async (_, fault, code, httpStatus) => {
    const users = await sampleUsers();
    app.simulators.commpeak.faults.set([fault]);
    const { data, errors } = await app.graphql<Record<string, unknown>>(`{ ok: user(id: "${users.rinkel[0]?.id}") { id } bad: user(id: "${users.commpeak[0]?.id}") { id } }`);
    expect(data?.ok).not.toBeNull();
    expect(data?.bad).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code, vendor: 'COMMPEAK', httpStatus });
  });

  it('keeps listing the other vendors when one cannot be listed, and says which', async () => {
    app.simulators.imichat.faults.set([{ kind: 'status', status: 502, match: { pathPrefix: '/users' } }]);
    const { data, errors } = await app.graphql<{ users: { totalCount: number; unavailableVendors: string[] } }>('{ users(first: 5) { totalCount unavailableVendors } }');
    expect(data?.users).toEqual({ totalCount: 600, unavailableVendors: ['IMICHAT'] });
    expect(errors?.[0]).toMatchObject({ path: ['users'], extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'IMICHAT', httpStatus: 502 } });
  });

  it('fails only the bad slots of nodes(): a malformed id, an unknown account, a vendor that is down', async () => {
    const users = await sampleUsers();
    app.simulators.imichat.faults.set([{ kind: 'status', status: 503, match: { pathPrefix: '/users' } }]);
    const unknown = Buffer.from('User:rinkel:ffffffffffffffffffffffff').toString('base64');
    const ids = [users.rinkel[0]?.id, 'garbage', unknown, users.imichat[0]?.id, users.commpeak[0]?.id];
    const { data, errors } = await app.graphql<{ nodes: ({ id: string } | null)[] }>('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(data?.nodes.map((node) => node?.id ?? null)).toEqual([ids[0], null, null, null, ids[4]]);
    expect(errors?.map((error) => [error.path, error.extensions?.code]).sort()).toEqual([
      [['nodes', 1], 'BAD_USER_INPUT'], [['nodes', 2], 'NOT_FOUND'], [['nodes', 3], 'VENDOR_UNAVAILABLE'],
    ]);
  });

  it('answers NOT_FOUND for an unknown account and BAD_USER_INPUT for an id that is not one, without calling a vendor', async () => {
    const { data, errors } = await app.graphql<Record<string, unknown>>(
      '{ a: userByVendorId(vendor: RINKEL, vendorUserId: "ffffffffffffffffffffffff") { id } b: userByVendorId(vendor: COMMPEAK, vendorUserId: "../../admin") { id } c: user(id: "garbage") { id } }');
    expect(data).toEqual({ a: null, b: null, c: null });
    expect(errors?.map((error) => [error.path?.[0], error.extensions?.code]).sort()).toEqual([['a', 'NOT_FOUND'], ['b', 'NOT_FOUND'], ['c', 'BAD_USER_INPUT']]);
    expect(calls(app.simulators, 'commpeak')).toEqual([]);
    expect(calls(app.simulators, 'rinkel')).toEqual(['GET /users/ffffffffffffffffffffffff']);
  });
});
