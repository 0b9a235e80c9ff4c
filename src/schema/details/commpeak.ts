import type { CommpeakDetails } from '../../connectors/commpeak/mapping.js';
import { COMMPEAK_TWOFA_TYPES } from '../../connectors/commpeak/wire.js';
import { builder } from '../builder.js';
import { vendorEnum } from '../enums.js';

/** `CommpeakUserDetails`: what CommPeak returns that has no canonical field (seed 001), the SIP secret excepted. */

const TWOFA_DESCRIPTIONS: Record<(typeof COMMPEAK_TWOFA_TYPES)[number], string> = {
  default: "The tenant's default second factor applies.",
  disabled: 'No second factor.',
  email: 'A one-time code sent by email.',
  google: 'A one-time code from Google Authenticator.',
};

export const CommpeakTwofaTypeEnum = vendorEnum(
  'CommpeakTwofaType',
  'The second factor CommPeak asks for at sign-in.',
  COMMPEAK_TWOFA_TYPES,
  (value) => TWOFA_DESCRIPTIONS[value],
);

export const CommpeakUserDetails = builder.objectRef<CommpeakDetails>('CommpeakUserDetails').implement({
  description: 'CommPeak-only fields of a user. The SIP registration password is never exposed. A field is null when CommPeak sent no readable value for it (vendor drift, counted in `switchboard_vendor_drift_total`).',
  fields: (t) => ({
    sipUri: t.exposeString('sipUri', { nullable: true, description: 'SIP address the user registers as; null when unset.' }),
    isPredictiveClockedIn: t.exposeBoolean('isPredictiveClockedIn', { nullable: true, description: 'Whether the user is clocked in to the predictive dialer.' }),
    useExtendedIpAcl: t.exposeBoolean('useExtendedIpAcl', { nullable: true, description: "Whether the extended IP access control list applies to the user (`use_extended_ip_acl`)." }),
    useWebrtc: t.exposeBoolean('useWebrtc', { nullable: true, description: "Whether the user's phone is the WebRTC softphone in the browser (`use_webrtc`)." }),
    userRouteCallerId: t.exposeInt('userRouteCallerId', { nullable: true, description: 'CommPeak `user_route_caller_id`: the caller-id routing setting of the user.' }),
    timezoneId: t.exposeInt('timezoneId', { nullable: true, description: "Id of the user's time zone in CommPeak's own time-zone list (not an IANA name)." }),
    predictiveDynamicExtension: t.exposeString('predictiveDynamicExtension', {
      nullable: true,
      description: 'Extension the predictive dialer connects the user on; null when unset.',
    }),
    maxSessionTime: t.exposeInt('maxSessionTime', { nullable: true, description: 'Longest session the user may keep, in seconds (`max_session_time`).' }),
    maxConcurrentSessions: t.exposeInt('maxConcurrentSessions', { nullable: true, description: 'Sessions the user may have open at once (`max_concurrent_sessions`).' }),
    twofaType: t.expose('twofaType', { nullable: true, type: CommpeakTwofaTypeEnum, description: 'The second factor asked for at sign-in.' }),
    memberAllSkillGroups: t.exposeBoolean('memberAllSkillGroups', { nullable: true, description: 'Whether the user is a member of all skill groups (`member_all_skill_groups`).' }),
    memberAllDesks: t.exposeBoolean('memberAllDesks', { nullable: true, description: 'Whether the user is a member of all desks (`member_all_desks`).' }),
  }),
});
