import { GraphQLError } from 'graphql';
import { VENDOR_IDS, type Availability, type CanonicalUser, type UserStatus, type VendorId } from './connectors/types.js';

/**
 * Paging across vendors. Users are ordered by (vendor in API order, vendor id) and cursors name the
 * last user seen, not an offset: "the users after rinkel:5f…" means the same thing however many users
 * were added or removed since, so following cursors never skips or repeats a user.
 */

export interface UserFilter {
  vendors?: readonly VendorId[] | null;
  status?: readonly UserStatus[] | null;
  availability?: readonly Availability[] | null;
  /** Case- and accent-insensitive substring of the name, an email address or the username. */
  search?: string | null;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page {
  users: CanonicalUser[];
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

/** Default and largest page size: 100 keeps one response's fan-out and size bounded. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const CURSOR_PREFIX = 'v1:';

export function encodeCursor(user: Pick<CanonicalUser, 'vendor' | 'vendorUserId'>): string {
  return Buffer.from(`${CURSOR_PREFIX}${user.vendor}:${user.vendorUserId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument: string): { vendor: VendorId; vendorUserId: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [vendor, ...rest] = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length).split(':') : [];
  if (!vendor || !VENDOR_IDS.includes(vendor as VendorId) || rest.length === 0) {
    throw new GraphQLError(`\`${argument}\` is not a cursor this API issued: "${cursor}".`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
  return { vendor: vendor as VendorId, vendorUserId: rest.join(':') };
}

/** Vendor order first, then the vendor id: numeric ids by value (shorter is smaller), hex ids lexically. */
export function compareUsers(a: Pick<CanonicalUser, 'vendor' | 'vendorUserId'>, b: Pick<CanonicalUser, 'vendor' | 'vendorUserId'>): number {
  return VENDOR_IDS.indexOf(a.vendor) - VENDOR_IDS.indexOf(b.vendor)
    || a.vendorUserId.length - b.vendorUserId.length
    || (a.vendorUserId < b.vendorUserId ? -1 : a.vendorUserId > b.vendorUserId ? 1 : 0);
}

export function matchesFilter(user: CanonicalUser, filter: UserFilter | null | undefined): boolean {
  if (!filter) return true;
  if (filter.vendors && !filter.vendors.includes(user.vendor)) return false;
  if (filter.status && !filter.status.includes(user.status)) return false;
  if (filter.availability && (user.availability === null || !filter.availability.includes(user.availability))) return false;
  const needle = fold(filter.search ?? '');
  if (needle === '') return true;
  return [user.fullName, user.firstName, user.lastName, user.username, ...user.emails].some((value) => value !== null && fold(value).includes(needle));
}

/** Refuses page arguments this API cannot serve; called before any vendor is listed, so bad input costs nothing. */
export function checkPageArgs({ first, after, last, before }: PageArgs): void {
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value !== null && value !== undefined && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}, got ${value}.`, { extensions: { code: 'BAD_USER_INPUT', argument: name } });
    }
  }
  if (after) decodeCursor(after, 'after');
  if (before) decodeCursor(before, 'before');
}

/** Slices an ordered, filtered list by Relay's first/after/last/before, with keyset cursors. */
export function paginate(sorted: readonly CanonicalUser[], { first, after, last, before }: PageArgs): Page {
  checkPageArgs({ first, after, last, before });
  const afterKey = after ? decodeCursor(after, 'after') : null;
  const beforeKey = before ? decodeCursor(before, 'before') : null;
  let start = afterKey ? sorted.findIndex((user) => compareUsers(user, afterKey) > 0) : 0;
  if (start === -1) start = sorted.length;
  let end = beforeKey ? sorted.findIndex((user) => compareUsers(user, beforeKey) >= 0) : sorted.length;
  if (end === -1) end = sorted.length;
  end = Math.max(start, end);
  if (first !== null && first !== undefined) end = Math.min(end, start + first);
  else if (last === null || last === undefined) end = Math.min(end, start + DEFAULT_PAGE_SIZE);
  if (last !== null && last !== undefined) start = Math.max(start, end - last);
  return { users: sorted.slice(start, end), hasPreviousPage: start > 0, hasNextPage: end < sorted.length };
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
