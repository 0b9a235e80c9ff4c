/**
 * The benchmark operations, once for the GraphQL peers (Switchboard and Apollo send the same
 * documents) and once as the floor's REST routes. Every operation selects `BenchUser`, the canonical
 * fields every peer serves identically (see `ApiUser` in peers/kit.ts).
 */

export const BENCH_USER = /* GraphQL */ `
  fragment BenchUser on User {
    id vendor vendorUserId firstName lastName fullName email emails phoneNumber status availability
    language timeZone jobTitle extension isAdmin createdAt updatedAt
  }
`;

/** `user(id:)`: one account. */
export const ONE_USER = /* GraphQL */ `
  query BenchOneUser($id: ID!) { user(id: $id) { ...BenchUser } }
  ${BENCH_USER}
`;

/** `nodes(ids:)`: accounts by global id, in order (one person's four accounts; 20 per vendor). */
export const MANY_USERS = /* GraphQL */ `
  query BenchManyUsers($ids: [ID!]!) { nodes(ids: $ids) { ... on User { ...BenchUser } } }
  ${BENCH_USER}
`;

/** Aliases naming the same accounts more than once: each of `$a`..`$d` twice, interleaved. */
export const ALIASED_USERS = /* GraphQL */ `
  query BenchAliased($a: ID!, $b: ID!, $c: ID!, $d: ID!) {
    a1: user(id: $a) { ...BenchUser }
    b1: user(id: $b) { ...BenchUser }
    c1: user(id: $c) { ...BenchUser }
    d1: user(id: $d) { ...BenchUser }
    a2: user(id: $a) { ...BenchUser }
    b2: user(id: $b) { ...BenchUser }
    c2: user(id: $c) { ...BenchUser }
    d2: user(id: $d) { ...BenchUser }
  }
  ${BENCH_USER}
`;
export const ALIAS_ORDER = ['a1', 'b1', 'c1', 'd1', 'a2', 'b2', 'c2', 'd2'] as const;

/** `updateUser`: `input` is `{ id, lastName }`. */
export const UPDATE_USER = /* GraphQL */ `
  mutation BenchUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { ...BenchUser } } }
  }
  ${BENCH_USER}
`;

/** `updateUsersByEmail`: `patch` is `{ lastName }`; one result per account, in `Vendor` order. */
export const UPDATE_PERSON = /* GraphQL */ `
  mutation BenchUpdatePerson($email: EmailAddress!, $patch: UserPatchInput!) {
    updateUsersByEmail(email: $email, patch: $patch) { __typename ... on UpdateUserSuccess { user { ...BenchUser } } }
  }
  ${BENCH_USER}
`;

/**
 * The floor's REST routes, one per GraphQL operation above (bodies and answers are JSON; a user is
 * an `ApiUser`):
 *
 *   GET   /users/:id            one user                     → ApiUser (404 when there is none)
 *   POST  /users/lookup         { ids: string[] }            → (ApiUser | null)[] in the order asked,
 *                                                              each distinct id read once
 *   PATCH /users/:id            { patch: { lastName } }      → ApiUser after the write
 *   POST  /people/update        { email, patch }             → ApiUser[] after the writes, Vendor order
 */
export const FLOOR_ROUTES = {
  oneUser: (id: string) => ({ method: 'GET' as const, path: `/users/${encodeURIComponent(id)}` }),
  lookup: (ids: readonly string[]) => ({ method: 'POST' as const, path: '/users/lookup', body: { ids } }),
  updateUser: (id: string, patch: Record<string, unknown>) => ({ method: 'PATCH' as const, path: `/users/${encodeURIComponent(id)}`, body: { patch } }),
  updatePerson: (email: string, patch: Record<string, unknown>) => ({ method: 'POST' as const, path: '/people/update', body: { email, patch } }),
};
