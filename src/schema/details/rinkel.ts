import type { RinkelDetails } from '../../connectors/rinkel/mapping.js';
import { RINKEL_CHANNELS, RINKEL_COLOR_MODES, RINKEL_COUNTRY_CODES, RINKEL_RING_TONES } from '../../connectors/rinkel/wire.js';
import { builder } from '../builder.js';
import { vendorEnum } from '../enums.js';

/** `RinkelUserDetails`: what Rinkel returns that has no canonical field (seed 002). */

export const RinkelCountryCodeEnum = vendorEnum('RinkelCountryCode', 'Countries Rinkel serves (ISO 3166-1 alpha-2).', RINKEL_COUNTRY_CODES);
export const RinkelColorModeEnum = vendorEnum('RinkelColorMode', 'Colour scheme of the Rinkel apps.', RINKEL_COLOR_MODES);
export const RinkelRingToneEnum = vendorEnum('RinkelRingTone', 'Ringtone of the Rinkel webphone.', RINKEL_RING_TONES);
export const RinkelNotificationChannelEnum = vendorEnum('RinkelNotificationChannel', 'Where Rinkel sends a notification.', RINKEL_CHANNELS);

type Preferences = NonNullable<RinkelDetails['preferences']>;
type Notifications = NonNullable<RinkelDetails['notifications']>;
type Notification = NonNullable<Notifications['voicemail']>;
type Webphone = NonNullable<Preferences['webphone']>;

/** Every field below is null when Rinkel sent no readable value for it (vendor drift, counted in /metrics). */

const RinkelPhoneNumber = builder.objectRef<NonNullable<RinkelDetails['phoneNumberParts']>>('RinkelPhoneNumber').implement({
  description: 'The parts Rinkel stores a phone number as; the canonical `phoneNumber` is their E.164 form.',
  fields: (t) => ({
    countryIsoCode: t.exposeString('countryIsoCode', { nullable: true, description: 'ISO 3166-1 alpha-2 country of the number.' }),
    countryCallingCode: t.exposeInt('countryCallingCode', { nullable: true, description: 'Country calling code, e.g. 31 for the Netherlands.' }),
    number: t.exposeString('number', { nullable: true, description: 'The national number without the country calling code.' }),
  }),
});

const RinkelCallWaiting = builder.objectRef<NonNullable<Webphone['callWaiting']>>('RinkelCallWaiting').implement({
  description: 'Call waiting on the Rinkel webphone.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { nullable: true, description: 'Whether a second call can come in during a call.' }),
    playWaitingTone: t.exposeBoolean('playWaitingTone', { nullable: true, description: 'Whether a tone announces the waiting call.' }),
  }),
});

const RinkelWebphone = builder.objectRef<Webphone>('RinkelWebphone').implement({
  description: 'Settings of the Rinkel webphone.',
  fields: (t) => ({
    ringTone: t.expose('ringTone', { nullable: true, type: RinkelRingToneEnum, description: 'The ringtone.' }),
    ringDevice: t.exposeBoolean('ringDevice', { nullable: true, description: "Whether the user's device rings too on webphone calls." }),
    callWaiting: t.expose('callWaiting', { nullable: true, type: RinkelCallWaiting, description: 'Call waiting settings.' }),
  }),
});

const RinkelPreferences = builder.objectRef<Preferences>('RinkelPreferences').implement({
  description: "The user's Rinkel preferences; `language` is the canonical `User.language`.",
  fields: (t) => ({
    defaultCountryCode: t.expose('defaultCountryCode', { nullable: true, type: RinkelCountryCodeEnum, description: 'Country assumed for numbers dialled without a country code.' }),
    defaultOutboundNumber: t.exposeString('defaultOutboundNumber', { nullable: true, description: 'Id of the number preselected for outbound calls.' }),
    colorMode: t.expose('colorMode', { nullable: true, type: RinkelColorModeEnum, description: 'Colour scheme of the apps.' }),
    webphone: t.expose('webphone', { nullable: true, type: RinkelWebphone, description: 'Webphone settings.' }),
  }),
});

const RinkelNotification = builder.objectRef<Notification>('RinkelNotification').implement({
  description: 'One kind of Rinkel notification.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { nullable: true, description: 'Whether this notification is sent.' }),
    channels: t.expose('channels', { nullable: true, type: [RinkelNotificationChannelEnum], description: 'Where it is sent.' }),
  }),
});

const RinkelNotifications = builder.objectRef<Notifications>('RinkelNotifications').implement({
  description: "The user's Rinkel notification settings.",
  fields: (t) => ({
    missedCalls: t.expose('missedCalls', { nullable: true, type: RinkelNotification, description: 'A call was missed.' }),
    callOutsideBusinessHours: t.expose('callOutsideBusinessHours', { nullable: true, type: RinkelNotification, description: 'A call came in outside business hours.' }),
    voicemail: t.expose('voicemail', { nullable: true, type: RinkelNotification, description: 'A voicemail was left.' }),
  }),
});

export const RinkelUserDetails = builder.objectRef<RinkelDetails>('RinkelUserDetails').implement({
  description: 'Rinkel-only fields of a user. A field is null when Rinkel sent no readable value for it (vendor drift, counted in `switchboard_vendor_drift_total`).',
  fields: (t) => ({
    phoneNumberParts: t.expose('phoneNumberParts', { type: RinkelPhoneNumber, nullable: true, description: 'The phone number as Rinkel stores it; null when the user has none.' }),
    avatarUrlSmall: t.expose('avatarUrlSmall', { type: 'URL', nullable: true, description: 'The 250×250 avatar (`avatarUrl` is the 500×500 one).' }),
    preferences: t.expose('preferences', { nullable: true, type: RinkelPreferences, description: 'Preferences other than language.' }),
    notifications: t.expose('notifications', { nullable: true, type: RinkelNotifications, description: 'Notification settings.' }),
    insightsEnabled: t.exposeBoolean('insightsEnabled', { nullable: true, description: 'Whether AI insights are enabled (read-only in Rinkel).' }),
  }),
});
