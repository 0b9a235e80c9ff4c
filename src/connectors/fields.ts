import type { CanonicalField, CanonicalUser, UserStatus, VendorId } from './types.js';

/**
 * A vendor's read mapping as a table: one pure function per canonical field it can fill. The table is
 * the single source for both `decodeUser` and the `readableFields` that `vendors` reports, so the two
 * cannot drift apart. Fields a vendor lacks are simply absent and decode to null (or [] for lists).
 */
export type ReadTable<Wire> = { readonly status: (wire: Wire) => UserStatus } & {
  readonly [F in Exclude<CanonicalField, 'status'>]?: (wire: Wire) => CanonicalUser[F];
};

/** Canonical fields in the order API.md lists them. */
export const CANONICAL_FIELDS = [
  'firstName', 'lastName', 'fullName', 'initials', 'email', 'emails', 'username', 'phoneNumber', 'phoneNumbers',
  'status', 'availability', 'language', 'timeZone', 'jobTitle', 'extension', 'avatarUrl', 'isAdmin', 'createdAt', 'updatedAt',
] as const satisfies readonly CanonicalField[];

const LIST_FIELDS: ReadonlySet<CanonicalField> = new Set(['emails', 'phoneNumbers']);

export interface Identity {
  vendor: VendorId;
  vendorUserId: string;
  details: CanonicalUser['details'];
  raw: CanonicalUser['raw'];
}

/**
 * Written out field by field rather than looped over CANONICAL_FIELDS: every user then has one object
 * shape, which V8 handles as a fixed layout instead of a dictionary (a loop of computed keys was the
 * gateway's most expensive own function under load).
 */
export function decodeWith<Wire>(table: ReadTable<Wire>, wire: Wire, { vendor, vendorUserId, details, raw }: Identity): CanonicalUser {
  const read = <F extends CanonicalField>(field: F): CanonicalUser[F] => {
    const reader = table[field] as ((wire: Wire) => CanonicalUser[F]) | undefined;
    return reader ? reader(wire) : ((LIST_FIELDS.has(field) ? [] : null) as CanonicalUser[F]);
  };
  return {
    firstName: read('firstName'),
    lastName: read('lastName'),
    fullName: read('fullName'),
    initials: read('initials'),
    email: read('email'),
    emails: read('emails'),
    username: read('username'),
    phoneNumber: read('phoneNumber'),
    phoneNumbers: read('phoneNumbers'),
    status: table.status(wire),
    availability: read('availability'),
    language: read('language'),
    timeZone: read('timeZone'),
    jobTitle: read('jobTitle'),
    extension: read('extension'),
    avatarUrl: read('avatarUrl'),
    isAdmin: read('isAdmin'),
    createdAt: read('createdAt'),
    updatedAt: read('updatedAt'),
    vendor,
    vendorUserId,
    details,
    raw,
  };
}

export function readableFieldsOf(table: ReadTable<never>): CanonicalField[] {
  return CANONICAL_FIELDS.filter((field) => table[field] !== undefined);
}

/** "Jane de Vries" from parts that may be missing; null when both are. */
export function fullNameOf(firstName: string | null | undefined, lastName: string | null | undefined): string | null {
  const name = [firstName, lastName].filter((part) => part && part.trim() !== '').join(' ');
  return name === '' ? null : name;
}

/**
 * "JV" for "Jane de Vries": the first letter of the first name and of the last capitalised word of
 * the last name, so Dutch and Spanish particles ("de", "van", "del") do not become initials.
 */
export function initialsOf(firstName: string | null | undefined, lastName: string | null | undefined): string | null {
  const last = lastName?.split(/\s+/).filter((part) => /^\p{Lu}/u.test(part)).at(-1) ?? lastName ?? '';
  const initials = `${firstName?.charAt(0) ?? ''}${last.charAt(0)}`.toUpperCase();
  return initials === '' ? null : initials;
}

/** Empty strings on the wire mean "not set" for most vendors; canonical fields say null instead. */
export function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/** Parses an ISO date-time; a zone-less value is UTC (Dialpad's convention). Null when unparseable. */
export function dateOf(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
