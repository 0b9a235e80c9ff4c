import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { createPeople } from '../src/simulator/people.js';
import { startTestApp, type TestApp } from './support/app.js';

// The mutations across vendors: bulk order, per-person fan-out, idempotency keys.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const RESULT = `__typename
  ... on UpdateUserSuccess { dryRun skippedFields changes { field after } user { vendor vendorUserId firstName availability language } }
  ... on ValidationError { fieldErrors { field reason acceptedValues } }
  ... on NotFoundError { message }
  ... on VendorError { vendor outcome httpStatus }`;
type Result = Record<string, unknown> & { __typename: string };

const writes = (vendor: VendorId) => app.simulators[vendor].ledger().entries;
const allWrites = () => VENDOR_IDS.flatMap((vendor) => writes(vendor).map((entry) => ({ vendor, ...entry })));

async function firstIds(vendor: VendorId, count: number): Promise<string[]> {
  const { data } = await app.graphql<{ users: { edges: { node: { id: string } }[] } }>(`{ users(first: ${count}, filter: { vendors: [${vendor.toUpperCase()}] }) { edges { node { id } } } }`);
  return data?.users.edges.map((edge) => edge.node.id) ?? [];
}

describe('updateUsers', () => {
  it('returns one result per input in input order; a failing item does not fail the others', async () => {
    const [r1 = '', r2 = ''] = await firstIds('rinkel', 2);
    const [c1 = ''] = await firstIds('commpeak', 1);
    const [d1 = ''] = await firstIds('dialpad', 1);
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 500, match: { methods: ['PATCH'] } }]);
    const inputs = [
      { id: r1, firstName: 'One' },
      { id: c1, language: 'en' },
      { id: d1, firstName: 'Three' },
      { id: 'garbage', firstName: 'Four' },
      { id: r2, firstName: 'Five', dryRun: true },
      { id: c1, firstName: 'Six' },
    ];
    const { data } = await app.graphql<{ updateUsers: Result[] }>(`mutation ($inputs: [UpdateUserInput!]!) { updateUsers(inputs: $inputs) { ${RESULT} } }`, { inputs });
    expect(data?.updateUsers.map((result) => result.__typename)).toEqual(['UpdateUserSuccess', 'ValidationError', 'VendorError', 'ValidationError', 'UpdateUserSuccess', 'UpdateUserSuccess']);
    expect(data?.updateUsers[1]).toMatchObject({ fieldErrors: [{ field: 'language', acceptedValues: ['en-US', 'es-ES', 'pt-BR'] }] });
    expect(data?.updateUsers[2]).toMatchObject({ vendor: 'DIALPAD', httpStatus: 500, outcome: 'NOT_APPLIED' });
    expect(data?.updateUsers[4]).toMatchObject({ dryRun: true });
    expect(writes('rinkel')).toHaveLength(1);
    expect(writes('commpeak')).toMatchObject([{ method: 'PUT', body: { first_name: 'Six' }, applied: true }]);
  });

  it(`refuses more than 100 inputs without writing anything`, async () => {
    const [r1 = ''] = await firstIds('rinkel', 1);
    const inputs = Array.from({ length: 101 }, () => ({ id: r1, firstName: 'Many' }));
    const { data, errors } = await app.graphql<{ updateUsers: Result[] }>(`mutation ($inputs: [UpdateUserInput!]!) { updateUsers(inputs: $inputs) { ${RESULT} } }`, { inputs });
    // 101 writes are 202 vendor calls: the call budget (MAX_VENDOR_CALLS, 200) refuses them before execution.
    expect(data ?? null).toBeNull();
    // One error for the request, not one per input.
    expect(errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', vendorCalls: 202 });
    expect(allWrites()).toEqual([]);
  });
});

describe('updateUsersByEmail', () => {
  const people = createPeople({ seed: 5 });
  const person = people.shared.find((p) => p.vendors.length === 3 && p.vendors.includes('rinkel') && p.vendors.includes('commpeak'));
  const BY_EMAIL = `mutation ($email: EmailAddress!, $patch: UserPatchInput!, $key: String) { updateUsersByEmail(email: $email, patch: $patch, idempotencyKey: $key) { ${RESULT} } }`;

  it('writes every account of the person in parallel, each taking what its vendor can and listing the rest', async () => {
    if (!person) throw new Error('seed 5 has no person in Rinkel, CommPeak and one more vendor');
    for (const vendor of person.vendors) app.simulators[vendor].faults.set([{ kind: 'latency', ms: 300, match: { methods: ['PATCH', 'PUT'] } }]);
    const { data } = await app.graphql<{ updateUsersByEmail: Result[] }>(BY_EMAIL, { email: person.email.toUpperCase(), patch: { firstName: 'Everywhere', availability: 'AVAILABLE', language: 'en-US' } });
    const results = data?.updateUsersByEmail ?? [];
    expect(results.map((result) => [result.__typename, (result.user as { vendor: string }).vendor])).toEqual(person.vendors.map((vendor) => ['UpdateUserSuccess', vendor.toUpperCase()]));
    const byVendor = Object.fromEntries(results.map((result) => [(result.user as { vendor: string }).vendor, result]));
    expect(byVendor.RINKEL).toMatchObject({ skippedFields: ['language'], user: { firstName: 'Everywhere', availability: 'AVAILABLE' } });
    expect(byVendor.COMMPEAK).toMatchObject({ skippedFields: [], user: { firstName: 'Everywhere', availability: 'AVAILABLE', language: 'en-US' } });
    for (const vendor of person.vendors) expect(writes(vendor)).toMatchObject([{ applied: true }]);
    // Each vendor held its write for 300 ms; written one after another, the writes would arrive ≥300 ms apart.
    const arrivals = person.vendors.map((vendor) => app.simulators[vendor].requests().entries.find((entry) => entry.method !== 'GET')?.at ?? Infinity);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(300);
  });

  it('writes no account whose address changed at the vendor after the snapshot named it: the fresh read decides', async () => {
    const shared = people.shared.find((p) => p.vendors.includes('rinkel') && p.vendors.length >= 2);
    if (!shared) throw new Error('seed 5 has no person with a Rinkel account and another');
    const FIND = 'query ($email: EmailAddress!) { usersByEmail(email: $email) { vendor vendorUserId } }';
    const found = await app.graphql<{ usersByEmail: { vendor: string; vendorUserId: string }[] }>(FIND, { email: shared.email });
    const rinkelId = found.data?.usersByEmail.find((user) => user.vendor === 'RINKEL')?.vendorUserId as string;
    expect(rinkelId).toBeDefined();
    // The snapshot still holds the old address; the vendor no longer does.
    await fetch(`${app.simulators.rinkel.url}/users/${rinkelId}`, {
      method: 'PATCH',
      headers: { 'x-rinkel-api-key': 'sandbox-rinkel-key', 'content-type': 'application/json' },
      body: JSON.stringify({ email: `moved.${rinkelId}@elsewhere.example` }),
    });
    const writtenBefore = writes('rinkel').length;
    const { data } = await app.graphql<{ updateUsersByEmail: Result[] }>(BY_EMAIL, { email: shared.email, patch: { firstName: 'Fresh' } });
    const vendors = (data?.updateUsersByEmail ?? []).map((result) => (result.user as { vendor: string } | undefined)?.vendor);
    expect(vendors).toEqual(shared.vendors.filter((vendor) => vendor !== 'rinkel').map((vendor) => vendor.toUpperCase()));
    expect(writes('rinkel')).toHaveLength(writtenBefore);
  });

  it('answers one NotFoundError for a person without accounts, and writes nothing', async () => {
    const { data } = await app.graphql<{ updateUsersByEmail: Result[] }>(BY_EMAIL, { email: 'nobody@nowhere.example', patch: { firstName: 'X' } });
    expect(data?.updateUsersByEmail.map((result) => result.__typename)).toEqual(['NotFoundError']);
    expect(allWrites()).toEqual([]);
  });

  it('replays an idempotent retry without writing again; the same key with another patch is refused', async () => {
    if (!person) throw new Error('no person');
    const first = await app.graphql<{ updateUsersByEmail: Result[] }>(BY_EMAIL, { email: person.email, patch: { firstName: 'Once' }, key: 'k-1' });
    const again = await app.graphql<{ updateUsersByEmail: Result[] }>(BY_EMAIL, { email: person.email, patch: { firstName: 'Once' }, key: 'k-1' });
    expect(again.data).toEqual(first.data);
    expect(allWrites()).toHaveLength(person.vendors.length);
    const other = await app.graphql<{ updateUsersByEmail: Result[] }>(BY_EMAIL, { email: person.email, patch: { firstName: 'Twice' }, key: 'k-1' });
    expect(other.data?.updateUsersByEmail).toMatchObject([{ __typename: 'ValidationError', fieldErrors: [{ field: 'idempotencyKey' }] }]);
    expect(allWrites()).toHaveLength(person.vendors.length);
  });
});

describe('idempotent updateUser', () => {
  const UPDATE = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { ${RESULT} } }`;

  it('sends one write for the same mutation sent twice with one key; a concurrent duplicate waits and answers the same', async () => {
    const [c1 = ''] = await firstIds('commpeak', 1);
    app.simulators.commpeak.faults.set([{ kind: 'latency', ms: 200, match: { methods: ['PUT'] } }]);
    const input = { id: c1, firstName: 'Keyed', idempotencyKey: 'same-key' };
    const [a, b] = await Promise.all([app.graphql<{ updateUser: Result }>(UPDATE, { input }), app.graphql<{ updateUser: Result }>(UPDATE, { input })]);
    // The duplicate waits for the first one's result (within its deadline) and answers the same.
    expect([a.data?.updateUser.__typename, b.data?.updateUser.__typename]).toEqual(['UpdateUserSuccess', 'UpdateUserSuccess']);
    expect(a.data?.updateUser).toEqual(b.data?.updateUser);
    const replay = await app.graphql<{ updateUser: Result }>(UPDATE, { input });
    expect(replay.data?.updateUser.__typename).toBe('UpdateUserSuccess');
    expect(writes('commpeak')).toHaveLength(1);
  });

  it('retries a keyed write the vendor certainly refused, after its Retry-After; an unkeyed one is reported, not retried', async () => {
    const [c1 = '', c2 = ''] = await firstIds('commpeak', 2);
    app.simulators.commpeak.faults.set([{ kind: 'status', status: 503, retryAfterSeconds: 1, times: 1, match: { methods: ['PUT'] } }]);
    const unkeyed = await app.graphql<{ updateUser: Result }>(UPDATE, { input: { id: c1, firstName: 'Once' } });
    expect(unkeyed.data?.updateUser).toMatchObject({ __typename: 'VendorError', outcome: 'NOT_APPLIED', httpStatus: 503 });
    expect(writes('commpeak').map((entry) => entry.applied)).toEqual([false]);

    app.simulators.commpeak.faults.set([{ kind: 'status', status: 503, retryAfterSeconds: 1, times: 1, match: { methods: ['PUT'] } }]);
    const keyed = await app.graphql<{ updateUser: Result }>(UPDATE, { input: { id: c2, firstName: 'Later', idempotencyKey: 'retry-me' } });
    expect(keyed.data?.updateUser.__typename).toBe('UpdateUserSuccess');
    expect(writes('commpeak').map((entry) => entry.applied)).toEqual([false, false, true]);
  });

  it('does not keep a result that wrote nothing, so a retry of the mutation runs again', async () => {
    const [c1 = ''] = await firstIds('commpeak', 1);
    app.simulators.commpeak.faults.set([{ kind: 'rate-limit', retryAfterSeconds: 30, times: 1, match: { methods: ['PUT'] } }]);
    const input = { id: c1, firstName: 'Later', idempotencyKey: 'retry-later' };
    expect((await app.graphql<{ updateUser: Result }>(UPDATE, { input })).data?.updateUser.__typename).toBe('RateLimitedError');
    expect((await app.graphql<{ updateUser: Result }>(UPDATE, { input })).data?.updateUser.__typename).toBe('UpdateUserSuccess');
    expect(writes('commpeak').map((entry) => entry.applied)).toEqual([false, true]);
  });
});

describe('vendors', () => {
  it('reports the writable canonical fields, from the write tables', async () => {
    const { data } = await app.graphql<{ vendors: { vendor: string; writableFields: string[] }[] }>('{ vendors { vendor writableFields } }');
    expect(Object.fromEntries(data?.vendors.map((v) => [v.vendor, v.writableFields]) ?? [])).toEqual({
      RINKEL: ['firstName', 'lastName', 'email', 'phoneNumber', 'availability', 'language'],
      DIALPAD: ['firstName', 'lastName', 'email', 'phoneNumber', 'status', 'jobTitle', 'extension'],
      IMICHAT: ['firstName', 'lastName', 'status', 'jobTitle'],
      COMMPEAK: ['firstName', 'lastName', 'email', 'status', 'availability', 'language', 'extension'],
    });
  });
});
