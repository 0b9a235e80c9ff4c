import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VendorId } from '../src/connectors/types.js';
import { createPeople } from '../src/simulator/people.js';
import { calls, startTestApp, type TestApp } from './support/app.js';

// The read side end to end: GraphQL over HTTP → gateway → connectors → simulators over loopback.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

interface Edge { cursor: string; node: { id: string; vendor: string; vendorUserId: string } }
interface UsersPage { users: { totalCount: number; unavailableVendors: string[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Edge[] } }

const USERS_PAGE = `query Page($first: Int, $after: String, $filter: UserFilter) {
  users(first: $first, after: $after, filter: $filter) {
    totalCount unavailableVendors
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id vendor vendorUserId } }
  }
}`;

async function vendorIds(vendor: VendorId, count: number): Promise<string[]> {
  const { data } = await app.graphql<UsersPage>(USERS_PAGE, { first: count, filter: { vendors: [vendor.toUpperCase()] } });
  return data?.users.edges.map((edge) => edge.node.vendorUserId) ?? [];
}

describe('users: a Relay connection across the four vendors', () => {
  it('pages through all 800 accounts to the end, in vendor order, without a skip or a repeat', async () => {
    const seen: Edge['node'][] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response: { data: UsersPage | null | undefined; errors?: unknown } = await app.graphql<UsersPage>(USERS_PAGE, { first: 100, after });
      expect(response.errors).toBeUndefined();
      const users = response.data?.users;
      expect(users?.totalCount).toBe(800);
      seen.push(...(users?.edges.map((edge: Edge) => edge.node) ?? []));
      if (!users?.pageInfo.hasNextPage) break;
      after = users.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(800);
    expect(new Set(seen.map((user) => user.id)).size).toBe(800);
    expect([...new Set(seen.map((user) => user.vendor))]).toEqual(['RINKEL', 'DIALPAD', 'IMICHAT', 'COMMPEAK']);
  });

  it('keeps its place when accounts change between pages: the cursor names a user, not an offset', async () => {
    const first = await app.graphql<UsersPage>(USERS_PAGE, { first: 5, filter: { vendors: ['COMMPEAK'] } });
    const page1 = first.data?.users.edges ?? [];
    // An admin deletes the first account elsewhere; offset paging would now skip one user.
    const gone = page1[0]?.node.vendorUserId ?? '';
    const response = await fetch(`${app.simulators.commpeak.url}/api/users/${gone}`, {
      method: 'PUT', headers: { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify({ is_deleted: 1 }),
    });
    expect(response.status).toBe(200);
    const second = await app.graphql<UsersPage>(USERS_PAGE, { first: 5, after: page1.at(-1)?.cursor, filter: { vendors: ['COMMPEAK'] } });
    const all = await vendorIds('commpeak', 10);
    expect([...page1, ...(second.data?.users.edges ?? [])].map((edge) => edge.node.vendorUserId)).toEqual(all);
  });

  it('filters by vendor, status, availability and text, case- and accent-insensitively', async () => {
    const { data } = await app.graphql<{ users: { totalCount: number; edges: { node: { vendor: string; status: string; availability: string; fullName: string } }[] } }>(
      `{ users(first: 100, filter: { vendors: [DIALPAD, COMMPEAK], status: [ACTIVE], availability: [AVAILABLE], search: "ZOE" }) {
          totalCount edges { node { vendor status availability fullName } } } }`,
    );
    const nodes = data?.users.edges.map((edge) => edge.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(['DIALPAD', 'COMMPEAK']).toContain(node.vendor);
      expect(node.status).toBe('ACTIVE');
      expect(node.availability).toBe('AVAILABLE');
      expect(node.fullName).toMatch(/^Zoë /);
    }
  });

  it('rejects a cursor it did not issue and a page larger than 100, naming the argument', async () => {
    const bad = await app.graphql(USERS_PAGE, { first: 5, after: 'bm90LWEtY3Vyc29y' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const big = await app.graphql(USERS_PAGE, { first: 101 });
    expect(big.errors?.[0]?.message).toBe('`first` must be between 0 and 100, got 101.');
  });
});

describe('usersByEmail', () => {
  const people = createPeople({ seed: 5 });

  it.each([1, 2, 3])("finds every account of shared person #%i, whatever the letter case", async (index) => {
    const person = people.shared[index];
    if (!person) throw new Error('seed 5 has fewer shared people than expected');
    const { data, errors } = await app.graphql<{ usersByEmail: { vendor: string; email: string }[] }>(
      'query ($email: EmailAddress!) { usersByEmail(email: $email) { vendor email } }', { email: person.email.toUpperCase() });
    expect(errors).toBeUndefined();
    expect(data?.usersByEmail.map((user) => user.vendor)).toEqual(person.vendors.map((vendor) => vendor.toUpperCase()));
    for (const user of data?.usersByEmail ?? []) expect(user.email.toLowerCase()).toBe(person.email);
  });

  it('uses Dialpad\'s ?email= search and one fresh GET per candidate elsewhere', async () => {
    const person = people.shared.find((p) => p.vendors.length === 4) ?? people.shared[0];
    await app.graphql('query ($email: EmailAddress!) { usersByEmail(email: $email) { id } }', { email: person?.email });
    expect(calls(app.simulators, 'dialpad')).toEqual([`GET /api/v2/users?email=${encodeURIComponent(person?.email ?? '')}&state=all`]);
  });

  it('returns an empty list for an address nobody has', async () => {
    const { data } = await app.graphql('{ usersByEmail(email: "nobody@nowhere.example") { id } }');
    expect(data).toEqual({ usersByEmail: [] });
  });
});
