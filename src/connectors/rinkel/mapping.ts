import { decodeWith, readableFieldsOf, type ReadTable } from '../fields.js';
import type { Availability, CanonicalUser } from '../types.js';
import { RINKEL_AVAILABILITY_OUT, type WireRinkelUser } from './wire.js';

/** Pure mapping between Rinkel's wire user and the canonical user (API.md "Canonical field ↔ vendor field"). */

const AVAILABILITY: Record<(typeof RINKEL_AVAILABILITY_OUT)[number], Availability> = {
  AVAILABLE: 'AVAILABLE',
  UNAVAILABLE: 'UNAVAILABLE',
};

export const RINKEL_READ: ReadTable<WireRinkelUser> = {
  firstName: (u) => u.firstName,
  lastName: (u) => u.lastName,
  fullName: (u) => u.fullName,
  initials: (u) => u.initials,
  email: (u) => u.email,
  emails: (u) => [u.email],
  phoneNumber: (u) => u.phoneNumber?.e164 ?? null,
  phoneNumbers: (u) => (u.phoneNumber ? [u.phoneNumber.e164] : []),
  // Rinkel has no account state: a user that the API returns is an active user.
  status: () => 'ACTIVE',
  availability: (u) => AVAILABILITY[u.availability],
  language: (u) => u.preferences.language,
  avatarUrl: (u) => u.avatarUrls?.large ?? null,
};

/** Rinkel-only fields, camelCase (Rinkel's own casing already is). */
export interface RinkelDetails {
  readonly vendor: 'rinkel';
  /** The parts `phoneNumber.e164` is built from. */
  readonly phoneNumberParts: { countryIsoCode: string; countryCallingCode: number; number: string } | null;
  readonly avatarUrlSmall: string | null;
  /** `preferences` without `language`, which is canonical. */
  readonly preferences: Omit<WireRinkelUser['preferences'], 'language'>;
  readonly notifications: WireRinkelUser['notifications'];
  readonly insightsEnabled: boolean;
}

export const RINKEL_READABLE_FIELDS = readableFieldsOf(RINKEL_READ);

/** Rinkel issues 24-hex ids; anything else cannot exist and must not reach a URL. */
export function isRinkelId(id: string): boolean {
  return /^[0-9a-f]{24}$/.test(id);
}

export function decodeRinkelUser(wire: WireRinkelUser): CanonicalUser {
  return decodeWith(RINKEL_READ, wire, { vendor: 'rinkel', vendorUserId: wire.id, details: decodeRinkelDetails(wire), raw: wire });
}

export function decodeRinkelDetails(wire: WireRinkelUser): RinkelDetails {
  const { language: _language, ...preferences } = wire.preferences;
  const phone = wire.phoneNumber;
  return {
    vendor: 'rinkel',
    phoneNumberParts: phone ? { countryIsoCode: phone.countryIsoCode, countryCallingCode: phone.countryCallingCode, number: phone.number } : null,
    avatarUrlSmall: wire.avatarUrls?.small ?? null,
    preferences,
    notifications: wire.notifications,
    insightsEnabled: wire.insights.enabled,
  };
}
