import { z } from 'zod';
import { tolerantObject, type Tolerant } from '../drift.js';

/**
 * CommPeak's wire shapes, field names verbatim (seed 001 "Update User"; VENDORS.md "CommPeak").
 * CommPeak reads like a Yii2 REST API: bare resources, X-Pagination-* headers, `{name, message, code,
 * status}` errors and 422 field arrays. Shared by the connector (to validate what CommPeak sends) and
 * the simulator (to validate what it receives).
 */

export const COMMPEAK_LANGUAGES = ['en_US', 'es_ES', 'pt_BR'] as const;
export const COMMPEAK_TWOFA_TYPES = ['default', 'disabled', 'email', 'google'] as const;
/** Every flag reads as one of these strings, whatever type it is written with. */
export const COMMPEAK_FLAG_VALUES = ['0', '1'] as const;
/** Flags the seed types as numbers in the update body: written as `0`/`1`... */
export const COMMPEAK_NUMERIC_FLAGS = ['is_active', 'is_deleted', 'use_extended_ip_acl', 'use_webrtc'] as const;
/** ...and flags it types as strings: written as `"0"`/`"1"`. */
export const COMMPEAK_STRING_FLAGS = ['is_clockedin', 'is_predictive_clockedin', 'member_all_skill_groups', 'member_all_desks'] as const;

export type CommpeakNumericFlag = (typeof COMMPEAK_NUMERIC_FLAGS)[number];
export type CommpeakStringFlag = (typeof COMMPEAK_STRING_FLAGS)[number];

const Flag = z.enum(COMMPEAK_FLAG_VALUES);

/** `GET /api/users/{id}`: every value is a string, numbers and flags included. */
export const WireCommpeakUser = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  sip_uri: z.string(),
  virtual_extension: z.string(),
  is_active: Flag,
  is_deleted: Flag,
  is_clockedin: Flag,
  is_predictive_clockedin: Flag,
  use_extended_ip_acl: Flag,
  use_webrtc: Flag,
  user_route_caller_id: z.string(),
  timezone_id: z.string(),
  predictive_dynamic_extension: z.string(),
  default_language: z.enum(COMMPEAK_LANGUAGES),
  max_session_time: z.string(),
  max_concurrent_sessions: z.string(),
  twofa_type: z.enum(COMMPEAK_TWOFA_TYPES),
  member_all_skill_groups: Flag,
  member_all_desks: Flag,
  /** A SIP secret: the vendor returns it; the gateway must never expose it. */
  registration_password: z.string(),
});
export type WireCommpeakUser = z.infer<typeof WireCommpeakUser>;

/** Counts and ids the details expose as numbers: integers as strings, or the value reads as null. */
const Integer = z.string().regex(/^-?\d+$/);

/**
 * The user as the connector reads it: a numeric-string `id` (accepted also as a JSON integer), every
 * other field its documented type or null when CommPeak sent something else (noted as drift).
 */
/** The documented user with the rule the details add: the fields they expose as numbers hold integers. */
export const WireCommpeakReadableUser = WireCommpeakUser.extend({
  user_route_caller_id: Integer,
  timezone_id: Integer,
  max_session_time: Integer,
  max_concurrent_sessions: Integer,
});

export const ReadCommpeakUser = tolerantObject(
  WireCommpeakReadableUser.extend({ id: z.union([z.string().regex(/^[1-9]\d{0,11}$/), z.number().int().positive().transform(String)]) }),
  ['id'],
);
export type ReadCommpeakUser = Tolerant<WireCommpeakUser, 'id'>;

const NumericFlag = z.literal([0, 1]);
/** Counts and durations the seed types as strings; digits only, as the stored values are. */
const Digits = z.string().regex(/^\d+$/);

/**
 * `PUT /api/users/{id}`: every field optional, with the seed's types — the mixture of number and string
 * flags is the vendor's, not ours. `id` may be sent but must equal the path id.
 */
export const WireCommpeakUserUpdate = z
  .object({
    id: z.number().int(),
    username: z.string().min(1),
    email: z.email(),
    sip_uri: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    virtual_extension: z.string(),
    is_active: NumericFlag,
    is_deleted: NumericFlag,
    use_extended_ip_acl: NumericFlag,
    use_webrtc: NumericFlag,
    user_route_caller_id: z.number().int(),
    timezone_id: z.number().int(),
    predictive_dynamic_extension: z.string(),
    default_language: z.enum(COMMPEAK_LANGUAGES),
    max_session_time: Digits,
    max_concurrent_sessions: Digits,
    twofa_type: z.enum(COMMPEAK_TWOFA_TYPES),
    member_all_skill_groups: Flag,
    member_all_desks: Flag,
    registration_password: z.string().min(1),
    is_clockedin: Flag,
    is_predictive_clockedin: Flag,
  })
  .partial()
  .strict();
export type WireCommpeakUserUpdate = z.infer<typeof WireCommpeakUserUpdate>;

/** Every CommPeak error but 422: Yii2's `{"name": "Not Found", "message": "...", "code": 0, "status": 404}`. */
export const WireCommpeakError = z.object({ name: z.string(), message: z.string(), code: z.number(), status: z.number() });
export type WireCommpeakError = z.infer<typeof WireCommpeakError>;

/** 422: one entry per offending field, Yii2's serialized model errors. */
export const WireCommpeakValidationErrors = z.array(z.object({ field: z.string(), message: z.string() }));
export type WireCommpeakValidationErrors = z.infer<typeof WireCommpeakValidationErrors>;

