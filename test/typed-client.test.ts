import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople } from '../src/simulator/people.js';
import {
  PersonAccountsDocument, UpdatePersonDocument, UpdateUserDocument, UserByIdDocument, UsersPageDocument, VendorOverviewDocument, type TypedDocumentString,
} from './generated/graphql.js';
import { startTestApp, type TestApp } from './support/app.js';

// The codegen'd typed documents, sent by a plain HTTP client, as a frontend would.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** A ten-line typed client: the document's types flow to the result without a GraphQL library. */
async function execute<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as { data: TResult; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe('typed documents from codegen', () => {
  it('lists, follows an id, and finds a person, with typed results', async () => {
    const page = await execute(UsersPageDocument, { first: 3, filter: { vendors: ['COMMPEAK'] } });
    expect(page.users.edges).toHaveLength(3);
    const first = page.users.edges[0]?.node;
    expect(first?.vendor).toBe('COMMPEAK');

    const one = await execute(UserByIdDocument, { id: first?.id ?? '' });
    expect(one.user?.details.__typename).toBe('CommpeakUserDetails');
    if (one.user?.details.__typename === 'CommpeakUserDetails') expect(one.user.details.sipUri).toMatch(/^sip:/);

    const person = createPeople({ seed: 5 }).shared[0];
    const accounts = await execute(PersonAccountsDocument, { email: person?.email ?? '' });
    expect(accounts.usersByEmail.map((user) => user.vendor)).toEqual(person?.vendors.map((vendor) => vendor.toUpperCase()));
  });

  it('reports the vendors in sandbox mode, healthy, with the fields each fills', async () => {
    const { vendors } = await execute(VendorOverviewDocument, {});
    expect(vendors.map(({ vendor, enabled, mode, health }) => [vendor, enabled, mode, health])).toEqual([
      ['RINKEL', true, 'SANDBOX', 'UP'],
      ['DIALPAD', true, 'SANDBOX', 'UP'],
      ['IMICHAT', true, 'SANDBOX', 'UP'],
      ['COMMPEAK', true, 'SANDBOX', 'UP'],
    ]);
    expect(vendors.find((v) => v.vendor === 'IMICHAT')?.readableFields).toContain('username');
    expect(vendors.find((v) => v.vendor === 'RINKEL')?.readableFields).not.toContain('username');
  });

  it('updates through typed mutation documents, narrowing the result union by __typename', async () => {
    const page = await execute(UsersPageDocument, { first: 1, filter: { vendors: ['RINKEL'] } });
    const id = page.users.edges[0]?.node.id ?? '';
    const refused = await execute(UpdateUserDocument, { input: { id, language: 'en-US' } });
    expect(refused.updateUser.__typename).toBe('ValidationError');
    if (refused.updateUser.__typename === 'ValidationError') expect(refused.updateUser.fieldErrors[0]?.acceptedValues).toEqual(['en', 'nl', 'es', 'sv']);

    const done = await execute(UpdateUserDocument, { input: { id, availability: 'UNAVAILABLE' } });
    if (done.updateUser.__typename !== 'UpdateUserSuccess') throw new Error(`expected success, got ${done.updateUser.__typename}`);
    expect(done.updateUser.user.availability).toBe('UNAVAILABLE');

    const person = createPeople({ seed: 5 }).shared[0];
    const fanOut = await execute(UpdatePersonDocument, { email: person?.email ?? '', patch: { firstName: 'Typed' } });
    expect(fanOut.updateUsersByEmail.map((result) => result.__typename)).toEqual(person?.vendors.map(() => 'UpdateUserSuccess'));
  });
});
