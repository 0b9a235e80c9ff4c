import { dateOf, decodeWith, fullNameOf, initialsOf, nonEmpty, readableFieldsOf, type ReadTable } from '../fields.js';
import type { CanonicalUser, UserStatus } from '../types.js';
import type { IMICHAT_ROLE_TYPES, IMICHAT_STATUSES, WireImichatUser } from './wire.js';

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

export const IMICHAT_READ: ReadTable<WireImichatUser> = {
  firstName: (u) => nonEmpty(u.first_name),
  lastName: (u) => nonEmpty(u.last_name),
  // IMIchat stores no display name or initials; both are derived like everywhere else.
  fullName: (u) => fullNameOf(u.first_name, u.last_name),
  initials: (u) => initialsOf(nonEmpty(u.first_name), nonEmpty(u.last_name)),
  email: (u) => nonEmpty(u.email_id),
  emails: (u) => (nonEmpty(u.email_id) === null ? [] : [u.email_id]),
  username: (u) => nonEmpty(u.login_id),
  status: (u) => STATUS[u.status],
  // Only a logged-in agent accepts chats, so "not accepting" covers both off duty and logged out.
  availability: (u) => (u.accepting_chats ? 'AVAILABLE' : 'UNAVAILABLE'),
  jobTitle: (u) => nonEmpty(u.job_description),
  isAdmin: (u) => IS_ADMIN[u.role_type],
  createdAt: (u) => dateOf(u.created_at),
  updatedAt: (u) => dateOf(u.updated_at),
};

/** IMIchat-only fields, camelCase. */
export interface ImichatDetails {
  readonly vendor: 'imichat';
  /** Whether the agent is signed in to the IMIchat console now. */
  readonly loggedIn: boolean;
  /** Whether the agent signs in with the email address rather than the login id. */
  readonly loginUsingEmail: boolean;
  /** The role; the canonical `isAdmin` is `roleType === 'Administrative'`. */
  readonly roleType: ImichatRoleType;
  /** Skill name → level, used for chat routing. */
  readonly skillAttributes: Readonly<Record<string, unknown>>;
  /** The tenant's own attributes (`business`, `location`, ...). */
  readonly customAttributes: Readonly<Record<string, unknown>>;
  /** Chats the agent is handling right now. */
  readonly activeChats: number;
}

export const IMICHAT_READABLE_FIELDS = readableFieldsOf(IMICHAT_READ);

/** IMIchat ids are positive integers; at most 15 digits keeps them exact as JSON numbers (below 2^53). */
export function isImichatId(id: string): boolean {
  return /^[1-9]\d{0,14}$/.test(id);
}

export function decodeImichatUser(wire: WireImichatUser): CanonicalUser {
  return decodeWith(IMICHAT_READ, wire, { vendor: 'imichat', vendorUserId: String(wire.id), details: decodeImichatDetails(wire), raw: wire });
}

export function decodeImichatDetails(wire: WireImichatUser): ImichatDetails {
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
