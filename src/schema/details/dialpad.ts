import type { DialpadDetails } from '../../connectors/dialpad/mapping.js';
import { DIALPAD_LICENSES, DIALPAD_ON_DUTY_STATUSES, DIALPAD_STATES } from '../../connectors/dialpad/wire.js';
import { builder } from '../builder.js';
import { vendorEnum } from '../enums.js';

/** `DialpadUserDetails`: what Dialpad returns that has no canonical field (VENDORS.md "Dialpad"). */

export const DialpadStateEnum = vendorEnum(
  'DialpadState',
  "A Dialpad account's state; `User.status` folds `cancelled` and `deleted` into `DELETED`.",
  DIALPAD_STATES,
);
export const DialpadOnDutyStatusEnum = vendorEnum(
  'DialpadOnDutyStatus',
  "A Dialpad user's presence; `User.availability` folds every value but `available` and `unavailable` into `BUSY`.",
  DIALPAD_ON_DUTY_STATUSES,
);
export const DialpadLicenseEnum = vendorEnum('DialpadLicense', 'The Dialpad license a user holds.', DIALPAD_LICENSES);

export const DialpadUserDetails = builder.objectRef<DialpadDetails>('DialpadUserDetails').implement({
  description: 'Dialpad-only fields of a user. A field is null when Dialpad sent none or no readable value for it (vendor drift, counted in `switchboard_vendor_drift_total`).',
  fields: (t) => ({
    state: t.expose('state', { type: DialpadStateEnum, nullable: true, description: 'The account state as Dialpad reports it; null when Dialpad did not say.' }),
    onDutyStatus: t.expose('onDutyStatus', { type: DialpadOnDutyStatusEnum, nullable: true, description: 'The presence as Dialpad reports it; null when Dialpad did not say.' }),
    forwardingNumbers: t.expose('forwardingNumbers', { type: ['PhoneNumber'], description: 'Numbers (E.164) that calls are forwarded to.' }),
    isAvailable: t.exposeBoolean('isAvailable', { nullable: true, description: 'Whether Dialpad considers the user able to take calls.' }),
    isSuperAdmin: t.exposeBoolean('isSuperAdmin', { nullable: true, description: 'Whether the user is a super admin of the company (`User.isAdmin` also covers other admins).' }),
    internationalDialingEnabled: t.exposeBoolean('internationalDialingEnabled', { nullable: true, description: 'Whether the user may call abroad.' }),
    doNotDisturb: t.exposeBoolean('doNotDisturb', { nullable: true, description: 'Whether do-not-disturb is on.' }),
    license: t.expose('license', { type: DialpadLicenseEnum, nullable: true, description: 'The license the user holds.' }),
    officeId: t.exposeID('officeId', { nullable: true, description: 'Dialpad id of the office the user belongs to.' }),
    adminOfficeIds: t.exposeIDList('adminOfficeIds', { description: 'Dialpad ids of the offices the user administers.' }),
    companyId: t.exposeID('companyId', { nullable: true, description: 'Dialpad id of the company.' }),
    dateActive: t.expose('dateActive', { type: 'DateTime', nullable: true, description: 'When the user was last active; null if they never signed in.' }),
    statusMessage: t.exposeString('statusMessage', { nullable: true, description: 'The status message shown with the presence, e.g. "Zoom: Weekly sync".' }),
  }),
});
