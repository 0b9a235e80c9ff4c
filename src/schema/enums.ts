import { AVAILABILITIES, USER_STATUSES, type VendorId } from '../connectors/types.js';
import { builder } from './builder.js';

/**
 * GraphQL enums. Vendor enums keep the vendor's own values internally ('occupied-end', 'en_US',
 * 'Customer Care') and show them to clients as SCREAMING_SNAKE names, so resolvers pass wire values
 * through untouched and a value the vendor adds later fails in one place: serialization.
 */

/** `Vendor` values are the upper-case vendor ids; internally resolvers carry the lower-case `VendorId`. */
export const VendorEnum = builder.enumType('Vendor', {
  description: 'A vendor whose user accounts Switchboard fronts.',
  values: {
    RINKEL: { value: 'rinkel', description: 'Rinkel, cloud telephony (api.rinkel.com).' },
    DIALPAD: { value: 'dialpad', description: 'Dialpad, cloud telephony and contact center (dialpad.com).' },
    IMICHAT: { value: 'imichat', description: 'IMIchat, now Webex Engage: digital contact center (imi.chat).' },
    COMMPEAK: { value: 'commpeak', description: 'CommPeak, contact-center dialer (td.commpeak.com).' },
  } satisfies { [V in VendorId as Uppercase<V>]: { value: V; description: string } },
});

export const UserStatusEnum = builder.enumType('UserStatus', {
  description: 'The account state, in one vocabulary for every vendor (API.md maps each vendor onto it).',
  values: {
    ACTIVE: { value: 'ACTIVE', description: 'The account can sign in and work.' },
    INACTIVE: { value: 'INACTIVE', description: 'Switched off by an admin; can be switched on again.' },
    SUSPENDED: { value: 'SUSPENDED', description: 'Suspended (Dialpad); can be reactivated.' },
    PENDING: { value: 'PENDING', description: 'Invited but not yet activated (Dialpad).' },
    DELETED: { value: 'DELETED', description: 'Deleted or cancelled; kept by the vendor for reference only.' },
    UNKNOWN: {
      value: 'UNKNOWN',
      description:
        "The vendor sent no state Switchboard can read (none, or a value added after this version): neither working nor gone is claimed. The vendor's value is in `raw`. Never accepted in a patch.",
    },
  } satisfies Record<(typeof USER_STATUSES)[number], { value: (typeof USER_STATUSES)[number]; description: string }>,
});

export const AvailabilityEnum = builder.enumType('Availability', {
  description: 'Whether the person can take calls or chats right now.',
  values: {
    AVAILABLE: { value: 'AVAILABLE', description: 'Ready to take calls or chats.' },
    UNAVAILABLE: { value: 'UNAVAILABLE', description: 'Not taking calls or chats (off duty, clocked out, away).' },
    BUSY: { value: 'BUSY', description: 'Working but occupied (on a call, in wrap-up).' },
  } satisfies Record<(typeof AVAILABILITIES)[number], { value: (typeof AVAILABILITIES)[number]; description: string }>,
});

/** A GraphQL enum over a vendor's wire values; `describe` documents each value. */
export function vendorEnum<const T extends string>(name: string, description: string, values: readonly T[], describe?: (value: T) => string) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      values.map((value) => [enumName(value), { value, description: describe?.(value) ?? `The vendor value \`${value}\`.` }]),
    ) as Record<string, { value: T }>,
  });
}

/** 'occupied-end' → OCCUPIED_END, 'en_US' → EN_US, 'Customer Care' → CUSTOMER_CARE. */
export function enumName(value: string): string {
  return value.replace(/[^A-Za-z0-9]+/g, '_').replace(/^(\d)/, '_$1').toUpperCase();
}
