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

export function decodeWith<Wire>(table: ReadTable<Wire>, wire: Wire, identity: Identity): CanonicalUser {
  const fields: Record<string, unknown> = {};
  for (const field of CANONICAL_FIELDS) {
    const read = table[field] as ((wire: Wire) => unknown) | undefined;
    fields[field] = read ? read(wire) : LIST_FIELDS.has(field) ? [] : null;
  }
  return { ...(fields as Omit<CanonicalUser, keyof Identity>), ...identity };
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
