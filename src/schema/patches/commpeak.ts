import { builder } from '../builder.js';
import { CommpeakTwofaTypeEnum } from '../details/commpeak.js';

/**
 * `CommpeakUserPatch`: CommPeak-only fields a write can set (seed 001), named as `CommpeakUserDetails`
 * names them. CommPeak's PUT replaces each field it is given; fields left out stay as they are.
 */

export const CommpeakUserPatch = builder.inputType('CommpeakUserPatch', {
  description: 'CommPeak-only fields to change; only for CommPeak accounts. `null` clears only where a field says so.',
  fields: (t) => ({
    username: t.string({ description: 'Sign-in name; unique in the tenant. Cannot be cleared.' }),
    sipUri: t.string({ description: 'SIP address the user registers as; null clears it.' }),
    twofaType: t.field({ type: CommpeakTwofaTypeEnum, description: 'The second factor asked for at sign-in.' }),
    useWebrtc: t.boolean({ description: "Whether the user's phone is the WebRTC softphone in the browser." }),
    useExtendedIpAcl: t.boolean({ description: 'Whether the extended IP access control list applies to the user.' }),
    userRouteCallerId: t.int({ description: 'CommPeak `user_route_caller_id`: the caller-id routing setting of the user.' }),
    timezoneId: t.int({ description: "Id of the user's time zone in CommPeak's own time-zone list (not an IANA name)." }),
    predictiveDynamicExtension: t.string({ description: 'Extension the predictive dialer connects the user on; null clears it.' }),
    maxSessionTime: t.int({ description: 'Longest session the user may keep, in seconds; 0 or more.' }),
    maxConcurrentSessions: t.int({ description: 'Sessions the user may have open at once; 0 or more.' }),
    memberAllSkillGroups: t.boolean({ description: 'Whether the user is a member of all skill groups.' }),
    memberAllDesks: t.boolean({ description: 'Whether the user is a member of all desks.' }),
    isPredictiveClockedIn: t.boolean({ description: 'Whether the user is clocked in to the predictive dialer.' }),
    registrationPassword: t.string({
      description: 'New SIP registration password. Write-only: never returned, and listed in `changes` as `[write-only]`, without its value.',
    }),
  }),
});
