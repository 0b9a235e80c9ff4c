import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS } from '../src/connectors/types.js';
import { createPeople } from '../src/simulator/people.js';
import { calls, startTestApp, type TestApp } from './support/app.js';

// Reads of one account across requests: coalesced into one vendor call, read through the entity cache
// (here in memory: CACHE_TTL_MS without REDIS_URL; test/replicas.test.ts has the Redis one), invalidated
// by writes before they answer, and never handing a read that began before a write to a request after it.

let app: TestApp;
let ids: string[] = [];

const READ = 'query ($id: String!) { u: userByVendorId(vendor: RINKEL, vendorUserId: $id) { vendorUserId firstName } }';
const WRITE = 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { firstName } } } }';
const globalId = (id: string) => Buffer.from(`User:rinkel:${id}`).toString('base64');
const reads = (id: string) => calls(app.simulators, 'rinkel').filter((call) => call === `GET /users/${id}`).length;

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) && line.includes('vendor="rinkel"')).reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

beforeAll(async () => {
  app = await startTestApp({ CACHE_TTL_MS: '60000' });
  const page = (await (await fetch(`${app.simulators.rinkel.url}/users?perPage=20`, { headers: { 'x-rinkel-api-key': 'sandbox-rinkel-key' } })).json()) as { data: { id: string }[] };
  ids = page.data.map((user) => user.id);
});
afterAll(() => app.close());
beforeEach(() => app.reset());

describe('shared reads', () => {
  it('make one vendor call for 30 concurrent requests of one account, and serve the next from the cache', async () => {
    const id = ids[0] as string;
    app.simulators.rinkel.faults.set([{ kind: 'latency', ms: 300, match: { methods: ['GET'] } }]);
    const coalescedBefore = await metric('switchboard_coalesced_reads_total');
    const answers = await Promise.all(Array.from({ length: 30 }, () => app.graphql<{ u: { vendorUserId: string } }>(READ, { id })));
    expect(answers.map((answer) => answer.data?.u.vendorUserId)).toEqual(Array.from({ length: 30 }, () => id));
    expect(reads(id)).toBe(1);
    expect(await metric('switchboard_coalesced_reads_total')).toBeGreaterThan(coalescedBefore);
    const hitsBefore = await metric('switchboard_entity_cache_hits_total');
    expect((await app.graphql<{ u: { vendorUserId: string } }>(READ, { id })).data?.u.vendorUserId).toBe(id);
    expect(reads(id)).toBe(1);
    expect(await metric('switchboard_entity_cache_hits_total')).toBe(hitsBefore + 1);
  });

  it('read fresh with Cache-Control: no-cache', async () => {
    const id = ids[1] as string;
    await app.graphql(READ, { id });
    await app.graphql(READ, { id }, { 'cache-control': 'no-cache' });
    await app.graphql(READ, { id }, { 'cache-control': 'max-age=0, no-cache' });
    expect(reads(id)).toBe(3);
    // Other directives do not bypass the cache.
    await app.graphql(READ, { id }, { 'cache-control': 'no-store-ish' });
    expect(reads(id)).toBe(3);
  });

  it('drop the account on a write before the mutation answers, so the next read sees it', async () => {
    const id = ids[2] as string;
    await app.graphql(READ, { id });
    const invalidatedBefore = await metric('switchboard_entity_cache_invalidations_total');
    const written = await app.graphql<{ updateUser: { __typename: string } }>(WRITE, { input: { id: globalId(id), firstName: 'Cached' } });
    expect(written.data?.updateUser.__typename).toBe('UpdateUserSuccess');
    expect((await app.graphql<{ u: { firstName: string } }>(READ, { id })).data?.u.firstName).toBe('Cached');
    expect(await metric('switchboard_entity_cache_invalidations_total')).toBe(invalidatedBefore + 1);
  });

  it('never hand a read that started before a write answered to a request that started after it', async () => {
    const id = ids[3] as string;
    // The write's PATCH is slow; while it is out, a read starts whose answer (the old account, read at
    // once, sent slowly) is still out when the write has answered.
    app.simulators.rinkel.faults.set([{ kind: 'latency', ms: 1200, times: 1, match: { methods: ['PATCH'] } }]);
    const writing = app.graphql<{ updateUser: { __typename: string } }>(WRITE, { input: { id: globalId(id), firstName: 'AfterWrite' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.simulators.rinkel.faults.set([{ kind: 'slow-body', ms: 2500, times: 1, match: { methods: ['GET'] } }]);
    // no-cache: the write's own read put the account in the cache; this read must go to the vendor.
    const early = app.graphql<{ u: { firstName: string } }>(READ, { id }, { 'cache-control': 'no-cache' });
    expect((await writing).data?.updateUser.__typename).toBe('UpdateUserSuccess');
    const late = await app.graphql<{ u: { firstName: string } }>(READ, { id });
    expect(late.data?.u.firstName).toBe('AfterWrite');
    // The early read answers what it read, and does not put the old account back into the cache.
    expect((await early).data?.u.firstName).not.toBe('AfterWrite');
    expect((await app.graphql<{ u: { firstName: string } }>(READ, { id })).data?.u.firstName).toBe('AfterWrite');
  });

  it('plan each write by email against a fresh read made by the lookup: each account read once, never from the cache', async () => {
    const person = createPeople({ seed: 5 }).shared.find((candidate) => candidate.vendors.includes('rinkel') && candidate.vendors.length >= 2);
    if (!person) throw new Error('seed 5 has no person with a Rinkel account and another');
    const FIND = 'query ($email: EmailAddress!) { usersByEmail(email: $email) { vendor vendorUserId firstName } }';
    const BY_EMAIL = `mutation ($email: EmailAddress!, $patch: UserPatchInput!) {
      updateUsersByEmail(email: $email, patch: $patch) { __typename ... on UpdateUserSuccess { changes { field } user { vendor vendorUserId firstName } } }
    }`;
    const found = await app.graphql<{ usersByEmail: { vendor: string; vendorUserId: string }[] }>(FIND, { email: person.email });
    const rinkelId = found.data?.usersByEmail.find((user) => user.vendor === 'RINKEL')?.vendorUserId as string;
    expect(rinkelId).toBeDefined();
    // The account is now cached; then it changes at the vendor behind the gateway's back.
    await fetch(`${app.simulators.rinkel.url}/users/${rinkelId}`, {
      method: 'PATCH',
      headers: { 'x-rinkel-api-key': 'sandbox-rinkel-key', 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Outside' }),
    });
    const before = Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, calls(app.simulators, vendor).length]));
    const { data } = await app.graphql<{ updateUsersByEmail: { __typename: string; changes: { field: string }[]; user: { vendor: string; vendorUserId: string } }[] }>(BY_EMAIL, {
      email: person.email,
      patch: { firstName: 'Outside' },
    });
    const results = data?.updateUsersByEmail ?? [];
    expect(results.map((result) => result.__typename)).toEqual(person.vendors.map(() => 'UpdateUserSuccess'));
    // Planned against the cached account, Rinkel's write would have "changed" firstName back to Outside.
    expect(results.find((result) => result.user.vendor === 'RINKEL')?.changes).toEqual([]);
    const during = (vendor: (typeof VENDOR_IDS)[number]) => calls(app.simulators, vendor).slice(before[vendor]);
    expect(during('rinkel').filter((call) => call.endsWith(`/users/${rinkelId}`))).toEqual([`GET /users/${rinkelId}`]);
    // Every other account: one read (Dialpad's is its email search) and one write, nothing more.
    for (const result of results.filter((each) => each.user.vendor !== 'RINKEL')) {
      const vendor = result.user.vendor.toLowerCase() as (typeof VENDOR_IDS)[number];
      const own = during(vendor).filter((call) => call.includes(result.user.vendorUserId) || call.includes('email='));
      expect(own.filter((call) => call.startsWith('GET'))).toHaveLength(1);
      expect(own.filter((call) => !call.startsWith('GET'))).toHaveLength(1);
    }
  });
});
