import { dateOf, decodeWith, fullNameOf, initialsOf, nonEmpty, readableFieldsOf, type ReadTable } from '../fields.js';
import type { Availability, CanonicalUser, UserStatus } from '../types.js';
import type { DIALPAD_LICENSES, DIALPAD_ON_DUTY_STATUSES, DIALPAD_STATES, WireDialpadUser } from './wire.js';

/** Pure mapping between Dialpad's wire user and the canonical user (API.md "Canonical field ↔ vendor field"). */

export type DialpadState = (typeof DIALPAD_STATES)[number];
export type DialpadOnDutyStatus = (typeof DIALPAD_ON_DUTY_STATUSES)[number];
export type DialpadLicense = (typeof DIALPAD_LICENSES)[number];

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
 * A user Dialpad returned without a `state`. ACTIVE would claim the account works and DELETED that it
 * is gone, either of which a client may act on; INACTIVE is the one status no Dialpad state maps to, so
 * "Dialpad did not say" stays recognisable (and `details.state` is null).
 */
const STATUS_WITHOUT_STATE: UserStatus = 'INACTIVE';

export const DIALPAD_READ: ReadTable<WireDialpadUser> = {
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
export function holdsEmail(wire: WireDialpadUser, email: string): boolean {
  const wanted = email.toLowerCase();
  return (wire.emails ?? []).some((address) => address.toLowerCase() === wanted);
}

/** `raw` is the user as validated; Dialpad returns no secrets, so nothing is removed. */
export function decodeDialpadUser(wire: WireDialpadUser & { readonly id: string }): CanonicalUser {
  return decodeWith(DIALPAD_READ, wire, { vendor: 'dialpad', vendorUserId: wire.id, details: decodeDialpadDetails(wire), raw: wire });
}

export function decodeDialpadDetails(wire: WireDialpadUser): DialpadDetails {
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
    statusMessage: nonEmpty(wire.status_message),
  };
}
