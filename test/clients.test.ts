import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpdateUserDocument, UserByIdDocument, UsersPageDocument } from './generated/documents/graphql.js';
import * as strings from './generated/graphql.js';
import introspection from './generated/possible-types.js';
import { startTestApp, type TestApp } from './support/app.js';

// The three most used GraphQL clients, each with its defaults plus at most the one line of configuration
// the README's "Clients" section shows, against the gateway over real HTTP: list and page, per-vendor
// details, a dry run then a keyed write, a partial failure, a 401.

let app: TestApp;
let authApp: TestApp;
let rinkel: { id: string; vendorUserId: string };

beforeAll(async () => {
  [app, authApp] = await Promise.all([startTestApp(), startTestApp({ AUTH_TOKENS: JSON.stringify({ 'client-token-0123456789': ['users:read'] }) })]);
  const { data } = await app.graphql<{ users: { edges: { node: { id: string; vendorUserId: string } }[] } }>('{ users(first: 1, filter: { vendors: [RINKEL] }) { edges { node { id vendorUserId } } } }');
  rinkel = data!.users.edges[0]!.node;
}, 60_000);
afterAll(async () => {
  await Promise.all([app?.close(), authApp?.close()]);
});
beforeEach(() => app.reset());

const gatewayCalls = (method: string) => app.simulators.rinkel.requests().entries.filter((entry) => entry.method === method);
const idOf = (vendor: string, vendorUserId: string) => Buffer.from(`User:${vendor}:${vendorUserId}`).toString('base64');

describe('urql (defaults: queries as GET, no CSRF header)', () => {
  const client = () => new UrqlClient({ url: `${app.url}/graphql`, exchanges: [fetchExchange], requestPolicy: 'network-only' });

  it('lists users and follows endCursor, over GET', async () => {
    const sent: string[] = [];
    const urql = new UrqlClient({ url: `${app.url}/graphql`, exchanges: [fetchExchange], fetch: (input, init) => (sent.push(init?.method ?? 'GET'), fetch(input, init)) });
    const first = await urql.query(UsersPageDocument, { first: 5 }).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data?.users.totalCount).toBe(800);
    const second = await urql.query(UsersPageDocument, { first: 5, after: first.data?.users.pageInfo.endCursor }).toPromise();
    const ids = [...(first.data?.users.edges ?? []), ...(second.data?.users.edges ?? [])].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(10);
    expect(sent).toEqual(['GET', 'GET']);
  });

  it('reads per-vendor details through the union', async () => {
    const { data } = await client().query(UserByIdDocument, { id: rinkel.id }).toPromise();
    expect(data?.user?.details).toEqual({ __typename: 'RinkelUserDetails', insightsEnabled: expect.any(Boolean) });
  });

  it('dry-runs, then writes once with an idempotency key (mutations go as POST)', async () => {
    const urql = client();
    const dry = await urql.mutation(UpdateUserDocument, { input: { id: rinkel.id, firstName: 'Urql', dryRun: true } }).toPromise();
    expect(dry.data?.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: true, changes: [{ field: 'firstName', after: 'Urql' }] });
    expect(gatewayCalls('PATCH')).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const applied = await urql.mutation(UpdateUserDocument, { input: { id: rinkel.id, firstName: 'Urql', idempotencyKey: 'urql-key-1' } }).toPromise();
      expect(applied.data?.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: false, user: { fullName: expect.stringContaining('Urql') } });
    }
    expect(gatewayCalls('PATCH')).toHaveLength(1);
  });

  it('keeps a partial result: data from three vendors and the failing one in error.graphQLErrors', async () => {
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    const { data, error } = await client().query(UsersPageDocument, { first: 100 }).toPromise();
    expect(data?.users.unavailableVendors).toEqual(['DIALPAD']);
    expect(data?.users.edges.length).toBe(100);
    expect(error?.graphQLErrors.map((e) => e.extensions['vendor'])).toContain('DIALPAD');
  });

  it('sees a 401 as UNAUTHENTICATED', async () => {
    const { data, error } = await new UrqlClient({ url: `${authApp.url}/graphql`, exchanges: [fetchExchange] }).query(UsersPageDocument, { first: 1 }).toPromise();
    expect(data).toBeUndefined();
    expect(error?.graphQLErrors[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    expect((error?.response as Response | undefined)?.status).toBe(401);
  });
});

describe('Apollo Client (with the shipped possibleTypes)', () => {
  const client = (url = `${app.url}/graphql`, possibleTypes: Record<string, string[]> | undefined = introspection.possibleTypes) =>
    new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache(possibleTypes ? { possibleTypes } : {}) });

  it('lists users and follows endCursor', async () => {
    const apollo = client();
    const first = await apollo.query({ query: UsersPageDocument, variables: { first: 5 } });
    const second = await apollo.query({ query: UsersPageDocument, variables: { first: 5, after: first.data?.users.pageInfo.endCursor } });
    const ids = [...(first.data?.users.edges ?? []), ...(second.data?.users.edges ?? [])].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(10);
    expect(first.data?.users.totalCount).toBe(800);
  });

  it('reads per-vendor details through the union', async () => {
    const { data } = await client().query({ query: UserByIdDocument, variables: { id: rinkel.id } });
    expect(data?.user?.details).toEqual({ __typename: 'RinkelUserDetails', insightsEnabled: expect.any(Boolean) });
  });

  it('dry-runs, then writes once with an idempotency key', async () => {
    const apollo = client();
    const dry = await apollo.mutate({ mutation: UpdateUserDocument, variables: { input: { id: rinkel.id, lastName: 'Apollo', dryRun: true } } });
    expect(dry.data?.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: true, changes: [{ field: 'lastName', after: 'Apollo' }] });
    expect(gatewayCalls('PATCH')).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const applied = await apollo.mutate({ mutation: UpdateUserDocument, variables: { input: { id: rinkel.id, lastName: 'Apollo', idempotencyKey: 'apollo-key-1' } } });
      expect(applied.data?.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: false });
    }
    expect(gatewayCalls('PATCH')).toHaveLength(1);
  });

  it("keeps two vendors' NotFoundError answers apart in its normalised cache", async () => {
    const apollo = client();
    const answers = [];
    for (const vendor of ['imichat', 'commpeak']) {
      const { data } = await apollo.mutate({ mutation: UpdateUserDocument, variables: { input: { id: idOf(vendor, '99999'), firstName: 'X' } } });
      answers.push(data?.updateUser);
    }
    expect(answers).toEqual([
      { __typename: 'NotFoundError', message: 'IMIchat has no account 99999.', vendorUserId: '99999' },
      { __typename: 'NotFoundError', message: 'CommPeak has no account 99999.', vendorUserId: '99999' },
    ]);
    // No object keyed by a vendor id: NotFoundError has no `id` field any more.
    expect(Object.keys(apollo.cache.extract() as Record<string, unknown>).filter((key) => key.startsWith('NotFoundError'))).toEqual([]);
  });

  it("keeps a partial result with errorPolicy 'all'", async () => {
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    const { data, error } = await client().query({ query: UsersPageDocument, variables: { first: 100 }, errorPolicy: 'all' });
    expect(data?.users.unavailableVendors).toEqual(['DIALPAD']);
    expect(data?.users.edges.length).toBe(100);
    expect(JSON.stringify(error)).toContain('DIALPAD');
  });

  it('rejects on a 401, with the status', async () => {
    const failure = await client(`${authApp.url}/graphql`).query({ query: UsersPageDocument, variables: { first: 1 } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(JSON.stringify(failure)).toMatch(/401|UNAUTHENTICATED/);
  });
});

describe("graphql-request (with errorPolicy: 'all')", () => {
  const client = (url = `${app.url}/graphql`) => new GraphQLClient(url, { errorPolicy: 'all' });

  it('lists users and follows endCursor', async () => {
    const gql = client();
    const first = await gql.request<strings.UsersPageQuery, strings.UsersPageQueryVariables>(strings.UsersPageDocument.toString(), { first: 5 });
    const second = await gql.request<strings.UsersPageQuery, strings.UsersPageQueryVariables>(strings.UsersPageDocument.toString(), { first: 5, after: first.users.pageInfo.endCursor });
    expect(new Set([...first.users.edges, ...second.users.edges].map((edge) => edge.node.id)).size).toBe(10);
  });

  it('reads per-vendor details through the union', async () => {
    const data = await client().request<strings.UserByIdQuery, strings.UserByIdQueryVariables>(strings.UserByIdDocument.toString(), { id: rinkel.id });
    expect(data.user?.details).toEqual({ __typename: 'RinkelUserDetails', insightsEnabled: expect.any(Boolean) });
  });

  it('dry-runs, then writes once with an idempotency key', async () => {
    const gql = client();
    const run = (input: strings.UpdateUserInput) => gql.request<strings.UpdateUserMutation, strings.UpdateUserMutationVariables>(strings.UpdateUserDocument.toString(), { input });
    expect((await run({ id: rinkel.id, firstName: 'Requested', dryRun: true })).updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: true });
    expect(gatewayCalls('PATCH')).toEqual([]);
    for (let i = 0; i < 2; i++) expect((await run({ id: rinkel.id, firstName: 'Requested', idempotencyKey: 'gr-key-1' })).updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: false });
    expect(gatewayCalls('PATCH')).toHaveLength(1);
  });

  it('returns a partial result (rawRequest gives the errors too); without errorPolicy it would throw', async () => {
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    const { data, errors } = await client().rawRequest<strings.UsersPageQuery, strings.UsersPageQueryVariables>(strings.UsersPageDocument.toString(), { first: 100 });
    expect(data.users.unavailableVendors).toEqual(['DIALPAD']);
    expect(errors?.map((e) => e.extensions?.['vendor'])).toContain('DIALPAD');
    const strict = await new GraphQLClient(`${app.url}/graphql`).request(strings.UsersPageDocument.toString(), { first: 100 }).catch((error: unknown) => error);
    expect(strict).toBeInstanceOf(ClientError);
  });

  it('throws a ClientError with status 401 and UNAUTHENTICATED', async () => {
    const failure = await client(`${authApp.url}/graphql`).request(strings.UsersPageDocument.toString(), { first: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ClientError);
    expect((failure as ClientError).response.status).toBe(401);
    expect((failure as ClientError).response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
