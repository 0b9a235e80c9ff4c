import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { createPeople } from '../src/simulator/people.js';
import { printedSubgraph, SUBGRAPH_PATH } from '../scripts/print-schema.js';
import { calls, startTestApp, type TestApp } from './support/app.js';

// Switchboard as a subgraph, spoken to the way a router does: `_service` and `_entities` over HTTP.

const TOKENS = { read: 'fed-reader-token-0001', write: 'fed-writer-token-0001', raw: 'fed-raw-reader-0001' };
const AUTH_TOKENS = JSON.stringify({ [TOKENS.read]: ['users:read'], [TOKENS.write]: ['users:write'], [TOKENS.raw]: ['users:read', 'users:raw'] });
const as = (token: string) => ({ authorization: `Bearer ${token}` });

const GET_PATH: Record<VendorId, (id: string) => string> = {
  rinkel: (id) => `GET /users/${id}`,
  dialpad: (id) => `GET /api/v2/users/${id}`,
  imichat: (id) => `GET /users/${id}`,
  commpeak: (id) => `GET /api/users/${id}`,
};

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  __typename ... on User { id vendor vendorUserId fullName } ... on Person { email accounts { vendor vendorUserId } } } }`;

interface Listed { id: string; vendor: string; vendorUserId: string }
interface Entity { __typename: string; id?: string; vendor?: string; vendorUserId?: string; email?: string; accounts?: { vendor: string; vendorUserId: string }[] }

/** The person of seed 5 with accounts in the most vendors (all four). */
const person = [...createPeople({ seed: 5 }).shared].sort((a, b) => b.vendors.length - a.vendors.length)[0];

let app: TestApp;
let sample: Record<VendorId, Listed[]>;
beforeAll(async () => {
  app = await startTestApp({ AUTH_TOKENS });
  sample = {} as Record<VendorId, Listed[]>;
  for (const vendor of VENDOR_IDS) {
    const { data } = await app.graphql<{ users: { edges: { node: Listed }[] } }>(
      `query ($v: [Vendor!]) { users(first: 10, filter: { vendors: $v }) { edges { node { id vendor vendorUserId } } } }`, { v: [vendor.toUpperCase()] }, as(TOKENS.read));
    sample[vendor] = data?.users.edges.map((edge) => edge.node) ?? [];
    expect(sample[vendor]).toHaveLength(10);
  }
});
afterAll(() => app.close());
beforeEach(async () => {
  app.reset();
  // reset() drops IMIchat's token: authorize again now, so the calls counted below are only the reads.
  await app.graphql('{ users(first: 1, filter: { vendors: [IMICHAT] }) { totalCount } }', undefined, as(TOKENS.read));
  for (const vendor of VENDOR_IDS) app.simulators[vendor].clearRecords();
});

describe('_service', () => {
  it('answers the SDL checked in as subgraph.graphql: Federation v2 by @link, User keyed by id and by vendor id, Person by email', async () => {
    const { data, errors } = await app.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }', undefined, as(TOKENS.read));
    expect(errors).toBeUndefined();
    const sdl = data?._service.sdl ?? '';
    expect(sdl).toMatch(/extend schema\s+@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(sdl).toMatch(/type User implements Node\s+@key\(fields: "id"\)\s+@key\(fields: "vendor vendorUserId"\)/);
    expect(sdl).toMatch(/type Person\s+@key\(fields: "email"\)/);
    expect(`${sdl}\n`).toBe(printedSubgraph());
    if (readFileSync(SUBGRAPH_PATH, 'utf8') !== printedSubgraph()) expect.fail('subgraph.graphql is out of date with src/schema: run `npm run schema` and commit it.');
  });

  it('describes every type and field of the subgraph, Person included', () => {
    const lines = printedSubgraph().split('\n');
    const undocumented = lines.filter((line, i) => {
      const isDefinition = /^(type|input|enum|union|interface|scalar) /.test(line) || /^ {2}\w+(\(|:)/.test(line) || /^ {2}[A-Z_0-9]+$/.test(line);
      const previous = lines[i - 1]?.trim() ?? '';
      return isDefinition && !previous.endsWith('"""') && !previous.endsWith('"');
    });
    expect(undocumented).toEqual([]);
    expect(lines).toContain('type Person');
  });
});

describe('_entities', () => {
  it('resolves 100 representations naming 40 accounts with 40 vendor calls, in representation order', async () => {
    const accounts = VENDOR_IDS.flatMap((vendor) => sample[vendor]);
    // Each account named 2 or 3 times, alternately by global id and by vendor id.
    const representations = Array.from({ length: 100 }, (_, i) => {
      const account = accounts[i % 40] as Listed;
      return i % 2 === 0 ? { __typename: 'User', id: account.id } : { __typename: 'User', vendor: account.vendor, vendorUserId: account.vendorUserId };
    });
    const { data, errors } = await app.graphql<{ _entities: Entity[] }>(ENTITIES, { r: representations }, as(TOKENS.read));
    expect(errors).toBeUndefined();
    expect(data?._entities.map((entity) => entity.id)).toEqual(representations.map((_, i) => accounts[i % 40]?.id));
    for (const vendor of VENDOR_IDS) {
      expect(calls(app.simulators, vendor).sort()).toEqual(sample[vendor].map((user) => GET_PATH[vendor](user.vendorUserId)).sort());
    }
  });

  it('refuses, before any vendor call, representations that could make more vendor calls than MAX_VENDOR_CALLS', async () => {
    const accounts = VENDOR_IDS.flatMap((vendor) => sample[vendor]);
    const representations = Array.from({ length: 201 }, (_, i) => ({ __typename: 'User', id: (accounts[i % accounts.length] as Listed).id }));
    const { status, errors } = await app.graphql(ENTITIES, { r: representations }, as(TOKENS.read));
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', vendorCalls: 201, maxVendorCalls: 200 });
    for (const vendor of VENDOR_IDS) expect(calls(app.simulators, vendor)).toEqual([]);
  });

  it('gives a representation that names no account NOT_FOUND in its own slot, its neighbours intact', async () => {
    const [first, second] = sample.dialpad as [Listed, Listed];
    const missing = [
      { __typename: 'User', id: Buffer.from('User:dialpad:999999999').toString('base64') }, // well-formed, no such account
      { __typename: 'User', vendor: 'RINKEL', vendorUserId: 'ffffffffffffffffffffffff' },
      { __typename: 'User', id: 'bm90LWFuLWlk' }, // not an id this API issued
      { __typename: 'User', vendor: 'ACME', vendorUserId: '1' },
    ];
    const representations = [{ __typename: 'User', id: first.id }, ...missing, { __typename: 'User', vendor: 'dialpad', vendorUserId: second.vendorUserId }];
    const { data, errors } = await app.graphql<{ _entities: (Entity | null)[] }>(ENTITIES, { r: representations }, as(TOKENS.read));
    expect(data?._entities.map((entity) => entity?.vendorUserId ?? null)).toEqual([first.vendorUserId, null, null, null, null, second.vendorUserId]);
    expect(errors?.map((error) => [error.path, error.extensions?.code]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([1, 2, 3, 4].map((i) => [['_entities', i], 'NOT_FOUND']));
    expect(errors?.find((error) => error.path?.[1] === 4)?.message).toBe('No vendor is called "ACME"; User.vendor is one of RINKEL, DIALPAD, IMICHAT, COMMPEAK.');
    // The two real accounts and the well-formed missing ones were asked for; the rest never left the gateway.
    expect(calls(app.simulators, 'dialpad').sort()).toEqual([GET_PATH.dialpad(first.vendorUserId), GET_PATH.dialpad(second.vendorUserId), GET_PATH.dialpad('999999999')].sort());
  });

  it('refuses a representation without a key or of a type that is no entity, with a code and its index', async () => {
    const [user] = sample.rinkel as [Listed];
    const noKey = await app.graphql<{ _entities: (Entity | null)[] }>(ENTITIES, { r: [{ __typename: 'User', id: user.id }, { __typename: 'User', vendorUserId: user.vendorUserId }] }, as(TOKENS.read));
    expect(noKey.data?._entities[0]?.id).toBe(user.id);
    expect(noKey.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['_entities', 1], 'BAD_USER_INPUT']]);
    for (const bad of [{ __typename: 'VendorInfo', vendor: 'RINKEL' }, { __typename: 'Nope' }, { id: user.id }, 'User']) {
      const { status, data, errors } = await app.graphql(ENTITIES, { r: [{ __typename: 'User', id: user.id }, bad] }, as(TOKENS.read));
      expect(status).toBe(200);
      expect(data).toBeNull();
      expect(errors?.[0]?.message).toContain('`representations[1]`');
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const none = await app.graphql<{ _entities: unknown[] }>(ENTITIES, { r: [] }, as(TOKENS.read));
    expect(none).toMatchObject({ status: 200, data: { _entities: [] }, errors: undefined });
    const badEmail = await app.graphql<{ _entities: (Entity | null)[] }>(ENTITIES, { r: [{ __typename: 'Person', email: 'not-an-address' }, { __typename: 'Person', email: null }] }, as(TOKENS.read));
    expect(badEmail.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['_entities', 0], 'BAD_USER_INPUT'], [['_entities', 1], 'BAD_USER_INPUT']]);
    // One call, for the first request's good neighbour; a refused field loads nothing.
    for (const vendor of VENDOR_IDS) expect(calls(app.simulators, vendor)).toEqual(vendor === 'rinkel' ? [GET_PATH.rinkel(user.vendorUserId)] : []);
  });

  it('resolves a Person to the accounts usersByEmail gives, in every vendor', async () => {
    if (!person) throw new Error('seed 5 has no shared person');
    const expected = await app.graphql<{ usersByEmail: { vendor: string; vendorUserId: string }[] }>('query ($e: EmailAddress!) { usersByEmail(email: $e) { vendor vendorUserId } }', { e: person.email }, as(TOKENS.read));
    expect(expected.data?.usersByEmail.map((user) => user.vendor).sort()).toEqual(['COMMPEAK', 'DIALPAD', 'IMICHAT', 'RINKEL']);
    const { data, errors } = await app.graphql<{ _entities: Entity[] }>(ENTITIES, { r: [{ __typename: 'Person', email: person.email.toUpperCase() }] }, as(TOKENS.read));
    expect(errors).toBeUndefined();
    expect(data?._entities[0]).toEqual({ __typename: 'Person', email: person.email.toUpperCase(), accounts: expected.data?.usersByEmail });
  });

  it("keeps a Person's other accounts when one vendor fails, the failure in errors with its code and path", async () => {
    if (!person) throw new Error('seed 5 has no shared person');
    app.simulators.commpeak.faults.set([{ kind: 'status', status: 503 }]);
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { accounts { vendor } unavailableVendors } } }';
    const { data, errors } = await app.graphql<{ _entities: { accounts: { vendor: string }[]; unavailableVendors: string[] }[] }>(query, { r: [{ __typename: 'Person', email: person.email }] }, as(TOKENS.read));
    expect(data?._entities[0]?.accounts.map((account) => account.vendor).sort()).toEqual(['DIALPAD', 'IMICHAT', 'RINKEL']);
    expect(data?._entities[0]?.unavailableVendors).toEqual(['COMMPEAK']);
    expect(errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.vendor])).toEqual([[['_entities', 0, 'accounts'], 'VENDOR_UNAVAILABLE', 'COMMPEAK']]);
  });
});

describe('auth on entities, exactly as on queries', () => {
  it('refuses _entities and _service without users:read, before any vendor call, and without a token altogether', async () => {
    const [user] = sample.imichat as [Listed];
    for (const [query, field] of [[ENTITIES, '_entities'], ['{ _service { sdl } }', '_service']] as const) {
      const { data, errors } = await app.graphql(query, { r: [{ __typename: 'User', id: user.id }] }, as(TOKENS.write));
      expect(data).toBeNull();
      expect(errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[[field], 'FORBIDDEN']]);
      const anonymous = await app.graphql(query, { r: [{ __typename: 'User', id: user.id }] });
      expect(anonymous.status).toBe(401);
    }
    for (const vendor of VENDOR_IDS) expect(calls(app.simulators, vendor)).toEqual([]);
  });

  it('checks User.raw for users:raw on an entity as on user(id:)', async () => {
    const [user] = sample.rinkel as [Listed];
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { vendorUserId raw } } }';
    const reader = await app.graphql<{ _entities: { vendorUserId: string; raw: unknown }[] }>(query, { r: [{ __typename: 'User', id: user.id }] }, as(TOKENS.read));
    expect(reader.data?._entities[0]).toEqual({ vendorUserId: user.vendorUserId, raw: null });
    expect(reader.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['_entities', 0, 'raw'], 'FORBIDDEN']]);
    const raw = await app.graphql<{ _entities: { vendorUserId: string; raw: { id: string } }[] }>(query, { r: [{ __typename: 'User', id: user.id }] }, as(TOKENS.raw));
    expect(raw.errors).toBeUndefined();
    expect(raw.data?._entities[0]?.raw.id).toBe(user.vendorUserId);
  });
});

describe('FEDERATION=off', () => {
  let standalone: TestApp;
  beforeAll(async () => {
    standalone = await startTestApp({ FEDERATION: 'off' });
  });
  afterAll(() => standalone.close());

  it('serves the public schema alone: no _service, _entities, Person or federation scalars', async () => {
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: []) { __typename } }']) {
      const { status, errors } = await standalone.graphql(query);
      expect(status).toBe(400);
      expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const { data } = await standalone.graphql<Record<string, unknown>>('{ person: __type(name: "Person") { name } any: __type(name: "_Any") { name } entity: __type(name: "_Entity") { name } user: __type(name: "User") { name } }');
    expect(data).toEqual({ person: null, any: null, entity: null, user: { name: 'User' } });
  });

  it('is on by default and refuses a value it does not know', async () => {
    const { loadConfig, ConfigError } = await import('../src/config.js');
    expect(loadConfig({}).federation).toBe(true);
    expect(loadConfig({ FEDERATION: 'on' }).federation).toBe(true);
    expect(() => loadConfig({ FEDERATION: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ FEDERATION: 'maybe' })).toThrow('FEDERATION must be on or off, got "maybe"');
  });
});
