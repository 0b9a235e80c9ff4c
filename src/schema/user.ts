import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { userKey } from '../connectors/fan-out.js';
import { VENDOR_IDS, type VendorId } from '../connectors/types.js';
import type { Context } from '../context.js';
import { checkPageArgs, compareUsers, encodeCursor, matchesFilter, paginate } from '../listing.js';
import { builder } from './builder.js';
import { VendorUserDetails } from './details/index.js';
import { AvailabilityEnum, UserStatusEnum, VendorEnum } from './enums.js';
import { reportPartial } from '../plugins/partial-results.js';
import { findAccountsByEmail } from './find-by-email.js';
import { unreadableIn } from '../connectors/drift.js';

/** The canonical User node, its loader, and the queries that return users. */

export const User = builder.loadableNode('User', {
  description: "One account of one person in one vendor, in Switchboard's canonical shape.",
  id: {
    description: 'Relay global id; opaque to clients, stable for the account.',
    resolve: (user) => userKey(user.vendor, user.vendorUserId),
  },
  // Within one request each account is fetched at most once, however the query names it.
  // Across requests, concurrent loads of one account are one vendor call (and cached, when on).
  load: (keys: string[], context: Context) => context.reads.load(keys, context.signal, { fresh: context.readFresh }),
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'vendorUserId' in value && 'details' in value,
  fields: (t) => ({
    vendor: t.expose('vendor', { type: VendorEnum, description: 'The vendor that holds this account.' }),
    vendorUserId: t.exposeString('vendorUserId', { description: "The vendor's own id for the account, as a string whatever its type at the vendor." }),
    firstName: t.exposeString('firstName', { nullable: true, description: 'Given name.' }),
    lastName: t.exposeString('lastName', { nullable: true, description: 'Family name.' }),
    fullName: t.exposeString('fullName', { nullable: true, description: "Display name: the vendor's own where it has one, else first and last name." }),
    initials: t.exposeString('initials', { nullable: true, description: "Initials: the vendor's own where it has them, else derived from the name." }),
    email: t.expose('email', { type: 'EmailAddress', nullable: true, description: 'The primary email address, in the letter case the vendor stores.' }),
    emails: t.expose('emails', { type: ['EmailAddress'], description: 'Every address of the account, primary first.' }),
    username: t.exposeString('username', { nullable: true, description: 'Login name, where the vendor has one separate from the email.' }),
    phoneNumber: t.expose('phoneNumber', { type: 'PhoneNumber', nullable: true, description: 'The primary phone number, E.164.' }),
    phoneNumbers: t.expose('phoneNumbers', { type: ['PhoneNumber'], description: 'Every phone number of the account, E.164, primary first.' }),
    status: t.expose('status', { type: UserStatusEnum, description: 'Account state, mapped onto one vocabulary.' }),
    availability: t.expose('availability', { type: AvailabilityEnum, nullable: true, description: 'Whether the person can take calls or chats now; null where the vendor does not say.' }),
    language: t.expose('language', { type: 'Locale', nullable: true, description: 'Preferred language, BCP 47 (en, nl, en-US, pt-BR).' }),
    timeZone: t.exposeString('timeZone', { nullable: true, description: 'IANA time zone, e.g. Europe/Amsterdam.' }),
    jobTitle: t.exposeString('jobTitle', { nullable: true, description: 'Job title or description.' }),
    extension: t.exposeString('extension', { nullable: true, description: 'Internal extension number.' }),
    avatarUrl: t.expose('avatarUrl', { type: 'URL', nullable: true, description: 'Profile picture, the largest size the vendor offers.' }),
    isAdmin: t.exposeBoolean('isAdmin', { nullable: true, description: 'Whether the account administers the vendor tenant; null where the vendor does not say.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: true, description: 'When the vendor created the account.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: true, description: 'When the vendor last changed the account.' }),
    details: t.field({
      type: VendorUserDetails,
      description: 'Vendor-only fields, typed per vendor; select them with `... on RinkelUserDetails { ... }` and so on.',
      resolve: (user) => user.details as never,
    }),
    raw: t.expose('raw', {
      type: 'JSONObject',
      nullable: true,
      authScopes: { 'users:raw': true },
      description: 'The vendor payload as received, secrets removed. For debugging; not a stable contract. Needs the `users:raw` scope.',
    }),
  }),
});

/** Turns a client-supplied global id into a loader key, with an error that names the argument. */
export function userKeyFromGlobalId(id: string, argument: string): string {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(id);
  } catch {
    decoded = undefined;
  }
  if (decoded?.typename !== 'User') {
    throw new GraphQLError(`\`${argument}\` is not a User id: "${id}".`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
  return decoded.id;
}

const UserFilter = builder.inputType('UserFilter', {
  description: 'Narrows `users`. Criteria combine with AND; the values inside one list combine with OR.',
  fields: (t) => ({
    vendors: t.field({ type: [VendorEnum], required: false, description: 'Only accounts in these vendors.' }),
    status: t.field({ type: [UserStatusEnum], required: false, description: 'Only accounts in one of these states.' }),
    availability: t.field({ type: [AvailabilityEnum], required: false, description: 'Only accounts with one of these availabilities.' }),
    search: t.string({ required: false, description: 'Case- and accent-insensitive text found in the name, an email address or the username.' }),
  }),
});

interface UserPage {
  totalCount: number;
  unavailableVendors: VendorId[];
}

/** `nodes` takes at most this many ids: each one can cost a vendor call. */
export const MAX_NODES = 100;

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: 'Any object by its global id; null with an error (NOT_FOUND, BAD_USER_INPUT or a vendor code) when it cannot be loaded.',
    args: { id: t.arg.id({ required: true, description: 'A global id, e.g. `User.id`.' }) },
    resolve: (_, { id }, context) => User.getDataloader(context).load(userKeyFromGlobalId(String(id), 'id')),
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: `Objects by global id, in the order given (at most ${MAX_NODES}); each id that cannot be loaded is null with its own error.`,
    args: { ids: t.arg.idList({ required: true, description: 'Global ids; duplicates are loaded once.' }) },
    resolve: (_, { ids }, context) => {
      if (ids.length > MAX_NODES) {
        throw new GraphQLError(`\`ids\` may hold at most ${MAX_NODES} ids, got ${ids.length}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
      }
      const loader = User.getDataloader(context);
      return ids.map((id, index) => {
        try {
          return loader.load(userKeyFromGlobalId(String(id), `ids[${index}]`));
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
  }),
  user: t.field({
    type: User,
    nullable: true,
    description: 'One account by its global id; null with a NOT_FOUND (or vendor) error when it cannot be loaded.',
    args: { id: t.arg.id({ required: true, description: 'The global `User.id`.' }) },
    resolve: (_, { id }, context) => User.getDataloader(context).load(userKeyFromGlobalId(String(id), 'id')),
  }),
  userByVendorId: t.field({
    type: User,
    nullable: true,
    description: "One account by the vendor's own id.",
    args: {
      vendor: t.arg({ type: VendorEnum, required: true, description: 'The vendor holding the account.' }),
      vendorUserId: t.arg.string({ required: true, description: "The vendor's id for the account (`User.vendorUserId`)." }),
    },
    resolve: (_, { vendor, vendorUserId }, context) => User.getDataloader(context).load(userKey(vendor, vendorUserId)),
  }),
  usersByEmail: t.field({
    type: [User],
    description:
      "One person's accounts across the vendors, matched on any of an account's addresses in any letter case. A vendor that fails is reported in `errors` (with its code) while the others' accounts are returned.",
    args: { email: t.arg({ type: 'EmailAddress', required: true, description: 'The address to look for.' }) },
    resolve: async (_, { email }, context, info) => {
      const { accounts, failures } = await findAccountsByEmail(context, email);
      for (const { error } of failures) reportPartial(context, info, error);
      return accounts;
    },
  }),
  users: t.connection(
    {
      type: User,
      description:
        'Accounts across every enabled vendor, ordered by vendor (in `Vendor` order) then vendor id. Cursors name the last account seen, so following `endCursor` never skips or repeats an account. Lists come from a snapshot of each vendor refreshed every few seconds; `user(id:)` always reads fresh.',
      args: { filter: t.arg({ type: UserFilter, required: false, description: 'Narrows the list.' }) },
      resolve: async (_, args, context, info) => {
        checkPageArgs(args);
        const vendors = VENDOR_IDS.filter((vendor) => context.connectors[vendor] && (!args.filter?.vendors || args.filter.vendors.includes(vendor)));
        const unavailableVendors: VendorId[] = [];
        const lists = await Promise.all(
          vendors.map((vendor) =>
            context.directory.list(vendor, context.signal).then(
              (list) => {
                // Records without a usable id were left out; the rest of the vendor is served.
                const unreadable = unreadableIn(list);
                if (unreadable) reportPartial(context, info, unreadable);
                return list;
              },
              (error: unknown) => {
                unavailableVendors.push(vendor);
                reportPartial(context, info, error);
                return [];
              },
            ),
          ),
        );
        const matching = lists.flat().filter((user) => matchesFilter(user, args.filter)).sort(compareUsers);
        const page = paginate(matching, args);
        const loader = User.getDataloader(context);
        for (const user of page.users) loader.prime(userKey(user.vendor, user.vendorUserId), user);
        const edges = page.users.map((user) => ({ cursor: encodeCursor(user), node: user }));
        return {
          edges,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
          totalCount: matching.length,
          unavailableVendors: unavailableVendors.sort((a, b) => VENDOR_IDS.indexOf(a) - VENDOR_IDS.indexOf(b)),
        };
      },
    },
    {
      name: 'UserConnection',
      description: 'A page of accounts across vendors.',
      fields: (tc) => ({
        totalCount: tc.int({ description: 'Accounts matching the filter across the vendors that answered.', resolve: (page) => (page as unknown as UserPage).totalCount }),
        unavailableVendors: tc.field({
          type: [VendorEnum],
          description: 'Vendors that could not be listed: their accounts are missing from this page (see `errors`). Retry from the same cursor to get them.',
          resolve: (page) => (page as unknown as UserPage).unavailableVendors,
        }),
      }),
    },
    { name: 'UserEdge', description: 'One account in a `UserConnection`.' },
  ),
}));
