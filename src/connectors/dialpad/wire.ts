import { z } from 'zod';
import { tolerantObject, type Tolerant } from '../drift.js';

/**
 * Dialpad's wire shapes, field names verbatim (seed 003 "PATCH /api/v2/users/{id}"; VENDORS.md "Dialpad").
 * Shared by the connector (to validate what Dialpad sends) and the simulator (to validate what it receives).
 */

/** `state` as read. */
export const DIALPAD_STATES = ['active', 'cancelled', 'deleted', 'pending', 'suspended'] as const;
/** `?state=` on the list: the read states plus `all`. */
export const DIALPAD_STATE_FILTERS = ['active', 'all', 'cancelled', 'deleted', 'pending', 'suspended'] as const;
/** `state` as written: the API only suspends or re-activates (seed 003). */
export const DIALPAD_WRITABLE_STATES = ['active', 'suspended'] as const;
export const DIALPAD_ON_DUTY_STATUSES = ['available', 'busy', 'occupied', 'occupied-end', 'unavailable', 'wrapup', 'wrapup-end'] as const;
export const DIALPAD_LICENSES = ['admins', 'agents', 'dpde_all', 'dpde_one', 'lite_lines', 'lite_support_agents', 'magenta_lines', 'talk'] as const;
export const DIALPAD_PRESENCE_TYPES = ['conference', 'default'] as const;

/**
 * Ids are int64 and travel as JSON strings: above 2^53 a JS number would silently round, so they are
 * never parsed as numbers on the way in.
 */
const Id = z.string();

/** `GET /api/v2/users/{id}`: every field may be null. */
export const WireDialpadUser = z.object({
  id: Id.nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  display_name: z.string().nullable(),
  /** The first one is the primary address. */
  emails: z.array(z.string()).nullable(),
  /** E.164. */
  phone_numbers: z.array(z.string()).nullable(),
  forwarding_numbers: z.array(z.string()).nullable(),
  extension: z.string().nullable(),
  job_title: z.string().nullable(),
  language: z.string().nullable(),
  /** IANA zone name. */
  timezone: z.string().nullable(),
  image_url: z.string().nullable(),
  state: z.enum(DIALPAD_STATES).nullable(),
  on_duty_status: z.enum(DIALPAD_ON_DUTY_STATUSES).nullable(),
  is_available: z.boolean().nullable(),
  is_admin: z.boolean().nullable(),
  is_super_admin: z.boolean().nullable(),
  international_dialing_enabled: z.boolean().nullable(),
  do_not_disturb: z.boolean().nullable(),
  license: z.enum(DIALPAD_LICENSES).nullable(),
  office_id: Id.nullable(),
  admin_office_ids: z.array(Id).nullable(),
  company_id: Id.nullable(),
  /** ISO date-time without a zone, in UTC: `2023-04-01T12:34:56`. */
  date_added: z.string().nullable(),
  date_active: z.string().nullable(),
  /**
   * Not in VENDORS.md: the rendered `presence_status` of a PATCH (Dialpad's own name for it), so the
   * write can be read back. Optional, because the contract does not promise it.
   */
  status_message: z.string().nullish(),
});
export type WireDialpadUser = z.infer<typeof WireDialpadUser>;

/**
 * The user as the connector reads it: a non-empty `id` (an account cannot exist without one, and it
 * is int64 as a string), every other field its documented type or null. Every field is documented
 * nullable, so null and absent are not drift; a wrong type or a value added to an enum is.
 */
export const ReadDialpadUser = tolerantObject(WireDialpadUser.extend({ id: Id.min(1) }), ['id']);
export type ReadDialpadUser = Tolerant<WireDialpadUser & { id: string }, 'id'>;

/** An office id in a PATCH: the seed says Integer; a numeric string is accepted too, because ids are read as strings. */
const IdInput = z.custom<number | string>(
  (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) || (typeof value === 'string' && /^\d{1,19}$/.test(value)),
  'must be an integer (a number or a string of digits)',
);

const SingleLine = z.string().refine((value) => !/[\r\n]/.test(value), 'must be a single line');
const E164 = z.string().refine((value) => /^\+[1-9]\d{6,14}$/.test(value), 'must be an E.164 phone number (+ and 7 to 15 digits)');

/** `PATCH /api/v2/users/{id}` (seed 003): every field optional, nothing else accepted. */
export const WireDialpadUserPatch = z
  .object({
    first_name: SingleLine,
    last_name: SingleLine,
    job_title: SingleLine,
    /** Adds, removes and reorders; index 0 becomes the primary address. */
    emails: z.array(z.email()).min(1, 'must hold at least one email'),
    /** Reorders or removes only; a new number needs the assign-number API. */
    phone_numbers: z.array(E164),
    forwarding_numbers: z.array(E164),
    /** Digits; the empty string removes the extension (decided). */
    extension: z.string().refine((value) => /^\d{0,10}$/.test(value), 'must be a string of digits'),
    international_dialing_enabled: z.boolean(),
    is_super_admin: z.boolean(),
    license: z.enum(DIALPAD_LICENSES),
    /** Only matters with a license change to a support license. @default true */
    keep_paid_numbers: z.boolean(),
    office_id: IdInput,
    admin_office_ids: z.array(IdInput),
    state: z.enum(DIALPAD_WRITABLE_STATES),
    presence_status: z
      .object({ provider: z.string(), message: z.string(), type: z.enum(DIALPAD_PRESENCE_TYPES) })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type WireDialpadUserPatch = z.infer<typeof WireDialpadUserPatch>;

/** Every Dialpad error: `{"error": {"code": 404, "message": "..."}}` (VENDORS.md, decided). */
export const WireDialpadError = z.object({ error: z.object({ code: z.number(), message: z.string() }) });
export type WireDialpadError = z.infer<typeof WireDialpadError>;

/** `GET /api/v2/users`: `cursor` is absent on the last page (accept also null or empty). */
export interface WireDialpadPage {
  items: WireDialpadUser[];
  cursor?: string | null;
}
