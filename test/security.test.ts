import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type GenerateKeyPairResult, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { VENDOR_IDS } from '../src/connectors/types.js';
import { startSimulators, type Simulators } from '../src/simulator/start.js';
import { startTestApp, type TestApp } from './support/app.js';
import { aliasQuery, chunkedPost, deepQuery, globalId, NO_CALLS, send, vendorCalls } from './support/security.js';

// Who may call, what a query may cost, and what never leaks (issue 6, items 1-5): each app is started
// with the env under test and talked to over real HTTP; the simulators' request logs prove that a
// refused request cost no vendor call.

const TOKENS = {
  read: 'read-token-0123456789abcdef',
  write: 'write-token-0123456789abcdef',
  raw: 'raw-token-0123456789abcdef',
} as const;
const AUTH_TOKENS = JSON.stringify({ [TOKENS.read]: ['users:read'], [TOKENS.write]: ['users:write'], [TOKENS.raw]: ['users:read', 'users:raw'] });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const PERSISTED_FILE = fileURLToPath(new URL('./generated/persisted-documents.json', import.meta.url));

type Edges = { users: { edges: { node: Record<string, unknown> }[] } };

describe('static bearer tokens and scopes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ AUTH_TOKENS });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  const rinkelTarget = async () => {
    const { data } = await app.graphql<Edges>('{ users(first: 1, filter: { vendors: [RINKEL] }) { edges { node { id vendorUserId } } } }', undefined, bearer(TOKENS.read));
    const node = data?.users.edges[0]?.node as { id: string; vendorUserId: string };
    app.reset();
    return node;
  };

  it('answers a request without a token with 401, UNAUTHENTICATED and WWW-Authenticate, before any vendor call', async () => {
    const response = await send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ users(first: 5) { totalCount } }' }) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(response.json?.errors).toEqual([{ message: expect.stringMatching(/Authorization: Bearer/), extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it.each([
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json'],
    ['application/json, application/graphql-response+json;q=0.5', 'application/json'],
    ['*/*', 'application/json'],
    [undefined, 'application/json'],
  ])('answers the 401 of a client that accepts %s as %s', async (accept, expected) => {
    const response = await send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: JSON.stringify({ query: '{ vendors { vendor } }' }) });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')?.split(';')[0]).toBe(expected);
    expect(response.json?.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it.each([
    ['another scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['the scheme alone', 'Bearer'],
    ['two tokens', `Bearer ${TOKENS.read} ${TOKENS.read}`],
    ['no scheme', TOKENS.read],
    ['an empty bearer', 'Bearer   '],
  ])('refuses a malformed Authorization header (%s) with 401', async (_, authorization) => {
    const response = await app.graphql('{ users(first: 5) { totalCount } }', undefined, { authorization });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses an unknown token with 401 without echoing it', async () => {
    const response = await app.graphql('{ users(first: 5) { totalCount } }', undefined, bearer('unknown-token-0123456789abcdef'));
    expect(response.status).toBe(401);
    expect(response.errors).toEqual([{ message: 'Invalid or expired token.', extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(response.text).not.toContain('unknown-token');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('lets a users:read token read users', async () => {
    const { status, data, errors } = await app.graphql<Edges>('{ users(first: 3) { edges { node { id fullName vendor } } } }', undefined, bearer(TOKENS.read));
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data?.users.edges).toHaveLength(3);
  });

  it('refuses updateUser to a users:read token with FORBIDDEN, and nothing is written', async () => {
    const target = await rinkelTarget();
    const { data, errors } = await app.graphql(`mutation { updateUser(input: { id: "${target.id}", firstName: "Mallory" }) { __typename } }`, undefined, bearer(TOKENS.read));
    expect(data).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ path: ['updateUser'], extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('users:write') })]);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
    expect(app.simulators.rinkel.ledger().entries).toEqual([]);
  });

  it('gives a users:read token null and FORBIDDEN for raw, and the rest of each user', async () => {
    const { data, errors } = await app.graphql<Edges>('{ users(first: 2, filter: { vendors: [DIALPAD] }) { edges { node { id vendorUserId fullName raw } } } }', undefined, bearer(TOKENS.read));
    const nodes = data?.users.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      expect(node.raw).toBeNull();
      expect(node.id).toEqual(expect.any(String));
      expect(node.vendorUserId).toMatch(/^\d+$/);
      expect(node.fullName).toEqual(expect.any(String));
    }
    expect(errors).toEqual([0, 1].map((i) => expect.objectContaining({ path: ['users', 'edges', i, 'node', 'raw'], extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('users:raw') })));
  });

  it('lets a users:write token change an account: the simulator ledger shows the write', async () => {
    const target = await rinkelTarget();
    const { data, errors } = await app.graphql<{ updateUser: { __typename: string; user: { firstName: string } } }>(
      `mutation { updateUser(input: { id: "${target.id}", firstName: "Jane" }) { __typename ... on UpdateUserSuccess { user { firstName } } } }`,
      undefined,
      bearer(TOKENS.write),
    );
    expect(errors).toBeUndefined();
    expect(data?.updateUser).toEqual({ __typename: 'UpdateUserSuccess', user: { firstName: 'Jane' } });
    expect(app.simulators.rinkel.ledger().entries.map(({ method, url, body, applied }) => ({ method, url, body, applied }))).toEqual([
      { method: 'PATCH', url: `/users/${target.vendorUserId}`, body: { firstName: 'Jane' }, applied: true },
    ]);
  });

  it('does not let a users:write token read (it lacks users:read)', async () => {
    const { data, errors } = await app.graphql('{ users(first: 1) { totalCount } }', undefined, bearer(TOKENS.write));
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('lets a users:raw token read raw', async () => {
    const { data, errors } = await app.graphql<Edges>('{ users(first: 4, filter: { vendors: [COMMPEAK] }) { edges { node { vendorUserId raw } } } }', undefined, bearer(TOKENS.raw));
    expect(errors).toBeUndefined();
    const nodes = data?.users.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(4);
    for (const node of nodes) {
      expect(node.raw).toEqual(expect.objectContaining({ id: node.vendorUserId }));
      // CommPeak returns the SIP secret; `raw` is documented as "secrets removed".
      expect(node.raw).not.toHaveProperty('registration_password');
    }
  });
});

describe('JWT, HS256', () => {
  const SECRET = 'switchboard-test-secret-0123456789abcdef';
  const key = new TextEncoder().encode(SECRET);
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_AUDIENCE: 'switchboard' });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  const sign = (claims: JWTPayload, { secret = key, audience = 'switchboard', expires = '5m' as string | number } = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('alice').setIssuedAt().setAudience(audience).setExpirationTime(expires).sign(secret);
  const read = (token: string) => app.graphql<{ users: { totalCount: number } }>('{ users(first: 1) { totalCount } }', undefined, bearer(token));

  it('accepts a valid token and grants the scopes in `scope`', async () => {
    const token = await sign({ scope: 'users:read users:write' });
    const { status, data, errors } = await read(token);
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data?.users.totalCount).toBeGreaterThan(0);
    const dryRun = await app.graphql<{ updateUser: { __typename: string } }>(
      `mutation { updateUser(input: { id: "${globalId('User:dialpad:1000')}", firstName: "Jane", dryRun: true }) { __typename } }`,
      undefined,
      bearer(token),
    );
    expect(dryRun.errors).toBeUndefined();
    expect(dryRun.data?.updateUser.__typename).toEqual(expect.any(String));
  });

  it('reads scopes from an `scp` array too, and enforces them', async () => {
    const token = await sign({ scp: ['users:read'] });
    expect((await read(token)).errors).toBeUndefined();
    const { data, errors } = await app.graphql(`mutation { updateUser(input: { id: "${globalId('User:dialpad:1000')}", firstName: "Jane" }) { __typename } }`, undefined, bearer(token));
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['expired', () => sign({ scope: 'users:read' }, { expires: Math.floor(Date.now() / 1000) - 60 })],
    ['signed with another secret', () => sign({ scope: 'users:read' }, { secret: new TextEncoder().encode('another-secret-0123456789abcdefghijkl') })],
    ['for another audience', () => sign({ scope: 'users:read' }, { audience: 'someone-else' })],
    ['unsigned (`alg: none`)', async () => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'alice', aud: 'switchboard', scope: 'users:read', exp: Math.floor(Date.now() / 1000) + 300 })}.`;
    }],
    ['with its payload altered after signing', async () => {
      const [header, , signature] = (await sign({ scope: 'users:read' })).split('.');
      const forged = Buffer.from(JSON.stringify({ sub: 'alice', aud: 'switchboard', scope: 'users:read users:write users:raw', exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
      return `${header}.${forged}.${signature}`;
    }],
  ])('refuses a token %s with 401', async (_, make) => {
    const response = await read(await make());
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });
});

describe('JWT, RS256/ES256 through a JWKS URL', () => {
  let jwks: Server;
  let app: TestApp;
  let rsa: GenerateKeyPairResult;
  let ec: GenerateKeyPairResult;
  let stranger: GenerateKeyPairResult;

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    stranger = await generateKeyPair('RS256', { extractable: true });
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    app = await startTestApp({ AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json` });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwks.close(resolve));
  });
  beforeEach(() => app.reset());

  const sign = (privateKey: CryptoKey, alg: 'RS256' | 'ES256', kid: string) =>
    new SignJWT({ scope: 'users:read' }).setProtectedHeader({ alg, kid }).setSubject('bob').setIssuedAt().setExpirationTime('5m').sign(privateKey);
  const read = (token: string) => app.graphql<{ users: { totalCount: number } }>('{ users(first: 1) { totalCount } }', undefined, bearer(token));

  it.each([
    ['RS256', 'rsa-1'],
    ['ES256', 'ec-1'],
  ] as const)('accepts a %s token signed with a published key', async (alg, kid) => {
    const { status, data, errors } = await read(await sign(alg === 'RS256' ? rsa.privateKey : ec.privateKey, alg, kid));
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data?.users.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['another key under a published kid', () => sign(stranger.privateKey, 'RS256', 'rsa-1')],
    ['another key under an unknown kid', () => sign(stranger.privateKey, 'RS256', 'rsa-2')],
    ['HS256, keyed with the public JWK (algorithm confusion)', async () => {
      const publicJwk = JSON.stringify(await exportJWK(rsa.publicKey));
      return new SignJWT({ scope: 'users:read' }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setExpirationTime('5m').sign(new TextEncoder().encode(publicJwk));
    }],
  ])('refuses a token signed by %s with 401', async (_, make) => {
    const response = await read(await make());
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });
});

describe('production configuration', () => {
  it('refuses to start without authentication, naming the variables that would configure it', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', PORT: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['AUTH_TOKENS', 'AUTH_JWT_SECRET', 'AUTH_JWKS_URL', 'AUTH=none']) expect(message).toContain(name);
  });

  it('names the rule a short AUTH_TOKENS token breaks, never the token', () => {
    const short = 'abc-secret-12';
    let error: unknown;
    try {
      loadConfig({ PORT: '0', AUTH_TOKENS: JSON.stringify({ [short]: ['users:read'], 'long-enough-token-0123': ['users:read'] }) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('tokens must be at least 16 characters');
    expect(message).not.toContain('Invalid key');
    expect(message).not.toContain(short);
  });

  describe('with AUTH=none', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ NODE_ENV: 'production', AUTH: 'none' });
    });
    afterAll(() => app.close());

    it('starts and serves queries', async () => {
      const { data } = await app.graphql<{ vendors: unknown[] }>('{ vendors { vendor } }');
      expect(data?.vendors).toHaveLength(4);
    });

    it('does not serve GraphiQL', async () => {
      const page = await send(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.text).not.toMatch(/graphiql/i);
      expect(page.text).not.toContain('Switchboard');
      expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
    });

    it('refuses introspection', async () => {
      const { data, errors } = await app.graphql('{ __schema { types { name } } }');
      expect(data ?? null).toBeNull();
      expect(errors?.[0]?.message).toMatch(/introspection/i);
    });
  });

  describe('with GRAPHIQL=true and INTROSPECTION=true', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ NODE_ENV: 'production', AUTH: 'none', GRAPHIQL: 'true', INTROSPECTION: 'true' });
    });
    afterAll(() => app.close());

    it('serves GraphiQL and answers introspection', async () => {
      const page = await send(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Switchboard');
      const { data, errors } = await app.graphql<{ __schema: { types: { name: string }[] } }>('{ __schema { types { name } } }');
      expect(errors).toBeUndefined();
      expect(data?.__schema.types.map((type) => type.name)).toContain('User');
    });
  });
});

describe('query limits: refused before any vendor call', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  it('runs the same real-field document at depth 9 (so the depth-20 refusal below is the limit at work)', async () => {
    const { data, errors } = await app.graphql<Edges>(deepQuery(9));
    expect(errors).toBeUndefined();
    expect(data?.users.edges).toHaveLength(1);
    expect(vendorCalls(app.simulators).rinkel.length).toBeGreaterThan(0);
  });

  it('refuses a depth-20 query', async () => {
    const { data, errors } = await app.graphql(deepQuery(20));
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.message).toMatch(/depth limit of 12 exceeded, found 20/);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses 101 aliases (100 is the documented largest read)', async () => {
    const { data, errors } = await app.graphql(aliasQuery(101));
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.message).toMatch(/Aliases limit of 100 exceeded, found 101/);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses a 10 MB body with 413, quickly', async () => {
    const body = JSON.stringify({ query: '{ users(first: 1) { totalCount } }', variables: { padding: 'x'.repeat(10 * 1024 * 1024) } });
    const response = await send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(response.json?.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.ms).toBeLessThan(3000);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it.each([
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['application/json', 'application/json'],
  ])('answers the 413 of a client that accepts %s as %s', async (accept, expected) => {
    const body = JSON.stringify({ query: '{ vendors { vendor } }', variables: { padding: 'x'.repeat(200_000) } });
    const response = await send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')?.split(';')[0]).toBe(expected);
  });

  it('refuses a chunked POST (no Content-Length) with 411', async () => {
    const response = await chunkedPost(`${app.url}/graphql`, JSON.stringify({ query: '{ users(first: 1) { totalCount } }' }));
    expect(response.status).toBe(411);
    expect(JSON.parse(response.text)).toMatchObject({ errors: [{ extensions: { code: 'LENGTH_REQUIRED' } }] });
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses `nodes` with 101 ids', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => globalId(`User:dialpad:${1000 + i}`));
    const { data, errors } = await app.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(data).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ path: ['nodes'], extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } })]);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses `users(first: 101)`', async () => {
    const { data, errors } = await app.graphql('{ users(first: 101) { totalCount } }');
    expect(data).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ path: ['users'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } })]);
    // A refused page size must not cost a scan of every vendor's directory.
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses `updateUsers` with 101 inputs, writing nothing', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: globalId(`User:dialpad:${1000 + i}`), firstName: 'Mallory' }));
    const { data, errors } = await app.graphql<{ updateUsers: { __typename: string; message: string }[] }>(
      'mutation ($inputs: [UpdateUserInput!]!) { updateUsers(inputs: $inputs) { __typename ... on Error { message } } }',
      { inputs },
    );
    // 101 writes are 202 vendor calls: over the call budget (200) before the 100-input limit is reached.
    expect(data ?? null).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', vendorCalls: 202, maxVendorCalls: 200 }) })]);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses a batched (JSON array) request', async () => {
    const body = JSON.stringify([{ query: '{ users(first: 1) { totalCount } }' }, { query: '{ users(first: 1) { totalCount } }' }]);
    const response = await send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(response.json?.errors?.[0]?.message).toMatch(/batching/i);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('hides field suggestions', async () => {
    const { errors } = await app.graphql('{ users(first: 1) { edges { node { fistName } } } }');
    expect(errors?.[0]?.message).toMatch(/Cannot query field "fistName"/);
    expect(JSON.stringify(errors)).not.toMatch(/Did you mean|firstName/);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });
});

describe('CSRF prevention', () => {
  let app: TestApp;
  let dialpadId = '';
  beforeAll(async () => {
    app = await startTestApp();
    const { data } = await app.graphql<Edges>('{ users(first: 1, filter: { vendors: [DIALPAD] }) { edges { node { vendorUserId } } } }');
    dialpadId = String(data?.users.edges[0]?.node.vendorUserId);
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  const document = () => `{ userByVendorId(vendor: DIALPAD, vendorUserId: "${dialpadId}") { vendorUserId } }`;

  it('runs a GET query with no CSRF header (urql\'s default; a query has no side effect to forge)', async () => {
    const response = await send(`${app.url}/graphql?query=${encodeURIComponent(document())}`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: { userByVendorId: { vendorUserId: dialpadId } } });
  });

  it.each([undefined, 'x-graphql-csrf'])('never runs a mutation sent as GET (header %s): 405 with a code, no vendor call', async (header) => {
    const mutation = `mutation { updateUser(input: { id: "${Buffer.from(`User:dialpad:${dialpadId}`).toString('base64')}", firstName: "Forged" }) { __typename } }`;
    const response = await send(`${app.url}/graphql?query=${encodeURIComponent(mutation)}`, { headers: header ? { [header]: '1' } : {} });
    expect(response.status).toBe(405);
    expect(response.json?.errors?.[0]?.extensions?.['code']).toBeTypeOf('string');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined])('refuses a POST a form can send (content-type %s) with 403 CSRF_REJECTED', async (contentType) => {
    const mutation = `mutation { updateUser(input: { id: "${Buffer.from(`User:dialpad:${dialpadId}`).toString('base64')}", firstName: "Forged" }) { __typename } }`;
    const response = await send(`${app.url}/graphql`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body: JSON.stringify({ query: mutation }) });
    expect(response.status).toBe(403);
    expect(response.json?.errors?.[0]?.extensions?.['code']).toBe('CSRF_REJECTED');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('lets a form-type POST that carries the preflight header past CSRF (then 415: GraphQL bodies are JSON)', async () => {
    const response = await send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-graphql-csrf': '1' }, body: JSON.stringify({ query: document() }) });
    expect(response.status).toBe(415);
    expect(response.json?.errors?.[0]?.extensions?.['code']).toBeTypeOf('string');
  });

  it.each(['graphql-require-preflight', 'x-graphql-csrf'])('runs a GET that carries %s', async (header) => {
    const response = await send(`${app.url}/graphql?query=${encodeURIComponent(document())}`, { headers: { [header]: '1' } });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: { userByVendorId: { vendorUserId: dialpadId } } });
    expect(vendorCalls(app.simulators).dialpad).toEqual([`GET /api/v2/users/${dialpadId}`]);
  });
});

describe('trusted documents (TRUSTED_DOCUMENTS=only)', () => {
  let app: TestApp;
  const documents = JSON.parse(readFileSync(PERSISTED_FILE, 'utf8')) as Record<string, string>;
  const usersPage = Object.keys(documents).find((id) => documents[id]?.includes('query UsersPage')) ?? '';
  beforeAll(async () => {
    app = await startTestApp({ TRUSTED_DOCUMENTS: 'only', TRUSTED_DOCUMENTS_FILE: PERSISTED_FILE });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  const post = (body: object) => send(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify(body) });
  const persisted = (sha256Hash: string) => ({ version: 1, sha256Hash });

  it('runs a persisted document by the id codegen gave it (`sha256:<hex>`, in extensions.persistedQuery)', async () => {
    expect(usersPage).toMatch(/^sha256:[0-9a-f]{64}$/);
    const response = await post({ extensions: { persistedQuery: persisted(usersPage) }, variables: { first: 2 } });
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
    expect((response.json?.data as Edges).users.edges).toHaveLength(2);
  });

  it('finds the same document by its bare hex hash, as Apollo-style persisted-query clients send it', async () => {
    const response = await post({ extensions: { persistedQuery: persisted(usersPage.slice('sha256:'.length)) }, variables: { first: 1 } });
    expect(response.json?.errors).toBeUndefined();
    expect((response.json?.data as Edges).users.edges).toHaveLength(1);
  });

  it('refuses an arbitrary document, before any vendor call', async () => {
    const response = await post({ query: '{ users(first: 2) { totalCount } }' });
    expect(response.status).toBe(400);
    expect(response.json?.data ?? null).toBeNull();
    expect(response.json?.errors?.[0]?.message).toBe('PersistedQueryOnly');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses a persisted document sent with its text too (the text could be anything)', async () => {
    const response = await post({ query: '{ users(first: 2) { totalCount } }', extensions: { persistedQuery: persisted(usersPage) } });
    expect(response.status).toBe(400);
    expect(response.json?.errors?.[0]?.message).toBe('PersistedQueryOnly');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses an unknown id as PersistedQueryNotFound', async () => {
    const response = await post({ extensions: { persistedQuery: persisted(`sha256:${'0'.repeat(64)}`) } });
    expect(response.status).toBe(404);
    expect(response.json?.errors).toEqual([expect.objectContaining({ message: 'PersistedQueryNotFound', extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_IN_LIST' }) })]);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('refuses a request with neither a document nor an id', async () => {
    const response = await post({ variables: { first: 2 } });
    expect(response.status).toBe(400);
    expect(response.json?.errors?.[0]?.message).toBe('PersistedQueryKeyNotFound');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });
});

describe('secret hygiene: `npm start` against live vendors', () => {
  const TOKEN = 'hygiene-token-RECOGNIZABLE-7f3a9c';
  const REFUSED = 'refused-token-RECOGNIZABLE-51be0d';
  const SIP_SECRET = 'sip-secret-RECOGNIZABLE-c0ffee';
  const BASIC = Buffer.from('sandbox:sandbox').toString('base64');
  // The credentials the simulators accept, as the gateway holds them and as they go on the wire. The
  // CommPeak username and password ("sandbox") are too common a word to look for; their Basic value is not.
  const SECRETS = ['sandbox-rinkel-key', 'sandbox-dialpad-key', 'sandbox-imichat-key', Buffer.from('sandbox-imichat-key@sandbox').toString('base64'), BASIC, TOKEN, REFUSED, SIP_SECRET];

  let vendors: Simulators;
  let child: ChildProcess;
  let url = '';
  const logs: string[] = [];
  const seen: { what: string; text: string }[] = [];
  const sipSecrets: string[] = [];

  beforeAll(async () => {
    vendors = await startSimulators({ seed: 3, users: 20 });
    const page = (await (await fetch(`${vendors.commpeak.url}/api/users?page=1&per-page=100`, { headers: { authorization: `Basic ${BASIC}` } })).json()) as { registration_password: string }[];
    sipSecrets.push(...page.map((user) => user.registration_password));
    if (sipSecrets.length === 0) throw new Error('the CommPeak simulator listed no users');
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        LOG_LEVEL: 'debug',
        RETRY_MAX_ATTEMPTS: '1',
        // Every list read goes to the vendors, so the faults below reach `users` too.
        DIRECTORY_TTL_MS: '0',
        AUTH_TOKENS: JSON.stringify({ [TOKEN]: ['users:read', 'users:write', 'users:raw'] }),
        RINKEL_BASE_URL: vendors.rinkel.url ?? '', RINKEL_API_KEY: 'sandbox-rinkel-key',
        DIALPAD_BASE_URL: vendors.dialpad.url ?? '', DIALPAD_API_KEY: 'sandbox-dialpad-key',
        IMICHAT_BASE_URL: vendors.imichat.url ?? '', IMICHAT_API_KEY: 'sandbox-imichat-key', IMICHAT_DOMAIN: 'sandbox', IMICHAT_TEAM_ID: '1',
        COMMPEAK_BASE_URL: vendors.commpeak.url ?? '', COMMPEAK_USERNAME: 'sandbox', COMMPEAK_PASSWORD: 'sandbox',
      },
    });
    child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${logs.join('\n')}`)));
      lines.on('line', (line) => {
        logs.push(line);
        const match = /Switchboard GraphQL at (http:\/\/\S+)\/graphql/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
    });
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await vendors.close();
  });

  const gql = async (what: string, query: string, variables?: Record<string, unknown>, token = TOKEN) => {
    const response = await send(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify({ query, variables }) });
    seen.push({ what, text: response.text });
    return response;
  };
  const get = async (path: string) => {
    const response = await send(`${url}${path}`);
    seen.push({ what: `GET ${path}`, text: response.text });
    return response;
  };
  const ALL = '{ users(first: 100) { totalCount edges { node { id vendor vendorUserId fullName raw details { __typename } } } } }';

  it('keeps credentials and tokens out of responses, raw, errors, /metrics, /readyz and every log line', async () => {
    const listed = await gql('users with raw', ALL);
    const nodes = (listed.json?.data as Edges).users.edges.map((edge) => edge.node);
    expect(new Set(nodes.map((node) => node.vendor))).toEqual(new Set(['RINKEL', 'DIALPAD', 'IMICHAT', 'COMMPEAK']));
    expect(nodes.every((node) => node.raw !== null)).toBe(true);
    const commpeak = nodes.find((node) => node.vendor === 'COMMPEAK');

    // A write-only secret goes to the vendor, and must come back nowhere.
    const write = await gql('write a SIP password', `mutation ($id: ID!, $secret: String!) {
      updateUser(input: { id: $id, commpeak: { registrationPassword: $secret } }) { __typename ... on UpdateUserSuccess { changes { field before after } user { raw } } ... on Error { message } }
    }`, { id: commpeak?.id, secret: SIP_SECRET });
    expect((write.json?.data as { updateUser: { __typename: string } }).updateUser.__typename).toBe('UpdateUserSuccess');

    await gql('refused token', '{ users(first: 1) { totalCount } }', undefined, REFUSED);
    await gql('refused JWT-shaped token', '{ users(first: 1) { totalCount } }', undefined, `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(REFUSED).toString('base64url')}.${REFUSED}`);

    // Every vendor failing in every way a vendor fails: the errors must say so without credentials.
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'rate-limit', retryAfterSeconds: 1 }, { kind: 'malformed-json' }, { kind: 'reset' }] as const) {
      for (const vendor of VENDOR_IDS) vendors[vendor].faults.set([fault]);
      const failed = await gql(`users under ${fault.kind}`, ALL);
      expect(failed.json?.errors?.length ?? 0).toBeGreaterThan(0);
      await gql(`user(id) under ${fault.kind}`, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on User { raw } } }', { ids: nodes.filter((_, i) => i % 7 === 0).map((node) => node.id) });
      await gql(`updateUser under ${fault.kind}`, 'mutation ($id: ID!) { updateUser(input: { id: $id, firstName: "Jane" }) { __typename ... on Error { message } ... on VendorError { code httpStatus } } }', { id: nodes[0]?.id });
      await get('/readyz');
    }
    for (const vendor of VENDOR_IDS) vendors[vendor].faults.clear();
    await get('/readyz');
    await gql('vendors', '{ vendors { vendor mode health circuit quota { limit remaining } } }');
    const metrics = await get('/metrics');
    expect(metrics.text).toMatch(/# TYPE/);

    // Let the last log lines arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen.push({ what: 'logs', text: logs.join('\n') });
    // A call for one account names the request it served (carried on the request's signal); directory
    // scans serve every request at once and name none.
    const upstream = logs.filter((line) => line.includes('"upstream call"')).map((line) => JSON.parse(line) as { route: string; requestId?: string });
    const perAccount = upstream.filter((line) => line.route.includes('{id}'));
    expect(perAccount.length).toBeGreaterThan(0);
    expect(perAccount.filter((line) => !/^[0-9a-f-]{36}$/.test(line.requestId ?? ''))).toEqual([]);

    const leaks = seen.flatMap(({ what, text }) => [...SECRETS, ...sipSecrets].filter((secret) => text.includes(secret)).map((secret) => `${what}: ${secret}`));
    expect(leaks).toEqual([]);
  }, 60_000);
});
