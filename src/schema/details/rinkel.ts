import type { RinkelDetails } from '../../connectors/rinkel/mapping.js';
import { RINKEL_CHANNELS, RINKEL_COLOR_MODES, RINKEL_COUNTRY_CODES, RINKEL_RING_TONES } from '../../connectors/rinkel/wire.js';
import { builder } from '../builder.js';
import { vendorEnum } from '../enums.js';

/** `RinkelUserDetails`: what Rinkel returns that has no canonical field (seed 002). */

export const RinkelCountryCodeEnum = vendorEnum('RinkelCountryCode', 'Countries Rinkel serves (ISO 3166-1 alpha-2).', RINKEL_COUNTRY_CODES);
export const RinkelColorModeEnum = vendorEnum('RinkelColorMode', 'Colour scheme of the Rinkel apps.', RINKEL_COLOR_MODES);
export const RinkelRingToneEnum = vendorEnum('RinkelRingTone', 'Ringtone of the Rinkel webphone.', RINKEL_RING_TONES);
export const RinkelNotificationChannelEnum = vendorEnum('RinkelNotificationChannel', 'Where Rinkel sends a notification.', RINKEL_CHANNELS);

type Preferences = RinkelDetails['preferences'];
type Notification = RinkelDetails['notifications']['voicemail'];

const RinkelPhoneNumber = builder.objectRef<NonNullable<RinkelDetails['phoneNumberParts']>>('RinkelPhoneNumber').implement({
  description: 'The parts Rinkel stores a phone number as; the canonical `phoneNumber` is their E.164 form.',
  fields: (t) => ({
    countryIsoCode: t.exposeString('countryIsoCode', { description: 'ISO 3166-1 alpha-2 country of the number.' }),
    countryCallingCode: t.exposeInt('countryCallingCode', { description: 'Country calling code, e.g. 31 for the Netherlands.' }),
    number: t.exposeString('number', { description: 'The national number without the country calling code.' }),
  }),
});

const RinkelCallWaiting = builder.objectRef<Preferences['webphone']['callWaiting']>('RinkelCallWaiting').implement({
  description: 'Call waiting on the Rinkel webphone.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'Whether a second call can come in during a call.' }),
    playWaitingTone: t.exposeBoolean('playWaitingTone', { description: 'Whether a tone announces the waiting call.' }),
  }),
});

const RinkelWebphone = builder.objectRef<Preferences['webphone']>('RinkelWebphone').implement({
  description: 'Settings of the Rinkel webphone.',
  fields: (t) => ({
    ringTone: t.expose('ringTone', { type: RinkelRingToneEnum, description: 'The ringtone.' }),
    ringDevice: t.exposeBoolean('ringDevice', { description: "Whether the user's device rings too on webphone calls." }),
    callWaiting: t.expose('callWaiting', { type: RinkelCallWaiting, description: 'Call waiting settings.' }),
  }),
});

const RinkelPreferences = builder.objectRef<Preferences>('RinkelPreferences').implement({
  description: "The user's Rinkel preferences; `language` is the canonical `User.language`.",
  fields: (t) => ({
    defaultCountryCode: t.expose('defaultCountryCode', { type: RinkelCountryCodeEnum, description: 'Country assumed for numbers dialled without a country code.' }),
    defaultOutboundNumber: t.exposeString('defaultOutboundNumber', { nullable: true, description: 'Id of the number preselected for outbound calls.' }),
    colorMode: t.expose('colorMode', { type: RinkelColorModeEnum, description: 'Colour scheme of the apps.' }),
    webphone: t.expose('webphone', { type: RinkelWebphone, description: 'Webphone settings.' }),
  }),
});

const RinkelNotification = builder.objectRef<Notification>('RinkelNotification').implement({
  description: 'One kind of Rinkel notification.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'Whether this notification is sent.' }),
    channels: t.expose('channels', { type: [RinkelNotificationChannelEnum], description: 'Where it is sent.' }),
  }),
});

const RinkelNotifications = builder.objectRef<RinkelDetails['notifications']>('RinkelNotifications').implement({
  description: "The user's Rinkel notification settings.",
  fields: (t) => ({
    missedCalls: t.expose('missedCalls', { type: RinkelNotification, description: 'A call was missed.' }),
    callOutsideBusinessHours: t.expose('callOutsideBusinessHours', { type: RinkelNotification, description: 'A call came in outside business hours.' }),
    voicemail: t.expose('voicemail', { type: RinkelNotification, description: 'A voicemail was left.' }),
  }),
});

export const RinkelUserDetails = builder.objectRef<RinkelDetails>('RinkelUserDetails').implement({
  description: 'Rinkel-only fields of a user.',
  fields: (t) => ({
    phoneNumberParts: t.expose('phoneNumberParts', { type: RinkelPhoneNumber, nullable: true, description: 'The phone number as Rinkel stores it; null when the user has none.' }),
    avatarUrlSmall: t.expose('avatarUrlSmall', { type: 'URL', nullable: true, description: 'The 250×250 avatar (`avatarUrl` is the 500×500 one).' }),
    preferences: t.expose('preferences', { type: RinkelPreferences, description: 'Preferences other than language.' }),
    notifications: t.expose('notifications', { type: RinkelNotifications, description: 'Notification settings.' }),
    insightsEnabled: t.exposeBoolean('insightsEnabled', { description: 'Whether AI insights are enabled (read-only in Rinkel).' }),
  }),
});
