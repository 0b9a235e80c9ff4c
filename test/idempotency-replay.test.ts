import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../src/schema/user-mutations.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/app.js';

// The one replay rule of idempotency keys, end to end: what wrote (or may have) is replayed; what
// certainly changed nothing is attempted again under the same key; keys belong to their caller.

const TOKENS = { 'token-of-client-a-0123456789': ['users:read', 'users:write'], 'token-of-client-b-0123456789': ['users:read', 'users:write'] };
const as = (token: keyof typeof TOKENS) => ({ authorization: `Bearer ${token}` });
const RESULT = '__typename ... on UpdateUserSuccess { user { vendor vendorUserId firstName } } ... on VendorError { vendor outcome } ... on ValidationError { message }';
type Result = { __typename: string; vendor?: string; outcome?: string; user?: { vendor: string; firstName: string } };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ AUTH_TOKENS: JSON.stringify(TOKENS) });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const applied = (vendor: 'rinkel' | 'dialpad' | 'imichat' | 'commpeak') => app.simulators[vendor].ledger().entries.filter((entry) => entry.applied).length;

type UsersPage = { users: { pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: { node: { email: string | null; vendor: string } }[] } };

/** A person with a CommPeak account and at least one other. */
async function person(): Promise<{ email: string; vendors: string[] }> {
  const byEmail = new Map<string, string[]>();
  let after: string | null = null;
  do {
    const page: GraphQLResponse<UsersPage> = await app.graphql<UsersPage>(
      'query ($after: String) { users(first: 100, after: $after) { pageInfo { endCursor hasNextPage } edges { node { email vendor } } } }', { after }, as('token-of-client-a-0123456789'));
    const data = page.data;
    if (!data) throw new Error(JSON.stringify(page.errors));
    for (const { node } of data.users.edges) if (node.email) byEmail.set(node.email.toLowerCase(), [...(byEmail.get(node.email.toLowerCase()) ?? []), node.vendor]);
    after = data.users.pageInfo.hasNextPage ? data.users.pageInfo.endCursor : null;
  } while (after);
  const [email, vendors] = [...byEmail].find(([, list]) => list.includes('COMMPEAK') && list.length >= 2) ?? [];
  if (!email || !vendors) throw new Error('the seed has no person with a CommPeak account and another');
  return { email, vendors };
}

describe('idempotency keys', () => {
  it('replay what was written and attempt again what certainly changed nothing, so a retry completes a partly failed update', async () => {
    const { email, vendors } = await person();
    const mutation = `mutation ($email: EmailAddress!, $key: String) { updateUsersByEmail(email: $email, patch: { firstName: "Retried" }, idempotencyKey: $key) { ${RESULT} } }`;
    app.simulators.commpeak.faults.set([{ kind: 'status', status: 503, match: { methods: ['PUT'] } }]);
    const first = (await app.graphql<{ updateUsersByEmail: Result[] }>(mutation, { email, key: 'complete-me' }, as('token-of-client-a-0123456789'))).data?.updateUsersByEmail ?? [];
    expect(first.find((result) => result.vendor === 'COMMPEAK')).toMatchObject({ __typename: 'VendorError', outcome: 'NOT_APPLIED' });
    const others = first.filter((result) => result.__typename === 'UpdateUserSuccess');
    expect(others).toHaveLength(vendors.length - 1);
    const before = { rinkel: applied('rinkel'), dialpad: applied('dialpad'), imichat: applied('imichat'), commpeak: applied('commpeak') };

    app.simulators.commpeak.faults.set([]);
    const second = (await app.graphql<{ updateUsersByEmail: Result[] }>(mutation, { email, key: 'complete-me' }, as('token-of-client-a-0123456789'))).data?.updateUsersByEmail ?? [];
    expect(second.map((result) => result.__typename)).toEqual(vendors.map(() => 'UpdateUserSuccess'));
    expect(second.filter((result) => result.user?.vendor !== 'COMMPEAK')).toEqual(others);
    // Only CommPeak was written again.
    expect({ rinkel: applied('rinkel'), dialpad: applied('dialpad'), imichat: applied('imichat'), commpeak: applied('commpeak') }).toEqual({ ...before, commpeak: before.commpeak + 1 });

    const third = (await app.graphql<{ updateUsersByEmail: Result[] }>(mutation, { email, key: 'complete-me' }, as('token-of-client-a-0123456789'))).data?.updateUsersByEmail ?? [];
    expect(third).toEqual(second);
    expect(applied('commpeak')).toBe(before.commpeak + 1);
  });

  it('belong to their caller: another client with the same key is neither replayed nor refused', async () => {
    const { data } = await app.graphql<{ users: { edges: { node: { id: string } }[] } }>('{ users(first: 1, filter: { vendors: [RINKEL] }) { edges { node { id } } } }', {}, as('token-of-client-a-0123456789'));
    const id = data?.users.edges[0]?.node.id ?? '';
    const mutation = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { ${RESULT} } }`;
    const a = await app.graphql<{ updateUser: Result }>(mutation, { input: { id, firstName: 'ClientA', idempotencyKey: 'shared-key' } }, as('token-of-client-a-0123456789'));
    const b = await app.graphql<{ updateUser: Result }>(mutation, { input: { id, firstName: 'ClientB', idempotencyKey: 'shared-key' } }, as('token-of-client-b-0123456789'));
    expect(a.data?.updateUser.user?.firstName).toBe('ClientA');
    expect(b.data?.updateUser.user?.firstName).toBe('ClientB');
    expect(applied('rinkel')).toBe(2);
    // Client A's key still holds client A's update.
    const again = await app.graphql<{ updateUser: Result }>(mutation, { input: { id, firstName: 'ClientB', idempotencyKey: 'shared-key' } }, as('token-of-client-a-0123456789'));
    expect(again.data?.updateUser.__typename).toBe('ValidationError');
  });

  it('are described by the same rule in the schema and the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(IDEMPOTENCY_KEY_DESCRIPTION);
  });
});
