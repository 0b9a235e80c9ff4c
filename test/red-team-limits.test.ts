import { getNamedType, isLeafType, isObjectType } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { startTestApp, type TestApp } from './support/app.js';
import { MODES, ONE_CALL, signJwt, TOKENS } from './support/red-team.js';
import { globalId, NO_CALLS, send, vendorCalls } from './support/security.js';

// Red team, the work one request may cause (issue 11, items 5-7): JWT policy, aliases counted with
// `__typename`, bounded string inputs, the vendor-call budget (at validation, before execution, and at
// run time), no suggestions, no echo of a broken body. Every refusal is checked against the
// simulators' logs: refused means no vendor call.

const read = { authorization: `Bearer ${TOKENS.read}` };
const write = { authorization: `Bearer ${TOKENS.write}` };
const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => globalId(`User:dialpad:${2000 + from + i}`));

describe.each(MODES)('red team, limits, %s mode', (mode, env) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(env);
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  describe('JWT policy', () => {
    const now = () => Math.floor(Date.now() / 1000);
    it.each([
      ['without exp', () => signJwt({ exp: undefined })],
      ['issued an hour in the future', () => signJwt({ iat: now() + 3600, exp: now() + 3900 })],
      ['not valid before an hour from now', () => signJwt({ nbf: now() + 3600 })],
      ['living longer than the maximum (a day)', () => signJwt({ exp: now() + 2 * 86_400 })],
      ['without iat but expiring in two days', () => signJwt({ iat: undefined, exp: now() + 2 * 86_400 })],
      ['expired beyond the clock tolerance', () => signJwt({ iat: now() - 600, exp: now() - 120 })],
    ])('refuses a token %s with 401, before any vendor call', async (_, make) => {
      const response = await app.graphql(ONE_CALL, undefined, { authorization: `Bearer ${await make()}` });
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
    });

    it.each([
      ['valid for five minutes', () => signJwt({})],
      ['issued 30 s in the future (within the tolerance)', () => signJwt({ iat: now() + 30, exp: now() + 330 })],
      ['expired 30 s ago (within the tolerance)', () => signJwt({ iat: now() - 300, exp: now() - 30 })],
    ])('accepts a token %s', async (_, make) => {
      const response = await app.graphql<{ userByVendorId: unknown }>(ONE_CALL, undefined, { authorization: `Bearer ${await make()}` });
      expect(response.status).toBe(200);
      expect(response.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('UNAUTHENTICATED');
    });
  });

  describe('aliases count every field, __typename included', () => {
    it('refuses 200 __typename aliases with QUERY_TOO_COMPLEX', async () => {
      const response = await app.graphql(`{ ${Array.from({ length: 200 }, (_, i) => `t${i}: __typename`).join(' ')} }`, undefined, read);
      expect(response.status).toBe(400);
      expect(response.data ?? null).toBeNull();
      expect(response.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/Aliases limit of 100 exceeded, found 200/), extensions: { code: 'QUERY_TOO_COMPLEX' } })]);
    });

    it('runs the documented largest read: 100 accounts by alias, every field and every vendor\'s details', async () => {
      const leaves = (name: string) => {
        const type = schema.getType(name);
        if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
        return Object.values(type.getFields()).filter((field) => isLeafType(getNamedType(field.type)) && field.args.length === 0 && field.name !== 'raw').map((field) => field.name).join(' ');
      };
      const details = ['RinkelUserDetails', 'DialpadUserDetails', 'ImichatUserDetails', 'CommpeakUserDetails'].map((name) => `... on ${name} { ${leaves(name)} }`).join(' ');
      const query = `{ ${ids(100).map((id, i) => `a${i}: user(id: "${id}") { ...U }`).join(' ')} } fragment U on User { ${leaves('User')} details { __typename ${details} } }`;
      const response = await app.graphql<Record<string, unknown>>(query, undefined, read);
      expect(response.status).toBe(200);
      expect(Object.keys(response.data ?? {})).toHaveLength(100);
      expect(response.errors?.map((error) => error.extensions?.code).filter((code) => code === 'QUERY_TOO_COMPLEX') ?? []).toEqual([]);
    });
  });

  describe('string inputs have lengths', () => {
    const email = `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(150)}.example`;
    it.each([
      ['a 400-character email, inline', `{ usersByEmail(email: "${email}") { id } }`, undefined],
      ['a 400-character email, in a variable', 'query ($e: EmailAddress!) { usersByEmail(email: $e) { id } }', { e: email }],
      ['a 95 KB email, in a variable', 'query ($e: EmailAddress!) { usersByEmail(email: $e) { id } }', { e: `${'a'.repeat(95_000)}@example.com` }],
      ['a 300-character vendor id', `{ userByVendorId(vendor: DIALPAD, vendorUserId: "${'1'.repeat(300)}") { id } }`, undefined],
      ['a 5 KB global id in nodes', 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['x'.repeat(5000)] }],
      ['a 5 KB search', 'query ($f: UserFilter) { users(first: 1, filter: $f) { totalCount } }', { f: { search: 's'.repeat(5000) } }],
    ])('refuses %s with BAD_USER_INPUT before any vendor call', async (_, query, variables) => {
      const response = await app.graphql(query, variables, read);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/at most \d+ characters/);
      expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
    });

    it('refuses a 500-character firstName in a write, writing nothing', async () => {
      const response = await app.graphql('mutation ($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }', { input: { id: ids(1)[0], firstName: 'M'.repeat(500) } }, write);
      expect(response.status).toBe(400);
      expect(response.errors).toEqual([expect.objectContaining({ message: '`firstName` may be at most 100 characters, got 500.', extensions: { code: 'BAD_USER_INPUT', argument: 'firstName' } })]);
      expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
    });
  });

  describe('the vendor-call budget (MAX_VENDOR_CALLS, 200)', () => {
    const nodes = (count: number) => `n${count}: nodes(ids: [${ids(100, count * 100).map((id) => `"${id}"`).join(', ')}]) { id }`;
    it.each([
      ['5 aliased nodes of 100 literal ids', () => ({ query: `{ ${[0, 1, 2, 3, 4].map(nodes).join(' ')} }` })],
      ['5 aliased nodes of 100 ids in variables', () => ({ query: `query (${[0, 1, 2, 3, 4].map((i) => `$i${i}: [ID!]!`).join(', ')}) { ${[0, 1, 2, 3, 4].map((i) => `n${i}: nodes(ids: $i${i}) { id }`).join(' ')} }`, variables: Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`i${i}`, ids(100, i * 100)])) })],
      ['5 aliased users pages of 100', () => ({ query: `{ ${[0, 1, 2, 3, 4].map((i) => `u${i}: users(first: 100) { totalCount }`).join(' ')} }` })],
      ['60 email lookups across 4 vendors, through a fragment', () => ({ query: `query { ...F } fragment F on Query { ${Array.from({ length: 60 }, (_, i) => `e${i}: usersByEmail(email: "x${i}@example.com") { id }`).join(' ')} }` })],
      ['500 ids in one nodes', () => ({ query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: ids(500) } })],
    ])('refuses %s with QUERY_TOO_COMPLEX before any vendor call', async (_, make) => {
      const { query, variables } = make() as { query: string; variables?: Record<string, unknown> };
      const response = await app.graphql(query, variables, read);
      expect(response.status).toBe(400);
      expect(response.data ?? null).toBeNull();
      expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', maxVendorCalls: 200, vendorCalls: expect.any(Number) }) })]);
      expect(response.errors?.[0]?.extensions?.vendorCalls).toBeGreaterThan(200);
      expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
    });

    it('refuses 101 writes (202 calls) and lets 2 × 100 ids through (200 calls)', async () => {
      const writes = await app.graphql('mutation ($inputs: [UpdateUserInput!]!) { updateUsers(inputs: $inputs) { __typename } }', { inputs: ids(101).map((id) => ({ id, firstName: 'Eve' })) }, write);
      expect(writes.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', vendorCalls: 202 });
      expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
      const reads = await app.graphql<Record<string, unknown[]>>(`{ ${[0, 1].map(nodes).join(' ')} }`, undefined, read);
      expect(reads.status).toBe(200);
      expect(reads.data?.n0).toHaveLength(100);
      expect(reads.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('QUERY_TOO_COMPLEX');
    });
  });

  describe('no suggestions, no echo', () => {
    it.each([
      ['an enum typo in a variable', 'query ($v: Vendor!) { userByVendorId(vendor: $v, vendorUserId: "1000") { id } }', { v: 'RINKELL' }, '"RINKEL"'],
      ['an enum typo inline', '{ userByVendorId(vendor: DIALPADD, vendorUserId: "1000") { id } }', undefined, '"DIALPAD"'],
      ['an input field typo in a variable', 'query ($f: UserFilter) { users(first: 1, filter: $f) { totalCount } }', { f: { vendorz: ['RINKEL'] } }, '"vendors"'],
      ['an argument typo', '{ users(frist: 1) { totalCount } }', undefined, '"first"'],
      ['a type typo', 'query ($v: Vendorr!) { userByVendorId(vendor: $v, vendorUserId: "1") { id } }', { v: 'RINKEL' }, '"Vendor"'],
      ['a field typo', '{ users(first: 1) { totalCont } }', undefined, '"totalCount"'],
    ])('gives %s no suggestion', async (_, query, variables, suggestion) => {
      const response = await app.graphql(query, variables, read);
      expect(response.status).toBe(400);
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(response.text).not.toMatch(/Did you mean/i);
      expect(response.text).not.toContain(suggestion);
      expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
    });

    it('does not echo a broken JSON body', async () => {
      for (const body of ['{"query": "{ vendors { vendor } }", zz-marker-in-the-body', "{'query': 'zz-marker-in-the-body'}", '']) {
        const response = await send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...read }, body });
        expect(response.status, `${mode}: ${body}`).toBe(400);
        expect(response.text).not.toContain('zz-marker');
        expect(response.json?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
        expect(response.json?.errors?.[0]?.extensions).not.toHaveProperty('originalError');
      }
    });
  });
});

describe('the vendor-call budget at run time', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ...MODES[0]![1], MAX_VENDOR_CALLS: '3' });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  it('sends no call past the budget when retries would exceed it: those fail with QUERY_TOO_COMPLEX', async () => {
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    const query = `{ ${['1000', '1001', '1002'].map((id, i) => `a${i}: userByVendorId(vendor: DIALPAD, vendorUserId: "${id}") { id }`).join(' ')} }`;
    const response = await app.graphql(query, undefined, read);
    expect(vendorCalls(app.simulators).dialpad).toHaveLength(3);
    expect(response.errors?.map((error) => error.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses at validation what could exceed it', async () => {
    const query = `{ ${['1000', '1001', '1002', '1003'].map((id, i) => `a${i}: userByVendorId(vendor: DIALPAD, vendorUserId: "${id}") { id }`).join(' ')} }`;
    const response = await app.graphql(query, undefined, read);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', vendorCalls: 4, maxVendorCalls: 3 });
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });
});
