import { builder } from '../builder.js';
import { RinkelColorModeEnum, RinkelCountryCodeEnum, RinkelNotificationChannelEnum, RinkelRingToneEnum } from '../details/rinkel.js';

/** `RinkelUserPatch`: Rinkel-only fields a write can set (seed 000). Rinkel merges nested objects, so each level is partial. */

const RinkelCallWaitingPatch = builder.inputType('RinkelCallWaitingPatch', {
  description: 'Call waiting on the Rinkel webphone.',
  fields: (t) => ({
    enabled: t.boolean({ description: 'Whether a second call can come in during a call.' }),
    playWaitingTone: t.boolean({ description: 'Whether a tone announces the waiting call.' }),
  }),
});

const RinkelWebphonePatch = builder.inputType('RinkelWebphonePatch', {
  description: 'Settings of the Rinkel webphone.',
  fields: (t) => ({
    ringTone: t.field({ type: RinkelRingToneEnum, description: 'The ringtone.' }),
    ringDevice: t.boolean({ description: "Whether the user's device rings too on webphone calls." }),
    callWaiting: t.field({ type: RinkelCallWaitingPatch, description: 'Call waiting settings.' }),
  }),
});

const RinkelPreferencesPatch = builder.inputType('RinkelPreferencesPatch', {
  description: 'Rinkel preferences other than `language` (that one is the canonical `language`).',
  fields: (t) => ({
    defaultCountryCode: t.field({ type: RinkelCountryCodeEnum, description: 'Country assumed for numbers dialled without a country code.' }),
    defaultOutboundNumber: t.string({ description: 'Id of the number preselected for outbound calls; null clears it.' }),
    colorMode: t.field({ type: RinkelColorModeEnum, description: 'Colour scheme of the apps.' }),
    webphone: t.field({ type: RinkelWebphonePatch, description: 'Webphone settings.' }),
  }),
});

const RinkelNotificationPatch = builder.inputType('RinkelNotificationPatch', {
  description: 'One kind of Rinkel notification.',
  fields: (t) => ({
    enabled: t.boolean({ description: 'Whether it is sent.' }),
    channels: t.field({ type: [RinkelNotificationChannelEnum], description: 'Where it is sent (replaces the list).' }),
  }),
});

const RinkelNotificationsPatch = builder.inputType('RinkelNotificationsPatch', {
  description: 'Rinkel notification settings.',
  fields: (t) => ({
    missedCalls: t.field({ type: RinkelNotificationPatch, description: 'A call was missed.' }),
    callOutsideBusinessHours: t.field({ type: RinkelNotificationPatch, description: 'A call came in outside business hours.' }),
    voicemail: t.field({ type: RinkelNotificationPatch, description: 'A voicemail was left.' }),
  }),
});

export const RinkelUserPatch = builder.inputType('RinkelUserPatch', {
  description: 'Rinkel-only fields to change; only for Rinkel accounts.',
  fields: (t) => ({
    preferences: t.field({ type: RinkelPreferencesPatch, description: 'Preferences other than language.' }),
    notifications: t.field({ type: RinkelNotificationsPatch, description: 'Notification settings.' }),
  }),
});
