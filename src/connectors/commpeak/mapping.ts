import { decodeWith, fullNameOf, initialsOf, nonEmpty, readableFieldsOf, type ReadTable } from '../fields.js';
import type { Availability, CanonicalUser } from '../types.js';
import type { COMMPEAK_FLAG_VALUES, COMMPEAK_LANGUAGES, COMMPEAK_TWOFA_TYPES, WireCommpeakUser } from './wire.js';

/** Pure mapping between CommPeak's wire user and the canonical user (API.md "Canonical field ↔ vendor field"). */

type Flag = (typeof COMMPEAK_FLAG_VALUES)[number];
type Language = (typeof COMMPEAK_LANGUAGES)[number];

const FLAG: Record<Flag, boolean> = { '0': false, '1': true };

/** CommPeak sends every flag as the string "0" or "1". */
export function flagOf(flag: Flag): boolean {
  return FLAG[flag];
}

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

export const COMMPEAK_READ: ReadTable<WireCommpeakUser> = {
  // Every value is a string on the wire, so an unset one arrives as "": canonical fields say null.
  firstName: (u) => nonEmpty(u.first_name),
  lastName: (u) => nonEmpty(u.last_name),
  fullName: (u) => fullNameOf(u.first_name, u.last_name),
  initials: (u) => initialsOf(nonEmpty(u.first_name), nonEmpty(u.last_name)),
  email: (u) => nonEmpty(u.email),
  emails: (u) => (nonEmpty(u.email) === null ? [] : [u.email]),
  username: (u) => nonEmpty(u.username),
  // A deleted user keeps whatever `is_active` it had; deletion wins.
  status: (u) => (flagOf(u.is_deleted) ? 'DELETED' : flagOf(u.is_active) ? 'ACTIVE' : 'INACTIVE'),
  availability: (u) => AVAILABILITY[u.is_clockedin],
  language: (u) => COMMPEAK_LOCALES[u.default_language],
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
  readonly isPredictiveClockedIn: boolean;
  readonly useExtendedIpAcl: boolean;
  readonly useWebrtc: boolean;
  readonly userRouteCallerId: number;
  readonly timezoneId: number;
  /** An extension like `virtual_extension`, so a string; null when unset. */
  readonly predictiveDynamicExtension: string | null;
  /** Seconds. */
  readonly maxSessionTime: number;
  readonly maxConcurrentSessions: number;
  readonly twofaType: (typeof COMMPEAK_TWOFA_TYPES)[number];
  readonly memberAllSkillGroups: boolean;
  readonly memberAllDesks: boolean;
}

export const COMMPEAK_READABLE_FIELDS = readableFieldsOf(COMMPEAK_READ);

/** CommPeak ids are MySQL auto-increment keys; anything else cannot exist and must not reach a URL. */
export function isCommpeakId(id: string): boolean {
  return /^[1-9]\d{0,11}$/.test(id);
}

export function decodeCommpeakUser(wire: WireCommpeakUser): CanonicalUser {
  const { registration_password: _secret, ...raw } = wire;
  return decodeWith(COMMPEAK_READ, wire, { vendor: 'commpeak', vendorUserId: wire.id, details: decodeCommpeakDetails(wire), raw });
}

/** The numeric fields are integers here: the client refuses a user whose values are not. */
export function decodeCommpeakDetails(wire: WireCommpeakUser): CommpeakDetails {
  return {
    vendor: 'commpeak',
    sipUri: nonEmpty(wire.sip_uri),
    isPredictiveClockedIn: flagOf(wire.is_predictive_clockedin),
    useExtendedIpAcl: flagOf(wire.use_extended_ip_acl),
    useWebrtc: flagOf(wire.use_webrtc),
    userRouteCallerId: Number(wire.user_route_caller_id),
    timezoneId: Number(wire.timezone_id),
    predictiveDynamicExtension: nonEmpty(wire.predictive_dynamic_extension),
    maxSessionTime: Number(wire.max_session_time),
    maxConcurrentSessions: Number(wire.max_concurrent_sessions),
    twofaType: wire.twofa_type,
    memberAllSkillGroups: flagOf(wire.member_all_skill_groups),
    memberAllDesks: flagOf(wire.member_all_desks),
  };
}
