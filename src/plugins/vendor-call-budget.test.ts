import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countVendorCalls } from './vendor-call-budget.js';

const count = (query: string, variables?: Record<string, unknown>, operationName?: string) => countVendorCalls(parse(query), { enabledVendors: 4, variables, operationName });

describe('countVendorCalls', () => {
  it.each([
    ['one account', '{ user(id: "a") { id } }', 1],
    ['aliases add up', '{ a: user(id: "a") { id } b: userByVendorId(vendor: RINKEL, vendorUserId: "b") { id } c: node(id: "c") { id } }', 3],
    ['nodes counts its ids', '{ nodes(ids: ["a", "b", "c"]) { id } }', 3],
    ['a single id coerced to a list', '{ nodes(ids: "a") { id } }', 1],
    ['users counts its page', '{ users(first: 7) { totalCount } }', 7],
    ['users without first counts the default page', '{ users { totalCount } }', 20],
    ['users over the largest page weighs one largest page', '{ users(last: 5000) { totalCount } }', 100],
    ['an email lookup asks every enabled vendor', '{ usersByEmail(email: "a@example.com") { id } }', 4],
    ['a write reads and writes', 'mutation { updateUser(input: { id: "a" }) { __typename } }', 2],
    ['updateUsers counts its inputs', 'mutation { updateUsers(inputs: [{ id: "a" }, { id: "b" }]) { __typename } }', 4],
    ['updateUsersByEmail looks up, then writes, in every vendor', 'mutation { updateUsersByEmail(email: "a@example.com", patch: {}) { __typename } }', 12],
    ['fragments, inline and named, count', '{ ... on Query { a: user(id: "a") { id } } ...F } fragment F on Query { b: user(id: "b") { id } }', 2],
    ['a fragment cycle does not loop (each fragment counted once on its path)', '{ ...A } fragment A on Query { user(id: "a") { id } ...B } fragment B on Query { ...A }', 1],
    ['federation: a User representation is one read, a Person one lookup per vendor', '{ _entities(representations: [{ __typename: "User", id: "a" }, { __typename: "Person", email: "a@example.com" }]) { __typename } }', 5],
    ['fields below the root cost nothing more', '{ vendors { vendor } __typename }', 0],
  ])('%s', (_, query, expected) => {
    expect(count(query)).toBe(expected);
  });

  it('reads list lengths and page sizes from variables, and their defaults', () => {
    expect(count('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b'] })).toBe(2);
    expect(count('query ($ids: [ID!]! = ["a", "b", "c"]) { nodes(ids: $ids) { id } }')).toBe(3);
    expect(count('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }')).toBe(0);
    expect(count('query ($n: Int) { users(first: $n) { totalCount } }', { n: 50 })).toBe(50);
    const representations = [...Array.from({ length: 3 }, (_, i) => ({ __typename: 'User', id: String(i) })), { __typename: 'Person', email: 'a@example.com' }];
    expect(count('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: representations })).toBe(7);
  });

  it('counts the operation that runs, or the costliest when none is named', () => {
    const document = 'query Small { user(id: "a") { id } } query Big { nodes(ids: ["a", "b", "c", "d"]) { id } }';
    expect(count(document, undefined, 'Small')).toBe(1);
    expect(count(document)).toBe(4);
  });
});
