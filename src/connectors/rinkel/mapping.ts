import { rejectedField } from '../../errors.js';
import { decodeWith, fullNameOf, initialsOf, readableFieldsOf, type ReadTable } from '../fields.js';
import type { Availability, CanonicalPatch, CanonicalUser, FieldIssue, UpdatePlan } from '../types.js';
import { oneOf, planWith, required, vendorPatchChanges, writableFieldsOf, type VendorPatchEncoding, type WriteTable } from '../writes.js';
import { ignoreDrift, readRecord, type DriftSink } from '../drift.js';
import { ReadRinkelUser, RINKEL_AVAILABILITY_OUT, type RINKEL_COUNTRY_CODES } from './wire.js';

/** Pure mapping between Rinkel's wire user and the canonical user (API.md "Canonical field ↔ vendor field"). */

const AVAILABILITY: Record<(typeof RINKEL_AVAILABILITY_OUT)[number], Availability> = {
  AVAILABLE: 'AVAILABLE',
  UNAVAILABLE: 'UNAVAILABLE',
};

/** Every field but `id` may have degraded to null (drift); derived names fall back to the parts. */
export const RINKEL_READ: ReadTable<ReadRinkelUser> = {
  firstName: (u) => u.firstName,
  lastName: (u) => u.lastName,
  fullName: (u) => u.fullName ?? fullNameOf(u.firstName, u.lastName),
  initials: (u) => u.initials ?? initialsOf(u.firstName, u.lastName),
  email: (u) => u.email,
  emails: (u) => (u.email === null ? [] : [u.email]),
  phoneNumber: (u) => u.phoneNumber?.e164 ?? null,
  phoneNumbers: (u) => (u.phoneNumber?.e164 ? [u.phoneNumber.e164] : []),
  // Rinkel has no account state: a user that the API returns is an active user.
  status: () => 'ACTIVE',
  availability: (u) => (u.availability === null ? null : AVAILABILITY[u.availability]),
  language: (u) => u.preferences?.language ?? null,
  avatarUrl: (u) => u.avatarUrls?.large ?? null,
};

type ReadPreferences = NonNullable<ReadRinkelUser['preferences']>;

/** Rinkel-only fields, camelCase (Rinkel's own casing already is); null where Rinkel sent nothing readable. */
export interface RinkelDetails {
  readonly vendor: 'rinkel';
  /** The parts `phoneNumber.e164` is built from. */
  readonly phoneNumberParts: { countryIsoCode: string | null; countryCallingCode: number | null; number: string | null } | null;
  readonly avatarUrlSmall: string | null;
  /** `preferences` without `language`, which is canonical. */
  readonly preferences: Omit<ReadPreferences, 'language'> | null;
  readonly notifications: ReadRinkelUser['notifications'];
  readonly insightsEnabled: boolean | null;
}

export const RINKEL_READABLE_FIELDS = readableFieldsOf(RINKEL_READ);

/** Rinkel issues 24-hex ids; anything else cannot exist and must not reach a URL. */
export function isRinkelId(id: string): boolean {
  return /^[0-9a-f]{24}$/.test(id);
}

/** `raw` is the payload as received (unknown fields included); Rinkel returns no secrets. */
export function decodeRinkelUser(wire: ReadRinkelUser, raw: Readonly<Record<string, unknown>> = wire): CanonicalUser {
  return decodeWith(RINKEL_READ, wire, { vendor: 'rinkel', vendorUserId: wire.id, details: decodeRinkelDetails(wire), raw });
}

/** A user payload as received → the canonical user, read tolerantly; BAD_VENDOR_RESPONSE without an id. */
export function readRinkelUser(payload: unknown, drift: DriftSink = ignoreDrift): CanonicalUser {
  return readRecord('rinkel', ReadRinkelUser, decodeRinkelUser, payload, drift);
}

export function decodeRinkelDetails(wire: ReadRinkelUser): RinkelDetails {
  const phone = wire.phoneNumber;
  let preferences: RinkelDetails['preferences'] = null;
  if (wire.preferences) {
    const { language: _language, ...rest } = wire.preferences;
    preferences = rest;
  }
  return {
    vendor: 'rinkel',
    phoneNumberParts: phone ? { countryIsoCode: phone.countryIsoCode, countryCallingCode: phone.countryCallingCode, number: phone.number } : null,
    avatarUrlSmall: wire.avatarUrls?.small ?? null,
    preferences,
    notifications: wire.notifications,
    insightsEnabled: wire.insights?.enabled ?? null,
  };
}

/** Country calling code → the countries Rinkel serves; it stores numbers as {countryIsoCode, number}. */
const RINKEL_CALLING_CODES: Record<string, (typeof RINKEL_COUNTRY_CODES)[number]> = { '31': 'NL', '32': 'BE', '34': 'ES', '46': 'SE' };

const rinkelText = (key: 'firstName' | 'lastName' | 'email') => required('rinkel', (value: string) => ({ [key]: value }));

export const RINKEL_WRITE: WriteTable = {
  firstName: rinkelText('firstName'),
  lastName: rinkelText('lastName'),
  email: rinkelText('email'),
  phoneNumber: required('rinkel', (e164: string) => {
    const code = Object.keys(RINKEL_CALLING_CODES).find((prefix) => e164.startsWith(`+${prefix}`));
    if (!code) return { refused: 'Rinkel stores numbers of the countries it serves only', acceptedValues: Object.keys(RINKEL_CALLING_CODES).map((prefix) => `+${prefix}…`) };
    return { phoneNumber: { countryIsoCode: RINKEL_CALLING_CODES[code], number: e164.slice(code.length + 1) } };
  }),
  availability: oneOf('rinkel', { AVAILABLE: 'available', UNAVAILABLE: 'unavailable' } as const, (availability) => ({ availability })),
  language: oneOf('rinkel', { en: 'en', nl: 'nl', es: 'es', sv: 'sv' }, (language) => ({ preferences: { language } })),
};

export const RINKEL_WRITABLE_FIELDS = writableFieldsOf(RINKEL_WRITE);

/** The `rinkel:` patch input: Rinkel's own casing already is camelCase, so it is the update body as is. */
export function encodeRinkelPatch(input: Readonly<Record<string, unknown>>, current: CanonicalUser | null): VendorPatchEncoding {
  return { body: { ...input }, changes: vendorPatchChanges('rinkel', input, current?.details ?? {}) };
}

export function planRinkelUpdate(current: CanonicalUser | null, patch: CanonicalPatch, vendorPatch: Readonly<Record<string, unknown>> | undefined): UpdatePlan {
  return planWith('rinkel', RINKEL_WRITE, current, patch, vendorPatch && encodeRinkelPatch(vendorPatch, current));
}

/**
 * Rinkel's 400 message lists `<path> <problem>` sentences; the path tells which field was refused.
 * Only the path is kept: the vendor's wording does not reach clients.
 */
export function decodeRinkelRejection(message: string): FieldIssue[] {
  const fields = message.split('; ').map((sentence) => {
    const path = /^property (\S+) should not exist/.exec(sentence)?.[1] ?? sentence.split(' ')[0] ?? '';
    if (path === 'preferences.language') return 'language';
    if (path.startsWith('phoneNumber')) return 'phoneNumber';
    if (['firstName', 'lastName', 'email', 'availability'].includes(path)) return path;
    return `rinkel.${path}`;
  });
  return [...new Set(fields)].map((field) => rejectedField('rinkel', field));
}
