import { rejectedField } from '../../errors.js';
import { dateOf, decodeWith, fullNameOf, initialsOf, nonEmpty, readableFieldsOf, type ReadTable } from '../fields.js';
import type { CanonicalPatch, CanonicalUser, FieldIssue, UpdatePlan, UserStatus } from '../types.js';
import { oneOf, planWith, required, vendorPatchChanges, writableFieldsOf, type VendorPatchEncoding, type WriteTable } from '../writes.js';
import {
  IMICHAT_BUSINESS_VALUES, IMICHAT_LOCATION_VALUES,
  ReadImichatUser, WireImichatUser, type IMICHAT_ROLE_TYPES, type IMICHAT_STATUSES, type WireImichatUserPatch,
} from './wire.js';
import { ignoreDrift, readRecord, type DriftSink } from '../drift.js';

/** Pure mapping between IMIchat's wire user and the canonical user (API.md "Canonical field ↔ vendor field"). */

export type ImichatRoleType = (typeof IMICHAT_ROLE_TYPES)[number];

const STATUS: Record<(typeof IMICHAT_STATUSES)[number], UserStatus> = {
  active: 'ACTIVE',
  inactive: 'INACTIVE',
};

const IS_ADMIN: Record<ImichatRoleType, boolean> = {
  'Customer Care': false,
  Administrative: true,
};

export const IMICHAT_READ: ReadTable<ReadImichatUser> = {
  firstName: (u) => nonEmpty(u.first_name),
  lastName: (u) => nonEmpty(u.last_name),
  // IMIchat stores no display name or initials; both are derived like everywhere else.
  fullName: (u) => fullNameOf(u.first_name, u.last_name),
  initials: (u) => initialsOf(nonEmpty(u.first_name), nonEmpty(u.last_name)),
  email: (u) => nonEmpty(u.email_id),
  emails: (u) => (u.email_id === null || nonEmpty(u.email_id) === null ? [] : [u.email_id]),
  username: (u) => nonEmpty(u.login_id),
  status: (u) => (u.status === null ? 'UNKNOWN' : STATUS[u.status]),
  // Only a logged-in agent accepts chats, so "not accepting" covers both off duty and logged out.
  availability: (u) => (u.accepting_chats === null ? null : u.accepting_chats ? 'AVAILABLE' : 'UNAVAILABLE'),
  jobTitle: (u) => nonEmpty(u.job_description),
  isAdmin: (u) => (u.role_type === null ? null : IS_ADMIN[u.role_type]),
  createdAt: (u) => dateOf(u.created_at),
  updatedAt: (u) => dateOf(u.updated_at),
};

/** IMIchat-only fields, camelCase; null where IMIchat sent nothing readable (drift). */
export interface ImichatDetails {
  readonly vendor: 'imichat';
  /** Whether the agent is signed in to the IMIchat console now. */
  readonly loggedIn: boolean | null;
  /** Whether the agent signs in with the email address rather than the login id. */
  readonly loginUsingEmail: boolean | null;
  /** The role; the canonical `isAdmin` is `roleType === 'Administrative'`. */
  readonly roleType: ImichatRoleType | null;
  /** Skill name → level, used for chat routing. */
  readonly skillAttributes: Readonly<Record<string, unknown>> | null;
  /** The tenant's own attributes (`business`, `location`, ...). */
  readonly customAttributes: Readonly<Record<string, unknown>> | null;
  /** Chats the agent is handling right now. */
  readonly activeChats: number | null;
}

export const IMICHAT_READABLE_FIELDS = readableFieldsOf(IMICHAT_READ);

/** IMIchat ids are positive integers; at most 15 digits keeps them exact as JSON numbers (below 2^53). */
export function isImichatId(id: string): boolean {
  return /^[1-9]\d{0,14}$/.test(id);
}

/** `raw` is the payload as received (unknown fields included); IMIchat returns no secrets. */
export function decodeImichatUser(wire: ReadImichatUser, raw: Readonly<Record<string, unknown>> = wire): CanonicalUser {
  return decodeWith(IMICHAT_READ, wire, { vendor: 'imichat', vendorUserId: String(wire.id), details: decodeImichatDetails(wire), raw });
}

/** A user payload as received → the canonical user, read tolerantly; BAD_VENDOR_RESPONSE without an id. */
export function readImichatUser(payload: unknown, drift: DriftSink = ignoreDrift): CanonicalUser {
  return readRecord('imichat', ReadImichatUser, decodeImichatUser, payload, drift);
}

export function decodeImichatDetails(wire: ReadImichatUser): ImichatDetails {
  return {
    vendor: 'imichat',
    loggedIn: wire.logged_in,
    loginUsingEmail: wire.login_using_email,
    roleType: wire.role_type,
    skillAttributes: wire.skill_attributes,
    customAttributes: wire.custom_attributes,
    activeChats: wire.active_chats,
  };
}

/** IMIchat stores only these two states (`status`, seed 004). */
const STATUS_OUT = { ACTIVE: 'active', INACTIVE: 'inactive' } as const satisfies Record<string, (typeof IMICHAT_STATUSES)[number]>;

const imichatName = (key: 'first_name' | 'last_name') => required('imichat', (value: string) => ({ [key]: value }));

export const IMICHAT_WRITE: WriteTable = {
  firstName: imichatName('first_name'),
  lastName: imichatName('last_name'),
  status: oneOf('imichat', STATUS_OUT, (status) => ({ status })),
  // IMIchat has no null here; an empty description is what it shows as "none", and reads back as null.
  jobTitle: (value) => ({ job_description: value ?? '' }),
};

export const IMICHAT_WRITABLE_FIELDS = writableFieldsOf(IMICHAT_WRITE);

/** The `imichat:` patch input (GraphQL `ImichatUserPatch`), camelCase. */
export interface ImichatPatchInput {
  readonly customAttributes?: Readonly<Record<string, unknown>> | null;
  readonly skillAttributes?: Readonly<Record<string, unknown>> | null;
  readonly loginUsingEmail?: boolean | null;
}

const PATCH_WIRE_NAMES = {
  customAttributes: 'custom_attributes',
  skillAttributes: 'skill_attributes',
  loginUsingEmail: 'login_using_email',
} as const satisfies Record<keyof ImichatPatchInput, keyof WireImichatUserPatch>;

/**
 * The `imichat:` patch → IMIchat's update body. Attribute maps merge key by key at IMIchat (a null value
 * removes that key), so their `after` is the merged map, comparable with `before`; none of the three can be
 * cleared as a whole, so a null there is an issue, not a body field.
 */
export function encodeImichatPatch(input: Readonly<Record<string, unknown>>, current: CanonicalUser | null): VendorPatchEncoding {
  const body: Record<string, unknown> = {};
  const given: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, wireName] of Object.entries(PATCH_WIRE_NAMES) as [keyof ImichatPatchInput, string][]) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null) {
      issues.push({ field: `imichat.${key}`, reason: key === 'loginUsingEmail' ? 'IMIchat cannot clear this field' : 'IMIchat cannot clear all attributes at once; set a key to null to remove it' });
      continue;
    }
    body[wireName] = value;
    given[key] = value;
  }
  const details = (current?.details ?? {}) as Partial<ImichatDetails>;
  const changes = vendorPatchChanges('imichat', given, details).map((change) => {
    const key = change.field.slice('imichat.'.length);
    if (key !== 'customAttributes' && key !== 'skillAttributes') return change;
    return current ? { ...change, after: mergeAttributes(details[key] ?? {}, given[key] as Record<string, unknown>) } : change;
  });
  return { body, changes, issues };
}

/** IMIchat's attribute merge: a null value removes the key, any other sets it, unnamed keys stay. */
function mergeAttributes(current: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

export function planImichatUpdate(current: CanonicalUser | null, patch: CanonicalPatch, vendorPatch: Readonly<Record<string, unknown>> | undefined): UpdatePlan {
  return planWith('imichat', IMICHAT_WRITE, current, patch, vendorPatch && encodeImichatPatch(vendorPatch, current));
}

/** Update-body names of the canonical fields, for naming what a 3115 refers to. */
const CANONICAL_OF_WIRE: Readonly<Record<string, string>> = {
  first_name: 'firstName',
  last_name: 'lastName',
  status: 'status',
  job_description: 'jobTitle',
};

/**
 * IMIchat's answer codes that refuse the values of a write, as canonical field issues; null for any
 * other code. Only the field names are taken from a 3115 description (`Request is invalid: <path>
 * <problem>; ...`): the vendor's wording does not reach clients.
 */
export function decodeImichatRejection(code: number, description: string): FieldIssue[] | null {
  switch (code) {
    case 3107:
      return [{ ...rejectedField('imichat', 'imichat.customAttributes.business'), acceptedValues: IMICHAT_BUSINESS_VALUES }];
    case 3110:
      return [{ ...rejectedField('imichat', 'imichat.customAttributes.location'), acceptedValues: IMICHAT_LOCATION_VALUES }];
    case 3114:
      return [rejectedField('imichat', 'patch')];
    case 3115:
      return [...new Set(fieldsNamedIn(description))].map((field) => rejectedField('imichat', field));
    default:
      return null;
  }
}

const USER_FIELD_NAMES: ReadonlySet<string> = new Set(Object.keys(WireImichatUser.shape));

function fieldsNamedIn(description: string): string[] {
  const detail = description.includes(': ') ? description.slice(description.indexOf(': ') + 2) : '';
  const fields = detail.split('; ').flatMap((sentence) => {
    const path = /^property (\S+) should not exist/.exec(sentence)?.[1] ?? sentence.split(' ')[0] ?? '';
    // Only names of the user's fields count; any other word is wording, not a field.
    return USER_FIELD_NAMES.has(path.split('.')[0] ?? '') ? [canonicalNameOf(path)] : [];
  });
  // A description that names no field still refused the write: it is the patch as a whole.
  return fields.length > 0 ? fields : ['patch'];
}

function canonicalNameOf(path: string): string {
  const [head = '', ...rest] = path.split('.');
  const canonical = CANONICAL_OF_WIRE[head];
  if (canonical && rest.length === 0) return canonical;
  return ['imichat', camelCase(head), ...rest].join('.');
}

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
