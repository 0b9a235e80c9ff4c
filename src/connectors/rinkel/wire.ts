import { z } from 'zod';
import { tolerantObject, type Tolerant } from '../drift.js';

/**
 * Rinkel's wire shapes, field names verbatim (seeds 000 "Update the user" and 002 "Get the user").
 * Shared by the connector (to validate what Rinkel sends) and the simulator (to validate what it receives).
 */

export const RINKEL_LANGUAGES = ['en', 'nl', 'es', 'sv'] as const;
export const RINKEL_COUNTRY_CODES = ['NL', 'BE', 'ES', 'SE'] as const;
export const RINKEL_COLOR_MODES = ['light', 'dark', 'system'] as const;
export const RINKEL_RING_TONES = ['ringtone1', 'ringtone2', 'ringtone3', 'ringtone4', 'ringtone5', 'ringtone6'] as const;
export const RINKEL_CHANNELS = ['email', 'app'] as const;
/** Upper case when read (seed 002)... */
export const RINKEL_AVAILABILITY_OUT = ['AVAILABLE', 'UNAVAILABLE'] as const;
/** ...lower case when written (seed 000). */
export const RINKEL_AVAILABILITY_IN = ['available', 'unavailable'] as const;

const Notification = z.object({ enabled: z.boolean(), channels: z.array(z.enum(RINKEL_CHANNELS)) });

export const WireRinkelUser = z.object({
  id: z.string(),
  initials: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  fullName: z.string(),
  email: z.string(),
  phoneNumber: z
    .object({ e164: z.string(), countryIsoCode: z.string(), countryCallingCode: z.number(), number: z.string() })
    .nullable(),
  availability: z.enum(RINKEL_AVAILABILITY_OUT),
  avatarUrls: z.object({ small: z.string().nullable(), large: z.string().nullable() }).nullable(),
  preferences: z.object({
    language: z.enum(RINKEL_LANGUAGES),
    defaultCountryCode: z.enum(RINKEL_COUNTRY_CODES),
    defaultOutboundNumber: z.string().nullable(),
    colorMode: z.enum(RINKEL_COLOR_MODES),
    webphone: z.object({
      ringTone: z.enum(RINKEL_RING_TONES),
      ringDevice: z.boolean(),
      callWaiting: z.object({ enabled: z.boolean(), playWaitingTone: z.boolean() }),
    }),
  }),
  notifications: z.object({ missedCalls: Notification, callOutsideBusinessHours: Notification, voicemail: Notification }),
  insights: z.object({ enabled: z.boolean() }),
});
export type WireRinkelUser = z.infer<typeof WireRinkelUser>;

/**
 * The user as the connector reads it: `id` as documented (an account cannot exist without it), every
 * other field its documented type or null when Rinkel sent something else (noted as drift).
 */
export const ReadRinkelUser = tolerantObject(WireRinkelUser, ['id']);
export type ReadRinkelUser = Tolerant<WireRinkelUser, 'id'>;

const NotificationPatch = z.object({ enabled: z.boolean(), channels: z.array(z.enum(RINKEL_CHANNELS)) }).partial().strict();

/** `PATCH /users/{id}`: every field optional, nested objects merged. `insights`, `initials`, `fullName` are not writable. */
export const WireRinkelUserPatch = z
  .object({
    availability: z.enum(RINKEL_AVAILABILITY_IN),
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    email: z.email(),
    phoneNumber: z.object({ countryIsoCode: z.string().length(2), number: z.string().min(1) }).strict(),
    preferences: z
      .object({
        language: z.enum(RINKEL_LANGUAGES),
        defaultCountryCode: z.enum(RINKEL_COUNTRY_CODES),
        defaultOutboundNumber: z.string().nullable(),
        colorMode: z.enum(RINKEL_COLOR_MODES),
        webphone: z
          .object({
            ringTone: z.enum(RINKEL_RING_TONES),
            ringDevice: z.boolean(),
            callWaiting: z.object({ enabled: z.boolean(), playWaitingTone: z.boolean() }).partial().strict(),
          })
          .partial()
          .strict(),
      })
      .partial()
      .strict(),
    notifications: z
      .object({ missedCalls: NotificationPatch, callOutsideBusinessHours: NotificationPatch, voicemail: NotificationPatch })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type WireRinkelUserPatch = z.infer<typeof WireRinkelUserPatch>;

/** Every Rinkel error: `{"statusCode": 404, "error": "Not Found", "message": "..."}` (VENDORS.md, decided). */
export const WireRinkelError = z.object({ statusCode: z.number(), error: z.string(), message: z.string() });
export type WireRinkelError = z.infer<typeof WireRinkelError>;

export interface WireRinkelPage {
  data: WireRinkelUser[];
  meta: { pagination: { totalItems: number; totalPages: number; currentPage: number; perPage: number } };
  links: { self: string; first: string; last: string; previous: string | null; next: string | null };
}
