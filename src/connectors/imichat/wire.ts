import { z } from 'zod';
import { tolerantObject, type Tolerant } from '../drift.js';

/**
 * IMIchat's (Webex Engage's) wire shapes, field names verbatim (seed 004 "Update user"; VENDORS.md
 * "IMIchat / Webex Engage"). Shared by the connector (to validate what IMIchat sends) and the simulator
 * (to validate what it receives).
 */

export const IMICHAT_STATUSES = ['active', 'inactive'] as const;
export const IMICHAT_ROLE_TYPES = ['Customer Care', 'Administrative'] as const;
/** Allowed values of `custom_attributes.business`; anything else is refused with 3107 (*decided* list). */
export const IMICHAT_BUSINESS_VALUES = ['Consumer', 'Small Business', 'Enterprise', 'Public Sector'] as const;
/** Allowed values of `custom_attributes.location`; anything else is refused with 3110 (*decided* list). */
export const IMICHAT_LOCATION_VALUES = ['Amsterdam', 'Brussels', 'Madrid', 'Stockholm', 'Remote'] as const;

/**
 * Every `status_code` the API answers with, its HTTP status and the vendor's description. Codes marked
 * *decided* are not in the seed: VENDORS.md or this file chose them so connector and simulator agree.
 */
export const IMICHAT_CODES = {
  /** *decided*: `GET /authorize`; the token itself travels in the `access_token` response header. */
  4301: { http: 200, description: 'Access token generated successfully' },
  4306: { http: 200, description: 'User details fetched successfully' },
  4307: { http: 200, description: 'Users fetched successfully' },
  4309: { http: 200, description: 'User updated successfully' },
  2002: { http: 400, description: 'Invalid header param - could not find mandatory header parameters' },
  2003: { http: 400, description: 'Invalid Access Token' },
  2004: { http: 401, description: 'Access Token expired' },
  2007: { http: 500, description: 'Internal Server Error' },
  /** *decided* (VENDORS.md): the tenant's 10,000 requests a day are spent. */
  2008: { http: 429, description: 'Daily API quota exceeded' },
  /** *decided*: a path the API does not serve, kept apart from 3101 so a wrong base URL never reads as "user not found". */
  2009: { http: 404, description: 'Requested resource was not found' },
  2010: { http: 404, description: 'Could not find details of team based on the teamid passed in the header' },
  2099: { http: 405, description: 'Method not allowed' },
  3101: { http: 404, description: 'Requested user was not found' },
  3104: { http: 500, description: 'The user update failed' },
  3107: { http: 400, description: "The value provided for the custom attribute 'business' is not valid." },
  3110: { http: 400, description: "The value provided for the custom attribute 'location' is not valid." },
  3114: { http: 400, description: 'Request body not provided' },
  3115: { http: 400, description: 'Request is invalid' },
} as const satisfies Record<number, { http: number; description: string }>;
export type ImichatCode = keyof typeof IMICHAT_CODES;

/** Every body, success or error: `{"status_code", "description", "response"}`; `response` is null on errors. */
export function WireImichatEnvelope<T extends z.ZodType>(response: T) {
  return z.object({ status_code: z.number().int(), description: z.string(), response: response.nullable() });
}
export interface WireImichatEnvelope<T> {
  status_code: number;
  description: string;
  response: T | null;
}

export const WireImichatUser = z.object({
  id: z.number().int(),
  /** ISO-8601 UTC. */
  created_at: z.string(),
  updated_at: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  login_id: z.string(),
  email_id: z.string(),
  status: z.enum(IMICHAT_STATUSES),
  logged_in: z.boolean(),
  job_description: z.string(),
  login_using_email: z.boolean(),
  role_type: z.enum(IMICHAT_ROLE_TYPES),
  accepting_chats: z.boolean(),
  skill_attributes: z.record(z.string(), z.unknown()),
  custom_attributes: z.record(z.string(), z.unknown()),
  active_chats: z.number().int(),
});
export type WireImichatUser = z.infer<typeof WireImichatUser>;

/**
 * The user as the connector reads it: an integer `id` (accepted also as a string of digits), every
 * other field its documented type or null when IMIchat sent something else (noted as drift).
 */
export const ReadImichatUser = tolerantObject(
  WireImichatUser.extend({ id: z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,14}$/).transform(Number)]) }),
  ['id'],
);
export type ReadImichatUser = Tolerant<WireImichatUser, 'id'>;

/** `GET /users?page=` answers `response = {"users": [User]}`, ten per page, empty past the end. */
export const WireImichatUserList = z.object({ users: z.array(WireImichatUser) });
export type WireImichatUserList = z.infer<typeof WireImichatUserList>;

/** An attribute value; `null` removes the key (*decided*: attributes merge key by key, see the patch). */
const AttributeValue = z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, a number or a boolean' }).nullable();

/**
 * `PUT /users/{id}` (seed 004): every field optional. `email_id`, `login_id`, `role_type`, `accepting_chats`
 * and the rest of the user are read-only, so strict: sending them is a 3115, not a silent no-op.
 * `custom_attributes` and `skill_attributes` merge into the stored objects key by key (*decided*), so one
 * attribute can change without restating the others.
 */
export const WireImichatUserPatch = z
  .object({
    first_name: z.string().min(1),
    last_name: z.string().min(1),
    status: z.enum(IMICHAT_STATUSES),
    job_description: z.string(),
    login_using_email: z.boolean(),
    custom_attributes: z.record(z.string(), AttributeValue),
    skill_attributes: z.record(z.string(), AttributeValue),
  })
  .partial()
  .strict();
export type WireImichatUserPatch = z.infer<typeof WireImichatUserPatch>;
