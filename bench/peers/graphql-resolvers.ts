/**
 * The resolver map the schema-first GraphQL peers share (Apollo and yoga-floor), over
 * apollo-schema.graphql: the same answers from the same vendor clients (kit.ts), so the two differ in
 * server, engine and how a request's reads are held (a DataLoader for Apollo, the floor's plain memo
 * for yoga-floor), nothing else.
 */
import { GraphQLError } from 'graphql';
import { DateTimeResolver, EmailAddressResolver, LocaleResolver, PhoneNumberResolver } from 'graphql-scalars';
import { WRITABLE_FIELDS, type CanonicalPatch, type CanonicalUser } from '../../src/connectors/types.js';
import type { Directory } from '../../src/connectors/directory.js';
import { UpstreamError, WriteRejected } from '../../src/errors.js';
import { findPerson, parseUserId, toApiUser, updateAccount, type PeerVendors } from './kit.js';

/** What a resolver needs of its request. */
export interface PeerContext {
  readonly vendors: PeerVendors;
  /** The account under `vendor:vendorUserId`, read at most once per request. */
  load(key: string): Promise<CanonicalUser>;
  /** The same, for a write's plan: never a read another request started (Switchboard's writes read fresh). */
  loadFresh(key: string): Promise<CanonicalUser>;
  /** Replaces what the request holds for an account with what a write answered. */
  remember(user: CanonicalUser): void;
}

type Result = { __typename: 'UpdateUserSuccess'; user: ReturnType<typeof toApiUser> } | { __typename: 'VendorError'; message: string; code: string };

function failure(error: unknown): Result {
  const code = error instanceof UpstreamError ? error.code : error instanceof WriteRejected ? 'VALIDATION_ERROR' : 'INTERNAL_SERVER_ERROR';
  return { __typename: 'VendorError', code, message: error instanceof Error ? error.message : String(error) };
}

function keyOf(id: string): string {
  const parsed = parseUserId(id);
  if (!parsed) throw new GraphQLError(`"${id}" is not a User id.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return `${parsed.vendor}:${parsed.vendorUserId}`;
}

/** Plans the patch against the account as read, writes it, and keeps what the vendor answered. */
async function update({ vendors, remember }: PeerContext, current: CanonicalUser, patch: CanonicalPatch): Promise<Result> {
  try {
    const user = await updateAccount(vendors, current, patch);
    remember(user);
    return { __typename: 'UpdateUserSuccess', user: toApiUser(user) };
  } catch (error) {
    return failure(error);
  }
}

/** The canonical patch: the writable fields the input names (absent stays absent, null clears). */
function patchOf(input: Record<string, unknown>): CanonicalPatch {
  return Object.fromEntries(WRITABLE_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]])) as CanonicalPatch;
}

export function createPeerResolvers(directory: Directory) {
  return {
    DateTime: DateTimeResolver,
    EmailAddress: EmailAddressResolver,
    PhoneNumber: PhoneNumberResolver,
    Locale: LocaleResolver,
    Node: { __resolveType: () => 'User' },
    UpdateUserResult: { __resolveType: (result: Result) => result.__typename },
    Query: {
      user: async (_: unknown, { id }: { id: string }, { load }: PeerContext) => toApiUser(await load(keyOf(id))),
      nodes: (_: unknown, { ids }: { ids: string[] }, { load }: PeerContext) =>
        ids.map(async (id) => toApiUser(await load(keyOf(id)))), // a failing id is null with its error
    },
    Mutation: {
      async updateUser(_: unknown, { input }: { input: { id: string } & Record<string, unknown> }, context: PeerContext): Promise<Result> {
        let current: CanonicalUser;
        try {
          current = await context.loadFresh(keyOf(input.id));
        } catch (error) {
          return failure(error);
        }
        return update(context, current, patchOf(input));
      },
      async updateUsersByEmail(_: unknown, { email, patch }: { email: string; patch: Record<string, unknown> }, context: PeerContext): Promise<Result[]> {
        let accounts: CanonicalUser[];
        try {
          accounts = await findPerson(context.vendors, directory, email, (vendor, id) => context.loadFresh(`${vendor}:${id}`));
        } catch (error) {
          return [failure(error)];
        }
        // Dialpad's search is also its account's read.
        for (const account of accounts) if (account.vendor === 'dialpad') context.remember(account);
        if (accounts.length === 0) return [{ __typename: 'VendorError', code: 'NOT_FOUND', message: `No account in any enabled vendor has the address ${email}.` }];
        return Promise.all(accounts.map((account) => update(context, account, patchOf(patch))));
      },
    },
  };
}
