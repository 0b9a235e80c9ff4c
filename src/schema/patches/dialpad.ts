import { DIALPAD_PRESENCE_TYPES } from '../../connectors/dialpad/wire.js';
import { builder } from '../builder.js';
import { DialpadLicenseEnum } from '../details/dialpad.js';
import { vendorEnum } from '../enums.js';

/**
 * `DialpadUserPatch`: Dialpad-only fields a write can set (seed 003 `PATCH /api/v2/users/{id}`). Lists
 * replace the whole list and null empties them; other fields cannot be unset, so null is refused.
 */

export const DialpadPresenceTypeEnum = vendorEnum(
  'DialpadPresenceType',
  'How Dialpad renders a presence status: `DEFAULT` as "provider: message", `CONFERENCE` as "On provider: in the message meeting".',
  DIALPAD_PRESENCE_TYPES,
);

const DialpadPresenceStatusPatch = builder.inputType('DialpadPresenceStatusPatch', {
  description: 'A presence status to show with the user, as another app sets it (read back as `DialpadUserDetails.statusMessage`).',
  fields: (t) => ({
    provider: t.string({ description: 'The app that sets it, e.g. "Zoom".' }),
    message: t.string({ description: 'The status text, e.g. "Weekly sync".' }),
    type: t.field({ type: DialpadPresenceTypeEnum, description: 'How the status is rendered; Dialpad assumes `DEFAULT`.' }),
  }),
});

export const DialpadUserPatch = builder.inputType('DialpadUserPatch', {
  description: 'Dialpad-only fields to change; only for Dialpad accounts.',
  fields: (t) => ({
    license: t.field({ type: DialpadLicenseEnum, description: 'The license the user holds.' }),
    officeId: t.id({ description: 'Dialpad id of the office the user moves to.' }),
    adminOfficeIds: t.idList({ description: 'Dialpad ids of the offices the user administers (replaces the list; null empties it).' }),
    isSuperAdmin: t.boolean({ description: 'Whether the user is a super admin of the company.' }),
    internationalDialingEnabled: t.boolean({ description: 'Whether the user may call abroad.' }),
    forwardingNumbers: t.field({ type: ['PhoneNumber'], description: 'Numbers (E.164) calls are forwarded to (replaces the list; null empties it).' }),
    keepPaidNumbers: t.boolean({ description: "With a `license` change to a support license: whether the user keeps their paid numbers. Dialpad's default is true." }),
    presenceStatus: t.field({ type: DialpadPresenceStatusPatch, description: 'A presence status to show with the user.' }),
  }),
});
