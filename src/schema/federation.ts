import { decodeGlobalID } from '@pothos/plugin-relay';
import { defaultFieldResolver, GraphQLError, GraphQLSchema, isObjectType, type GraphQLResolveInfo } from 'graphql';
import { EmailAddressResolver } from 'graphql-scalars';
import { userKey } from '../connectors/fan-out.js';
import { VENDOR_IDS, type CanonicalUser, type VendorId } from '../connectors/types.js';
import type { Context } from '../context.js';
import { reportPartial } from '../plugins/partial-results.js';
import { builder } from './builder.js';
import { VendorEnum } from './enums.js';
import { findAccountsByEmail } from './find-by-email.js';
import { User } from './user.js';

/**
 * Switchboard as a Federation v2 subgraph: `User` is an entity keyed by its global `id` (and by
 * `vendor vendorUserId`), `Person` an entity keyed by `email` whose `accounts` are what `usersByEmail`
 * gives. Representations go through the request's User loader, so `_entities` costs what the same
 * accounts named by `user(id:)` would: one vendor call per distinct account.
 *
 * `_entities` and `_service` are added by the plugin after Pothos has built the schema, outside
 * scope-auth; `subgraphSchema` wraps both with the check every other Query field gets.
 */

/**
 * The oldest Federation v2 version that has everything used here (`@key`, `@shareable`), so older
 * routers accept the SDL as well as current ones.
 */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.3';

/** Types only a supergraph can reach (through `_entities`); the public schema leaves them out. */
export const FEDERATION_ONLY_TYPES: ReadonlySet<string> = new Set(['Person']);

interface PersonShape {
  email: string;
  /** The lookup behind `accounts` and `unavailableVendors`, made once per Person object. */
  lookup?: ReturnType<typeof findAccountsByEmail>;
}

/** A reference by key cannot be checked by GraphQL (`_Any`), so each one is checked here. */
function badRepresentation(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument: 'representations' } });
}

/** A client-supplied value in an error message, cut short: representations can be large. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/**
 * The loader key a User representation names. A well-formed key that cannot be an account (another
 * type's id, an id this API never issued, an unknown vendor) names no account: NOT_FOUND, no vendor call.
 * A representation without either key is a broken query plan, not a missing account: BAD_USER_INPUT.
 */
function userKeyOf(representation: Record<string, unknown>): string {
  const { id, vendor, vendorUserId } = representation;
  if (typeof id === 'string') {
    let decoded: { typename: string; id: string } | undefined;
    try {
      decoded = decodeGlobalID(id);
    } catch {
      decoded = undefined;
    }
    if (decoded?.typename !== 'User') throw notFound(`No User has the id ${shown(id)}.`);
    return decoded.id;
  }
  if (typeof vendor === 'string' && typeof vendorUserId === 'string') {
    // Tolerant of the letter case: `Vendor` serializes as RINKEL, a hand-written reference may say rinkel.
    const vendorId = vendor.toLowerCase() as VendorId;
    if (!VENDOR_IDS.includes(vendorId)) throw notFound(`No vendor is called ${shown(vendor)}; User.vendor is one of ${VENDOR_IDS.map((v) => v.toUpperCase()).join(', ')}.`);
    return userKey(vendorId, vendorUserId);
  }
  throw badRepresentation('A User representation needs `id`, or `vendor` and `vendorUserId`, as strings.');
}

builder.asEntity(User, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ vendor: string; vendorUserId: string }>('vendor vendorUserId')],
  // async: anything thrown becomes this slot's error; a synchronous throw would fail every slot.
  resolveReference: async (representation, context: Context): Promise<CanonicalUser> =>
    User.getDataloader(context).load(userKeyOf(representation as Record<string, unknown>)),
});

export const Person = builder.objectRef<PersonShape>('Person').implement({
  description:
    "One person, named by an email address, with their accounts in every enabled vendor. Other subgraphs reference it by `email` to add the person's telephony accounts to their own types.",
  authScopes: { 'users:read': true },
  fields: (t) => ({
    email: t.expose('email', { type: 'EmailAddress', description: 'The address the person was referenced by, as given.' }),
    accounts: t.field({
      type: [User],
      description:
        "The person's accounts across the enabled vendors, matched on any of an account's addresses in any letter case (what `usersByEmail` gives). A vendor that fails is reported in `errors` (with its code) while the others' accounts are returned.",
      resolve: async (person, _args, context, info: GraphQLResolveInfo) => {
        person.lookup ??= findAccountsByEmail(context, person.email);
        const { accounts, failures } = await person.lookup;
        for (const { error } of failures) reportPartial(context, info, error);
        return accounts;
      },
    }),
    unavailableVendors: t.field({
      type: [VendorEnum],
      description:
        "Vendors that could not be searched: the person's accounts there are missing from `accounts`. The same failures are in `errors`, but a gateway may drop an error whose field still has data (Hive Gateway does), so a supergraph client should read this.",
      resolve: async (person, _args, context) => {
        person.lookup ??= findAccountsByEmail(context, person.email);
        const { failures } = await person.lookup;
        return failures.map(({ vendor }) => vendor).sort((a, b) => VENDOR_IDS.indexOf(a) - VENDOR_IDS.indexOf(b));
      },
    }),
  }),
});

builder.asEntity(Person, {
  key: builder.selection<{ email: string }>('email'),
  resolveReference: async ({ email }: { email: unknown }): Promise<PersonShape> => {
    try {
      return { email: EmailAddressResolver.parseValue(email) as string };
    } catch {
      throw badRepresentation(`A Person representation needs \`email\` as an email address, got ${shown(email)}.`);
    }
  },
});

/** The schema served without federation: no `_service`, `_entities`, `Person` or federation scalars. */
export function withoutFederation(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: config.types.filter((type) => !FEDERATION_ONLY_TYPES.has(type.name)) });
}

/**
 * The subgraph schema: the public one plus `_service { sdl }`, `_entities`, `Person` and `@link`. Its
 * two extra root fields need `users:read` like every Query field: without it the field is null with a
 * FORBIDDEN error (and, both being non-null, so is `data`), and no representation is loaded.
 */
export function toSubgraphSchema(): GraphQLSchema {
  const schema = builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK, federationDirectives: ['@key', '@shareable'] });
  const query = schema.getQueryType();
  if (!query || !isObjectType(query)) throw new Error('the subgraph schema has no Query type');
  const fields = query.getFields();
  for (const name of ['_entities', '_service'] as const) {
    const field = fields[name];
    if (!field) throw new Error(`the subgraph schema has no Query.${name}`);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: Context, info) => {
      if (!context.principal.scopes.has('users:read')) {
        throw new GraphQLError(`Not allowed: \`Query.${name}\` needs the users:read scope.`, { extensions: { code: 'FORBIDDEN' } });
      }
      if (name === '_entities') checkTypenames((args as { representations: unknown[] }).representations);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}

const ENTITY_TYPES = ['User', 'Person'];

/**
 * The plugin's `_entities` throws an uncoded error for a representation that is not an object or names
 * no entity type, and treats a non-entity object type's representation as the object itself. Such a
 * representation is a broken query plan: the whole field is refused, with the index and a code.
 */
function checkTypenames(representations: readonly unknown[]): void {
  representations.forEach((representation, index) => {
    const typename = typeof representation === 'object' && representation !== null ? (representation as { __typename?: unknown }).__typename : undefined;
    if (typeof typename !== 'string' || !ENTITY_TYPES.includes(typename)) {
      throw badRepresentation(`\`representations[${index}]\` must be an object whose \`__typename\` is ${ENTITY_TYPES.join(' or ')}, got ${shown(typename ?? representation)}.`);
    }
  });
}
