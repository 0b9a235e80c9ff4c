import { rejectedField } from '../../errors.js';
import { dateOf, decodeWith, fullNameOf, initialsOf, nonEmpty, readableFieldsOf, type ReadTable } from '../fields.js';
import type { Availability, CanonicalPatch, CanonicalUser, FieldIssue, UpdatePlan, UserStatus } from '../types.js';
import { oneOf, planWith, required, vendorPatchChanges, writableFieldsOf, type FieldEncoder, type VendorPatchEncoding, type WriteTable } from '../writes.js';
import {
  WireDialpadUserPatch,
  type DIALPAD_LICENSES, type DIALPAD_ON_DUTY_STATUSES, type DIALPAD_PRESENCE_TYPES, type DIALPAD_STATES, type DIALPAD_WRITABLE_STATES, ReadDialpadUser,
} from './wire.js';
import { ignoreDrift, readRecord, type DriftSink } from '../drift.js';

/** Pure mapping between Dialpad's wire user and the canonical user (API.md "Canonical field ↔ vendor field"). */

export type DialpadState = (typeof DIALPAD_STATES)[number];
export type DialpadOnDutyStatus = (typeof DIALPAD_ON_DUTY_STATUSES)[number];
export type DialpadLicense = (typeof DIALPAD_LICENSES)[number];
export type DialpadPresenceType = (typeof DIALPAD_PRESENCE_TYPES)[number];

const STATUS: Record<DialpadState, UserStatus> = {
  active: 'ACTIVE',
  suspended: 'SUSPENDED',
  pending: 'PENDING',
  cancelled: 'DELETED',
  deleted: 'DELETED',
};

/** Everything between "ready" and "off duty" is someone at work who cannot take a call right now. */
const AVAILABILITY: Record<DialpadOnDutyStatus, Availability> = {
  available: 'AVAILABLE',
  unavailable: 'UNAVAILABLE',
  busy: 'BUSY',
  occupied: 'BUSY',
  'occupied-end': 'BUSY',
  wrapup: 'BUSY',
  'wrapup-end': 'BUSY',
};

/**
 * A user Dialpad returned without a `state` we know (null, or a value Dialpad added since). ACTIVE
 * would claim the account works and DELETED that it is gone, either of which a client may act on:
 * UNKNOWN says "Dialpad did not say" (`details.state` is null, the vendor's value is in `raw`).
 */
const STATUS_WITHOUT_STATE: UserStatus = 'UNKNOWN';

export const DIALPAD_READ: ReadTable<ReadDialpadUser> = {
  firstName: (u) => nonEmpty(u.first_name),
  lastName: (u) => nonEmpty(u.last_name),
  fullName: (u) => nonEmpty(u.display_name) ?? fullNameOf(u.first_name, u.last_name),
  initials: (u) => initialsOf(nonEmpty(u.first_name), nonEmpty(u.last_name)),
  email: (u) => u.emails?.[0] ?? null,
  emails: (u) => u.emails ?? [],
  phoneNumber: (u) => u.phone_numbers?.[0] ?? null,
  phoneNumbers: (u) => u.phone_numbers ?? [],
  status: (u) => (u.state === null ? STATUS_WITHOUT_STATE : STATUS[u.state]),
  availability: (u) => (u.on_duty_status === null ? null : AVAILABILITY[u.on_duty_status]),
  language: (u) => nonEmpty(u.language),
  timeZone: (u) => nonEmpty(u.timezone),
  jobTitle: (u) => nonEmpty(u.job_title),
  extension: (u) => nonEmpty(u.extension),
  avatarUrl: (u) => nonEmpty(u.image_url),
  // An admin when either flag says so; a missing flag counts as unset, and only when both are missing
  // is there nothing to go on.
  isAdmin: (u) => (u.is_admin === null && u.is_super_admin === null ? null : u.is_admin === true || u.is_super_admin === true),
  createdAt: (u) => dateOf(u.date_added),
};

/** Dialpad-only fields, camelCase; enum fields keep Dialpad's precise values, which the canonical ones fold. */
export interface DialpadDetails {
  readonly vendor: 'dialpad';
  /** The account state `status` is derived from. */
  readonly state: DialpadState | null;
  /** The presence `availability` is derived from. */
  readonly onDutyStatus: DialpadOnDutyStatus | null;
  /** E.164; where calls go when the user does not answer. */
  readonly forwardingNumbers: readonly string[];
  readonly isAvailable: boolean | null;
  readonly isSuperAdmin: boolean | null;
  readonly internationalDialingEnabled: boolean | null;
  readonly doNotDisturb: boolean | null;
  readonly license: DialpadLicense | null;
  /** int64 ids, kept as strings: above 2^53 a number would round. */
  readonly officeId: string | null;
  readonly adminOfficeIds: readonly string[];
  readonly companyId: string | null;
  /** Last activity; null for a user who never signed in. */
  readonly dateActive: Date | null;
  /** The rendered presence message (`presence_status` of a PATCH). */
  readonly statusMessage: string | null;
}

export const DIALPAD_READABLE_FIELDS = readableFieldsOf(DIALPAD_READ);

/**
 * Dialpad issues positive int64 ids, sent as strings. Anything else cannot exist and must not reach a
 * URL; that includes `me` and leading zeros, which Dialpad would answer with a user whose id differs
 * from the key asked for, and a loader key must equal the id of the user it loads.
 */
export function isDialpadId(id: string): boolean {
  return /^[1-9]\d{0,19}$/.test(id);
}

/**
 * Whether any of the user's addresses is `email`, in any letter case. `findByEmail` keeps only these:
 * were Dialpad ever to match loosely (or ignore the filter), a fan-out write to "this person's
 * accounts" must not reach anyone else's.
 */
export function holdsEmail(user: Pick<CanonicalUser, 'emails'>, email: string): boolean {
  const wanted = email.toLowerCase();
  return user.emails.some((address) => address.toLowerCase() === wanted);
}

/** `raw` is the payload as received (unknown fields included); Dialpad returns no secrets, so nothing is removed. */
export function decodeDialpadUser(wire: ReadDialpadUser, raw: Readonly<Record<string, unknown>> = wire): CanonicalUser {
  return decodeWith(DIALPAD_READ, wire, { vendor: 'dialpad', vendorUserId: wire.id, details: decodeDialpadDetails(wire), raw });
}

/** A user payload as received → the canonical user, read tolerantly; BAD_VENDOR_RESPONSE without an id. */
export function readDialpadUser(payload: unknown, drift: DriftSink = ignoreDrift): CanonicalUser {
  return readRecord('dialpad', ReadDialpadUser, decodeDialpadUser, payload, drift);
}

export function decodeDialpadDetails(wire: ReadDialpadUser): DialpadDetails {
  return {
    vendor: 'dialpad',
    state: wire.state,
    onDutyStatus: wire.on_duty_status,
    forwardingNumbers: wire.forwarding_numbers ?? [],
    isAvailable: wire.is_available,
    isSuperAdmin: wire.is_super_admin,
    internationalDialingEnabled: wire.international_dialing_enabled,
    doNotDisturb: wire.do_not_disturb,
    license: wire.license,
    officeId: nonEmpty(wire.office_id),
    adminOfficeIds: wire.admin_office_ids ?? [],
    companyId: nonEmpty(wire.company_id),
    dateActive: dateOf(wire.date_active),
    statusMessage: nonEmpty(wire.status_message ?? null),
  };
}

const dialpadName = (key: 'first_name' | 'last_name') => required('dialpad', (value: string) => ({ [key]: value }));

/** Dialpad clears a text field that is sent empty (and reads it back as not set). */
const dialpadClearable = (key: 'job_title' | 'extension'): FieldEncoder<string> => (value) => ({ [key]: value ?? '' });

/** The states a write may set: Dialpad's API only suspends or re-activates (seed 003). */
const WRITABLE_STATUS: Record<'ACTIVE' | 'SUSPENDED', (typeof DIALPAD_WRITABLE_STATES)[number]> = { ACTIVE: 'active', SUSPENDED: 'suspended' };

export const DIALPAD_WRITE: WriteTable = {
  firstName: dialpadName('first_name'),
  lastName: dialpadName('last_name'),
  // `emails` replaces the whole list, so the other addresses are sent again after the new primary. Before
  // the account is read there are none to keep; that body only stands for "an email can be written".
  email: required('dialpad', (email: string, current) => {
    const lower = email.toLowerCase();
    return { emails: [email, ...(current?.emails ?? []).filter((address) => address.toLowerCase() !== lower)] };
  }),
  // Dialpad reorders or removes numbers but never assigns one through this endpoint, and clearing would
  // remove them all. Which numbers the account holds is known only once it is read.
  phoneNumber: (e164, current) => {
    if (e164 === null) return { refused: 'Dialpad cannot clear the primary number: that would remove numbers from the user' };
    if (!current) return { phone_numbers: [e164] };
    if (!current.phoneNumbers.includes(e164)) {
      return { refused: 'Dialpad makes only an assigned number primary; assigning one takes its number API', acceptedValues: current.phoneNumbers };
    }
    return { phone_numbers: [e164, ...current.phoneNumbers.filter((number) => number !== e164)] };
  },
  status: oneOf('dialpad', WRITABLE_STATUS, (state) => ({ state })),
  jobTitle: dialpadClearable('job_title'),
  extension: dialpadClearable('extension'),
};

export const DIALPAD_WRITABLE_FIELDS = writableFieldsOf(DIALPAD_WRITE);

/** The `dialpad:` patch input as GraphQL hands it over: types and enum values checked, any field may be null. */
export interface DialpadPatchInput {
  readonly license?: DialpadLicense | null;
  readonly officeId?: string | number | null;
  readonly adminOfficeIds?: readonly (string | number)[] | null;
  readonly isSuperAdmin?: boolean | null;
  readonly internationalDialingEnabled?: boolean | null;
  readonly forwardingNumbers?: readonly string[] | null;
  readonly keepPaidNumbers?: boolean | null;
  readonly presenceStatus?: { readonly provider?: string | null; readonly message?: string | null; readonly type?: DialpadPresenceType | null } | null;
}

/** Flags and enums that Dialpad stores as sent, input name → wire name. None of them can be unset. */
const DIALPAD_SCALARS = {
  license: 'license',
  isSuperAdmin: 'is_super_admin',
  internationalDialingEnabled: 'international_dialing_enabled',
} as const;

/**
 * The `dialpad:` patch input → Dialpad's update body. Lists clear with null (sent as `[]`); other fields
 * cannot be unset, so null is refused. Office ids are int64 and go out as strings of digits, as they
 * are read: a JSON number above 2^53 would reach Dialpad as another office. `keepPaidNumbers` is an
 * instruction for a license change, not a stored field, so it makes no change of its own.
 */
export function encodeDialpadPatch(input: DialpadPatchInput, current: CanonicalUser | null): VendorPatchEncoding {
  const body: Record<string, unknown> = {};
  const asked: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  const refuse = (field: string, reason: string) => issues.push({ field: `dialpad.${field}`, reason });

  for (const [field, wire] of Object.entries(DIALPAD_SCALARS)) {
    const value = input[field as keyof typeof DIALPAD_SCALARS];
    if (value === undefined) continue;
    if (value === null) refuse(field, 'Dialpad cannot clear this field');
    else body[wire] = asked[field] = value;
  }
  if (input.officeId === null) refuse('officeId', 'Dialpad cannot clear this field: every user belongs to an office');
  else if (input.officeId !== undefined) {
    const id = String(input.officeId);
    if (isDialpadId(id)) body.office_id = asked.officeId = id;
    else refuse('officeId', `must be a Dialpad id (a positive integer), got ${JSON.stringify(id)}`);
  }
  if (input.adminOfficeIds !== undefined) {
    const ids = (input.adminOfficeIds ?? []).map(String);
    const bad = ids.find((id) => !isDialpadId(id));
    if (bad === undefined) body.admin_office_ids = asked.adminOfficeIds = ids;
    else refuse('adminOfficeIds', `must hold Dialpad ids (positive integers), got ${JSON.stringify(bad)}`);
  }
  if (input.forwardingNumbers !== undefined) body.forwarding_numbers = asked.forwardingNumbers = [...(input.forwardingNumbers ?? [])];
  if (input.presenceStatus === null) refuse('presenceStatus', 'Dialpad cannot clear the presence status; set a new one');
  else if (input.presenceStatus !== undefined) {
    const presence: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input.presenceStatus)) {
      if (value === null) refuse(`presenceStatus.${key}`, 'Dialpad cannot clear this field');
      else if (value !== undefined) presence[key] = value;
    }
    if (Object.keys(presence).length > 0) body.presence_status = asked.presenceStatus = presence;
    else if (!issues.some((issue) => issue.field.startsWith('dialpad.presenceStatus.'))) refuse('presenceStatus', 'names nothing to set: give a provider, message or type');
  }
  if (input.keepPaidNumbers === null) refuse('keepPaidNumbers', 'must be true or false; omit it for the default (true)');
  else if (input.keepPaidNumbers !== undefined) {
    if (input.license === undefined || input.license === null) refuse('keepPaidNumbers', 'applies only together with a license change');
    else body.keep_paid_numbers = input.keepPaidNumbers;
  }
  return { body, changes: vendorPatchChanges('dialpad', asked, current?.details ?? {}), issues };
}

export function planDialpadUpdate(current: CanonicalUser | null, patch: CanonicalPatch, vendorPatch: Readonly<Record<string, unknown>> | undefined): UpdatePlan {
  return planWith('dialpad', DIALPAD_WRITE, current, patch, vendorPatch && encodeDialpadPatch(vendorPatch as DialpadPatchInput, current));
}

/** Wire fields of the update body that have a canonical name. */
const CANONICAL_WIRE_FIELDS: Readonly<Record<string, string>> = {
  first_name: 'firstName',
  last_name: 'lastName',
  state: 'status',
  emails: 'email',
  phone_numbers: 'phoneNumber',
  job_title: 'jobTitle',
  extension: 'extension',
};

/** The fields of Dialpad's update body: a 400 sentence that starts with one of these is about it. */
const PATCH_WIRE_FIELDS: ReadonlySet<string> = new Set(Object.keys(WireDialpadUserPatch.shape));

/**
 * Dialpad's 400 message is `<field> <problem>` sentences joined by "; " (`state must be one of ...`,
 * `emails: x belongs to another user`, `property foo should not exist`). Only the field is kept: the
 * vendor's wording does not reach clients. Sentences that do not start with a body field (a
 * continuation, "Invalid JSON") name none; a message that names no field at all blames the whole patch.
 */
export function decodeDialpadRejection(message: string): FieldIssue[] {
  const fields = message.split('; ').flatMap((sentence) => {
    const unexpected = /^property (\S+) should not exist/.exec(sentence)?.[1];
    const named = /^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*):?(?:\s|$)/.exec(sentence)?.[1];
    const path = unexpected ?? (named !== undefined && PATCH_WIRE_FIELDS.has(named.split('.')[0] ?? '') ? named : undefined);
    if (path === undefined) return [];
    const segments = path.split('.').filter((segment) => !/^\d+$/.test(segment));
    const canonical = segments.length === 1 ? CANONICAL_WIRE_FIELDS[segments[0] ?? ''] : undefined;
    return [canonical ?? `dialpad.${segments.map(camelCase).join('.')}`];
  });
  return (fields.length > 0 ? [...new Set(fields)] : ['dialpad']).map((field) => rejectedField('dialpad', field));
}

function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
