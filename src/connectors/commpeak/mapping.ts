import { rejectedField } from '../../errors.js';
import { decodeWith, fullNameOf, initialsOf, nonEmpty, readableFieldsOf, type ReadTable } from '../fields.js';
import type { Availability, CanonicalPatch, CanonicalUser, FieldIssue, UpdatePlan, UserStatus, WritableField } from '../types.js';
import { oneOf, planWith, required, vendorPatchChanges, writableFieldsOf, type Refusal, type VendorPatchEncoding, type WriteTable } from '../writes.js';
import { ignoreDrift, readRecord, type DriftSink } from '../drift.js';
import { ReadCommpeakUser, type COMMPEAK_FLAG_VALUES, type COMMPEAK_LANGUAGES, type COMMPEAK_TWOFA_TYPES, type WireCommpeakUserUpdate } from './wire.js';

/** Pure mapping between CommPeak's wire user and the canonical user (API.md "Canonical field ↔ vendor field"). */

type Flag = (typeof COMMPEAK_FLAG_VALUES)[number];
type Language = (typeof COMMPEAK_LANGUAGES)[number];

const FLAG: Record<Flag, boolean> = { '0': false, '1': true };

/** CommPeak sends every flag as the string "0" or "1"; null when it sent neither (drift). */
export function flagOf(flag: Flag): boolean;
export function flagOf(flag: Flag | null): boolean | null;
export function flagOf(flag: Flag | null): boolean | null {
  return flag === null ? null : FLAG[flag];
}

const integerOf = (value: string | null): number | null => (value === null ? null : Number(value));

const AVAILABILITY: Record<Flag, Availability> = {
  '1': 'AVAILABLE',
  '0': 'UNAVAILABLE',
};

/** `default_language` as BCP 47; also the table the write side inverts. */
export const COMMPEAK_LOCALES: Record<Language, string> = {
  en_US: 'en-US',
  es_ES: 'es-ES',
  pt_BR: 'pt-BR',
};

export const COMMPEAK_READ: ReadTable<ReadCommpeakUser> = {
  // Every value is a string on the wire, so an unset one arrives as "": canonical fields say null.
  firstName: (u) => nonEmpty(u.first_name),
  lastName: (u) => nonEmpty(u.last_name),
  fullName: (u) => fullNameOf(u.first_name, u.last_name),
  initials: (u) => initialsOf(nonEmpty(u.first_name), nonEmpty(u.last_name)),
  email: (u) => nonEmpty(u.email),
  emails: (u) => (u.email === null || nonEmpty(u.email) === null ? [] : [u.email]),
  username: (u) => nonEmpty(u.username),
  // A deleted user keeps whatever `is_active` it had; deletion wins. A flag we cannot read is UNKNOWN
  // unless deletion already decides it.
  status: (u) => {
    const deleted = flagOf(u.is_deleted);
    const active = flagOf(u.is_active);
    if (deleted === true) return 'DELETED';
    if (deleted === null || active === null) return 'UNKNOWN';
    return active ? 'ACTIVE' : 'INACTIVE';
  },
  availability: (u) => (u.is_clockedin === null ? null : AVAILABILITY[u.is_clockedin]),
  language: (u) => (u.default_language === null ? null : COMMPEAK_LOCALES[u.default_language]),
  extension: (u) => nonEmpty(u.virtual_extension),
};

/**
 * CommPeak-only fields, camelCase, typed: flags as booleans, counts and ids as numbers. Never the
 * `registration_password`: it is a SIP secret, and the gateway does not expose it anywhere.
 */
export interface CommpeakDetails {
  readonly vendor: 'commpeak';
  /** Null when unset. */
  readonly sipUri: string | null;
  /** Every field below is null when CommPeak sent no readable value (drift). */
  readonly isPredictiveClockedIn: boolean | null;
  readonly useExtendedIpAcl: boolean | null;
  readonly useWebrtc: boolean | null;
  readonly userRouteCallerId: number | null;
  readonly timezoneId: number | null;
  /** An extension like `virtual_extension`, so a string; null when unset. */
  readonly predictiveDynamicExtension: string | null;
  /** Seconds. */
  readonly maxSessionTime: number | null;
  readonly maxConcurrentSessions: number | null;
  readonly twofaType: (typeof COMMPEAK_TWOFA_TYPES)[number] | null;
  readonly memberAllSkillGroups: boolean | null;
  readonly memberAllDesks: boolean | null;
}

export const COMMPEAK_READABLE_FIELDS = readableFieldsOf(COMMPEAK_READ);

/** CommPeak ids are MySQL auto-increment keys; anything else cannot exist and must not reach a URL. */
export function isCommpeakId(id: string): boolean {
  return /^[1-9]\d{0,11}$/.test(id);
}

/** `raw` is the payload as received (unknown fields included) without the SIP secret. */
export function decodeCommpeakUser(wire: ReadCommpeakUser, received: Readonly<Record<string, unknown>> = wire): CanonicalUser {
  const { registration_password: _secret, ...raw } = received;
  return decodeWith(COMMPEAK_READ, wire, { vendor: 'commpeak', vendorUserId: wire.id, details: decodeCommpeakDetails(wire), raw });
}

/** A user payload as received → the canonical user, read tolerantly; BAD_VENDOR_RESPONSE without an id. */
export function readCommpeakUser(payload: unknown, drift: DriftSink = ignoreDrift): CanonicalUser {
  return readRecord('commpeak', ReadCommpeakUser, decodeCommpeakUser, payload, drift);
}

/** The numeric fields are integers or null here: the reader nulls a value that is not. */
export function decodeCommpeakDetails(wire: ReadCommpeakUser): CommpeakDetails {
  return {
    vendor: 'commpeak',
    sipUri: nonEmpty(wire.sip_uri),
    isPredictiveClockedIn: flagOf(wire.is_predictive_clockedin),
    useExtendedIpAcl: flagOf(wire.use_extended_ip_acl),
    useWebrtc: flagOf(wire.use_webrtc),
    userRouteCallerId: integerOf(wire.user_route_caller_id),
    timezoneId: integerOf(wire.timezone_id),
    predictiveDynamicExtension: nonEmpty(wire.predictive_dynamic_extension),
    maxSessionTime: integerOf(wire.max_session_time),
    maxConcurrentSessions: integerOf(wire.max_concurrent_sessions),
    twofaType: wire.twofa_type,
    memberAllSkillGroups: flagOf(wire.member_all_skill_groups),
    memberAllDesks: flagOf(wire.member_all_desks),
  };
}

// ---- Write side ----------------------------------------------------------------------------------

/**
 * `en-US` → `en_US`: COMMPEAK_LOCALES inverted, so read and write cannot disagree on a language.
 * Without a prototype: `toString` is a well-formed BCP 47 tag, and `oneOf` looks values up by index.
 */
const COMMPEAK_LANGUAGE_OF: Readonly<Record<string, Language>> = Object.assign(
  Object.create(null) as Record<string, Language>,
  Object.fromEntries(Object.entries(COMMPEAK_LOCALES).map(([wire, locale]) => [locale, wire])),
);

const WRITABLE_STATUSES = ['ACTIVE', 'INACTIVE'] as const;

/**
 * `status` as CommPeak's two number flags. ACTIVE also sends `is_deleted: 0`: the read side lets
 * deletion win over `is_active`, so on a deleted account `is_active: 1` alone would still read
 * DELETED; clearing the flag restores the account and the result really reads ACTIVE. INACTIVE on a
 * deleted account would still read DELETED, so it is refused once the account is known.
 */
function encodeStatus(status: UserStatus, current: CanonicalUser | null): Record<string, unknown> | Refusal {
  switch (status) {
    case 'ACTIVE':
      return { is_active: 1, is_deleted: 0 };
    case 'INACTIVE':
      if (current?.status === 'DELETED') return { refused: 'The CommPeak account is deleted and would still read DELETED; ACTIVE restores it', acceptedValues: ['ACTIVE'] };
      return { is_active: 0 };
    case 'SUSPENDED':
    case 'PENDING':
    case 'DELETED':
    case 'UNKNOWN':
      return { refused: `CommPeak cannot store ${status}`, acceptedValues: WRITABLE_STATUSES };
    default:
      return status satisfies never;
  }
}

const commpeakText = (key: 'first_name' | 'last_name' | 'email') => required('commpeak', (value: string) => ({ [key]: value }));

/** PUT body fragments with the seed's types: number flags for status, a string flag for availability. */
export const COMMPEAK_WRITE: WriteTable = {
  firstName: commpeakText('first_name'),
  lastName: commpeakText('last_name'),
  email: commpeakText('email'),
  status: required('commpeak', encodeStatus),
  availability: oneOf('commpeak', { AVAILABLE: '1', UNAVAILABLE: '0' } as const satisfies Record<string, Flag>, (is_clockedin) => ({ is_clockedin })),
  language: oneOf('commpeak', COMMPEAK_LANGUAGE_OF, (default_language) => ({ default_language })),
  // Every value is a string at CommPeak, and the read side takes "" as unset: null clears.
  extension: (value) => ({ virtual_extension: value ?? '' }),
};

export const COMMPEAK_WRITABLE_FIELDS = writableFieldsOf(COMMPEAK_WRITE);

/** The `commpeak:` patch input as GraphQL hands it over: camelCase, enum values already CommPeak's. */
export interface CommpeakPatchInput {
  readonly username?: string | null;
  readonly sipUri?: string | null;
  readonly twofaType?: (typeof COMMPEAK_TWOFA_TYPES)[number] | null;
  readonly useWebrtc?: boolean | null;
  readonly useExtendedIpAcl?: boolean | null;
  readonly userRouteCallerId?: number | null;
  readonly timezoneId?: number | null;
  readonly predictiveDynamicExtension?: string | null;
  readonly maxSessionTime?: number | null;
  readonly maxConcurrentSessions?: number | null;
  readonly memberAllSkillGroups?: boolean | null;
  readonly memberAllDesks?: boolean | null;
  readonly isPredictiveClockedIn?: boolean | null;
  readonly registrationPassword?: string | null;
}

interface PatchFieldEncoding<V> {
  readonly wire: keyof WireCommpeakUserUpdate;
  /** To the type the seed gives the wire field. */
  readonly encode: (value: V) => string | number;
  /** What `null` sends; without it, `null` is refused (CommPeak keeps a value there). */
  readonly cleared?: string;
  /** Why a value cannot be stored, or null when it can. */
  readonly check?: (value: V) => string | null;
}

const numberFlag = (on: boolean) => (on ? 1 : 0);
const stringFlag = (on: boolean): Flag => (on ? '1' : '0');
const same = <V extends string | number>(value: V) => value;
const notBlank = (value: string) => (value.trim() === '' ? 'must not be empty' : null);
const notNegative = (value: number) => (value < 0 ? 'must be 0 or more' : null);

/** Each `commpeak:` patch field: its wire name and type (VENDORS.md "Update body"); exhaustive over the input. */
const COMMPEAK_PATCH: { readonly [F in keyof CommpeakPatchInput]-?: PatchFieldEncoding<NonNullable<CommpeakPatchInput[F]>> } = {
  username: { wire: 'username', encode: same, check: notBlank },
  sipUri: { wire: 'sip_uri', encode: same, cleared: '' },
  twofaType: { wire: 'twofa_type', encode: same },
  useWebrtc: { wire: 'use_webrtc', encode: numberFlag },
  useExtendedIpAcl: { wire: 'use_extended_ip_acl', encode: numberFlag },
  userRouteCallerId: { wire: 'user_route_caller_id', encode: same },
  timezoneId: { wire: 'timezone_id', encode: same },
  predictiveDynamicExtension: { wire: 'predictive_dynamic_extension', encode: same, cleared: '' },
  maxSessionTime: { wire: 'max_session_time', encode: String, check: notNegative },
  maxConcurrentSessions: { wire: 'max_concurrent_sessions', encode: String, check: notNegative },
  memberAllSkillGroups: { wire: 'member_all_skill_groups', encode: stringFlag },
  memberAllDesks: { wire: 'member_all_desks', encode: stringFlag },
  isPredictiveClockedIn: { wire: 'is_predictive_clockedin', encode: stringFlag },
  registrationPassword: { wire: 'registration_password', encode: same, check: notBlank },
};

type PatchField = keyof CommpeakPatchInput;
const PATCH_FIELDS = Object.keys(COMMPEAK_PATCH) as PatchField[];

/** The SIP secret is sent, never shown: its change reads `[write-only]`, and the value stays out of every issue. */
const WRITE_ONLY: ReadonlySet<string> = new Set<PatchField>(['registrationPassword']);

/** The `commpeak:` patch input → CommPeak's PUT body (snake_case, the seed's types); refused fields are left out. */
export function encodeCommpeakPatch(input: Readonly<Record<string, unknown>>, current: CanonicalUser | null): VendorPatchEncoding {
  const body: Record<string, unknown> = {};
  const accepted: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const field of PATCH_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    const encoding = COMMPEAK_PATCH[field] as PatchFieldEncoding<unknown>;
    const refusal = value === null ? (encoding.cleared === undefined ? 'CommPeak cannot clear this field' : null) : (encoding.check?.(value) ?? null);
    if (refusal !== null) {
      issues.push({ field: `commpeak.${field}`, reason: refusal });
      continue;
    }
    body[encoding.wire] = value === null ? encoding.cleared : encoding.encode(value);
    accepted[field] = value;
  }
  // `username` is canonical on read, so its value now is not among the details.
  const before = { ...(current?.details ?? {}), username: current?.username ?? null };
  return { body, changes: vendorPatchChanges('commpeak', accepted, before, WRITE_ONLY), issues };
}

export function planCommpeakUpdate(current: CanonicalUser | null, patch: CanonicalPatch, vendorPatch: Readonly<Record<string, unknown>> | undefined): UpdatePlan {
  return planWith('commpeak', COMMPEAK_WRITE, current, patch, vendorPatch && encodeCommpeakPatch(vendorPatch, current));
}

/** Wire fields of the canonical ones; `is_deleted` is half of `status`. */
const CANONICAL_OF_WIRE = new Map<string, WritableField>([
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['email', 'email'],
  ['is_active', 'status'],
  ['is_deleted', 'status'],
  ['is_clockedin', 'availability'],
  ['default_language', 'language'],
  ['virtual_extension', 'extension'],
]);

const PATCH_FIELD_OF_WIRE = new Map<string, string>(PATCH_FIELDS.map((field) => [COMMPEAK_PATCH[field].wire, field]));

/**
 * CommPeak's 422 lists `{field, message}` per refused field. Only the field is kept, named as the
 * client wrote it (`status`, `commpeak.sipUri`); the vendor's message does not reach clients. A field
 * name that is not a plain identifier is not echoed either.
 */
export function decodeCommpeakRejection(errors: readonly { readonly field: string }[]): FieldIssue[] {
  const fields = errors.map(({ field }) => {
    const canonical = CANONICAL_OF_WIRE.get(field);
    if (canonical) return canonical;
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(field)) return 'commpeak';
    return `commpeak.${PATCH_FIELD_OF_WIRE.get(field) ?? field.replace(/[_-]+([A-Za-z0-9])/g, (_, letter: string) => letter.toUpperCase())}`;
  });
  return [...new Set(fields)].map((field) => rejectedField('commpeak', field));
}
