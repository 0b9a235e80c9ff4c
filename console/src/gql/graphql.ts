/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Whether the person can take calls or chats right now. */
export type Availability =
  /** Ready to take calls or chats. */
  | 'AVAILABLE'
  /** Working but occupied (on a call, in wrap-up). */
  | 'BUSY'
  /** Not taking calls or chats (off duty, clocked out, away). */
  | 'UNAVAILABLE';

/** The gateway's circuit breaker for a vendor. */
export type CircuitState =
  /** Calls go through. */
  | 'CLOSED'
  /** After failures: one probe call at a time decides whether to close again. */
  | 'HALF_OPEN'
  /** Too many recent calls failed: calls fail fast with VENDOR_UNAVAILABLE for a few seconds. */
  | 'OPEN';

/** The second factor CommPeak asks for at sign-in. */
export type CommpeakTwofaType =
  /** The tenant's default second factor applies. */
  | 'DEFAULT'
  /** No second factor. */
  | 'DISABLED'
  /** A one-time code sent by email. */
  | 'EMAIL'
  /** A one-time code from Google Authenticator. */
  | 'GOOGLE';

/** CommPeak-only fields to change; only for CommPeak accounts. `null` clears only where a field says so. */
export type CommpeakUserPatch = {
  /** Whether the user is clocked in to the predictive dialer. */
  isPredictiveClockedIn?: boolean | null | undefined;
  /** Sessions the user may have open at once; 0 or more. */
  maxConcurrentSessions?: number | null | undefined;
  /** Longest session the user may keep, in seconds; 0 or more. */
  maxSessionTime?: number | null | undefined;
  /** Whether the user is a member of all desks. */
  memberAllDesks?: boolean | null | undefined;
  /** Whether the user is a member of all skill groups. */
  memberAllSkillGroups?: boolean | null | undefined;
  /** Extension the predictive dialer connects the user on; null clears it. */
  predictiveDynamicExtension?: string | null | undefined;
  /** New SIP registration password. Write-only: never returned, and listed in `changes` as `[write-only]`, without its value. */
  registrationPassword?: string | null | undefined;
  /** SIP address the user registers as; null clears it. */
  sipUri?: string | null | undefined;
  /** Id of the user's time zone in CommPeak's own time-zone list (not an IANA name). */
  timezoneId?: number | null | undefined;
  /** The second factor asked for at sign-in. */
  twofaType?: CommpeakTwofaType | null | undefined;
  /** Whether the extended IP access control list applies to the user. */
  useExtendedIpAcl?: boolean | null | undefined;
  /** Whether the user's phone is the WebRTC softphone in the browser. */
  useWebrtc?: boolean | null | undefined;
  /** CommPeak `user_route_caller_id`: the caller-id routing setting of the user. */
  userRouteCallerId?: number | null | undefined;
  /** Sign-in name; unique in the tenant. Cannot be cleared. */
  username?: string | null | undefined;
};

/** The Dialpad license a user holds. */
export type DialpadLicense =
  /** The vendor value `admins`. */
  | 'ADMINS'
  /** The vendor value `agents`. */
  | 'AGENTS'
  /** The vendor value `dpde_all`. */
  | 'DPDE_ALL'
  /** The vendor value `dpde_one`. */
  | 'DPDE_ONE'
  /** The vendor value `lite_lines`. */
  | 'LITE_LINES'
  /** The vendor value `lite_support_agents`. */
  | 'LITE_SUPPORT_AGENTS'
  /** The vendor value `magenta_lines`. */
  | 'MAGENTA_LINES'
  /** The vendor value `talk`. */
  | 'TALK';

/** A Dialpad user's presence; `User.availability` folds every value but `available` and `unavailable` into `BUSY`. */
export type DialpadOnDutyStatus =
  /** The vendor value `available`. */
  | 'AVAILABLE'
  /** The vendor value `busy`. */
  | 'BUSY'
  /** The vendor value `occupied`. */
  | 'OCCUPIED'
  /** The vendor value `occupied-end`. */
  | 'OCCUPIED_END'
  /** The vendor value `unavailable`. */
  | 'UNAVAILABLE'
  /** The vendor value `wrapup`. */
  | 'WRAPUP'
  /** The vendor value `wrapup-end`. */
  | 'WRAPUP_END';

/** A presence status to show with the user, as another app sets it (read back as `DialpadUserDetails.statusMessage`). */
export type DialpadPresenceStatusPatch = {
  /** The status text, e.g. "Weekly sync". */
  message?: string | null | undefined;
  /** The app that sets it, e.g. "Zoom". */
  provider?: string | null | undefined;
  /** How the status is rendered; Dialpad assumes `DEFAULT`. */
  type?: DialpadPresenceType | null | undefined;
};

/** How Dialpad renders a presence status: `DEFAULT` as "provider: message", `CONFERENCE` as "On provider: in the message meeting". */
export type DialpadPresenceType =
  /** The vendor value `conference`. */
  | 'CONFERENCE'
  /** The vendor value `default`. */
  | 'DEFAULT';

/** A Dialpad account's state; `User.status` folds `cancelled` and `deleted` into `DELETED`. */
export type DialpadState =
  /** The vendor value `active`. */
  | 'ACTIVE'
  /** The vendor value `cancelled`. */
  | 'CANCELLED'
  /** The vendor value `deleted`. */
  | 'DELETED'
  /** The vendor value `pending`. */
  | 'PENDING'
  /** The vendor value `suspended`. */
  | 'SUSPENDED';

/** Dialpad-only fields to change; only for Dialpad accounts. */
export type DialpadUserPatch = {
  /** Dialpad ids of the offices the user administers (replaces the list; null empties it). */
  adminOfficeIds?: Array<string | number> | null | undefined;
  /** Numbers (E.164) calls are forwarded to (replaces the list; null empties it). */
  forwardingNumbers?: Array<string> | null | undefined;
  /** Whether the user may call abroad. */
  internationalDialingEnabled?: boolean | null | undefined;
  /** Whether the user is a super admin of the company. */
  isSuperAdmin?: boolean | null | undefined;
  /** With a `license` change to a support license: whether the user keeps their paid numbers. Dialpad's default is true. */
  keepPaidNumbers?: boolean | null | undefined;
  /** The license the user holds. */
  license?: DialpadLicense | null | undefined;
  /** Dialpad id of the office the user moves to. */
  officeId?: string | number | null | undefined;
  /** A presence status to show with the user. */
  presenceStatus?: DialpadPresenceStatusPatch | null | undefined;
};

/** An agent's role in IMIchat; `Administrative` is what makes the canonical `isAdmin` true. */
export type ImichatRoleType =
  /** Administers the tenant (`Administrative`). */
  | 'ADMINISTRATIVE'
  /** Handles customer chats (`Customer Care`). */
  | 'CUSTOMER_CARE';

/** IMIchat-only fields to change; only for IMIchat accounts. */
export type ImichatUserPatch = {
  /** The tenant's own attributes to set, merged key by key into the stored ones; a key set to null is removed. IMIchat checks `business` and `location` against the tenant's lists. */
  customAttributes?: Record<string, unknown> | null | undefined;
  /** Whether the agent signs in with the email address instead of the login id (`username`). */
  loginUsingEmail?: boolean | null | undefined;
  /** Routing skills to set (skill name to level), merged key by key into the stored ones; a key set to null is removed. */
  skillAttributes?: Record<string, unknown> | null | undefined;
};

/** Call waiting on the Rinkel webphone. */
export type RinkelCallWaitingPatch = {
  /** Whether a second call can come in during a call. */
  enabled?: boolean | null | undefined;
  /** Whether a tone announces the waiting call. */
  playWaitingTone?: boolean | null | undefined;
};

/** Colour scheme of the Rinkel apps. */
export type RinkelColorMode =
  /** The vendor value `dark`. */
  | 'DARK'
  /** The vendor value `light`. */
  | 'LIGHT'
  /** The vendor value `system`. */
  | 'SYSTEM';

/** Countries Rinkel serves (ISO 3166-1 alpha-2). */
export type RinkelCountryCode =
  /** The vendor value `BE`. */
  | 'BE'
  /** The vendor value `ES`. */
  | 'ES'
  /** The vendor value `NL`. */
  | 'NL'
  /** The vendor value `SE`. */
  | 'SE';

/** Where Rinkel sends a notification. */
export type RinkelNotificationChannel =
  /** The vendor value `app`. */
  | 'APP'
  /** The vendor value `email`. */
  | 'EMAIL';

/** One kind of Rinkel notification. */
export type RinkelNotificationPatch = {
  /** Where it is sent (replaces the list). */
  channels?: Array<RinkelNotificationChannel> | null | undefined;
  /** Whether it is sent. */
  enabled?: boolean | null | undefined;
};

/** Rinkel notification settings. */
export type RinkelNotificationsPatch = {
  /** A call came in outside business hours. */
  callOutsideBusinessHours?: RinkelNotificationPatch | null | undefined;
  /** A call was missed. */
  missedCalls?: RinkelNotificationPatch | null | undefined;
  /** A voicemail was left. */
  voicemail?: RinkelNotificationPatch | null | undefined;
};

/** Rinkel preferences other than `language` (that one is the canonical `language`). */
export type RinkelPreferencesPatch = {
  /** Colour scheme of the apps. */
  colorMode?: RinkelColorMode | null | undefined;
  /** Country assumed for numbers dialled without a country code. */
  defaultCountryCode?: RinkelCountryCode | null | undefined;
  /** Id of the number preselected for outbound calls; null clears it. */
  defaultOutboundNumber?: string | null | undefined;
  /** Webphone settings. */
  webphone?: RinkelWebphonePatch | null | undefined;
};

/** Ringtone of the Rinkel webphone. */
export type RinkelRingTone =
  /** The vendor value `ringtone1`. */
  | 'RINGTONE1'
  /** The vendor value `ringtone2`. */
  | 'RINGTONE2'
  /** The vendor value `ringtone3`. */
  | 'RINGTONE3'
  /** The vendor value `ringtone4`. */
  | 'RINGTONE4'
  /** The vendor value `ringtone5`. */
  | 'RINGTONE5'
  /** The vendor value `ringtone6`. */
  | 'RINGTONE6';

/** Rinkel-only fields to change; only for Rinkel accounts. */
export type RinkelUserPatch = {
  /** Notification settings. */
  notifications?: RinkelNotificationsPatch | null | undefined;
  /** Preferences other than language. */
  preferences?: RinkelPreferencesPatch | null | undefined;
};

/** Settings of the Rinkel webphone. */
export type RinkelWebphonePatch = {
  /** Call waiting settings. */
  callWaiting?: RinkelCallWaitingPatch | null | undefined;
  /** Whether the user's device rings too on webphone calls. */
  ringDevice?: boolean | null | undefined;
  /** The ringtone. */
  ringTone?: RinkelRingTone | null | undefined;
};

/** One account to change, and how. */
export type UpdateUserInput = {
  /** Whether the person takes calls or chats now. */
  availability?: Availability | null | undefined;
  /** CommPeak-only fields; only for CommPeak accounts. */
  commpeak?: CommpeakUserPatch | null | undefined;
  /** Dialpad-only fields; only for Dialpad accounts. */
  dialpad?: DialpadUserPatch | null | undefined;
  /** Validate and return `changes` without writing. */
  dryRun?: boolean | null | undefined;
  /** The primary address (Dialpad: becomes the first address, the others are kept). */
  email?: string | null | undefined;
  /** Internal extension; null clears it where the vendor can. */
  extension?: string | null | undefined;
  /** Given name. */
  firstName?: string | null | undefined;
  /** The global `User.id` of the account. */
  id: string | number;
  /** Makes a retry safe. For 24 h, the same key from the same caller with the same input replays the stored result of every account that was written or may have been (`UNKNOWN`), without writing again; an account whose result certainly changed nothing (`NOT_APPLIED`, a refusal before any write) is attempted again, so retrying a partly failed update with its key completes it. The same key with other input is a ValidationError; a duplicate sent while the first still runs waits for its result. Keys need the shared store: while it is unreachable a keyed write is refused with StoreUnavailableError and nothing is written. */
  idempotencyKey?: string | null | undefined;
  /** IMIchat-only fields; only for IMIchat accounts. */
  imichat?: ImichatUserPatch | null | undefined;
  /** Job title or description; null clears it where the vendor can. */
  jobTitle?: string | null | undefined;
  /** BCP 47; each vendor stores only some languages, exactly (Rinkel `en`, CommPeak `en-US`). */
  language?: string | null | undefined;
  /** Family name. */
  lastName?: string | null | undefined;
  /** The primary number, E.164 (Dialpad: one of the numbers already assigned). */
  phoneNumber?: string | null | undefined;
  /** Rinkel-only fields; only for Rinkel accounts. */
  rinkel?: RinkelUserPatch | null | undefined;
  /** Account state; each vendor takes only some (see `vendors { writableFields }`). */
  status?: UserStatus | null | undefined;
};

/** Narrows `users`. Criteria combine with AND; the values inside one list combine with OR. */
export type UserFilter = {
  /** Only accounts with one of these availabilities. */
  availability?: Array<Availability> | null | undefined;
  /** Case- and accent-insensitive text found in the name, an email address or the username. */
  search?: string | null | undefined;
  /** Only accounts in one of these states. */
  status?: Array<UserStatus> | null | undefined;
  /** Only accounts in these vendors. */
  vendors?: Array<Vendor> | null | undefined;
};

/** The account state, in one vocabulary for every vendor (API.md maps each vendor onto it). */
export type UserStatus =
  /** The account can sign in and work. */
  | 'ACTIVE'
  /** Deleted or cancelled; kept by the vendor for reference only. */
  | 'DELETED'
  /** Switched off by an admin; can be switched on again. */
  | 'INACTIVE'
  /** Invited but not yet activated (Dialpad). */
  | 'PENDING'
  /** Suspended (Dialpad); can be reactivated. */
  | 'SUSPENDED'
  /** The vendor sent no state Switchboard can read (none, or a value added after this version): neither working nor gone is claimed. The vendor's value is in `raw`. Never accepted in a patch. */
  | 'UNKNOWN';

/** A vendor whose user accounts Switchboard fronts. */
export type Vendor =
  /** CommPeak, contact-center dialer (td.commpeak.com). */
  | 'COMMPEAK'
  /** Dialpad, cloud telephony and contact center (dialpad.com). */
  | 'DIALPAD'
  /** IMIchat, now Webex Engage: digital contact center (imi.chat). */
  | 'IMICHAT'
  /** Rinkel, cloud telephony (api.rinkel.com). */
  | 'RINKEL';

/** Whether the vendor answered a cheap authenticated call in the last few seconds. */
export type VendorHealth =
  /** The vendor is off. */
  | 'DISABLED'
  /** It failed, refused the credentials, or did not answer in time. */
  | 'DOWN'
  /** It answered. */
  | 'UP';

/** How the gateway reaches a vendor. */
export type VendorMode =
  /** The vendor's real API, with credentials from the environment. */
  | 'LIVE'
  /** Not configured; its accounts are not listed and cannot be read. */
  | 'OFF'
  /** An in-process simulator of the vendor (no vendor configured). */
  | 'SANDBOX';

/** Whether a failed write may still have happened. */
export type WriteOutcome =
  /** Certainly not written: safe to retry. */
  | 'NOT_APPLIED'
  /** The request reached the vendor but no clear answer came back; read the account before retrying. */
  | 'UNKNOWN';

export type VendorHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type VendorHealthQuery = { vendors: Array<{ vendor: Vendor, enabled: boolean, mode: VendorMode, health: VendorHealth, circuit: CircuitState | null, writableFields: Array<string> }> };

export type UsersListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: UserFilter | null | undefined;
}>;


export type UsersListQuery = { users: { totalCount: number, unavailableVendors: Array<Vendor>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, status: UserStatus, availability: Availability | null } }> } };

export type PersonQueryVariables = Exact<{
  email: string;
}>;


export type PersonQuery = { usersByEmail: Array<{ firstName: string | null, lastName: string | null, language: string | null, jobTitle: string | null, extension: string | null, phoneNumber: string | null, timeZone: string | null, id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, status: UserStatus, availability: Availability | null, details:
      | { __typename: 'CommpeakUserDetails', sipUri: string | null, useWebrtc: boolean | null, maxConcurrentSessions: number | null }
      | { __typename: 'DialpadUserDetails', license: DialpadLicense | null, state: DialpadState | null, onDutyStatus: DialpadOnDutyStatus | null, statusMessage: string | null }
      | { __typename: 'ImichatUserDetails', roleType: ImichatRoleType | null, activeChats: number | null, loggedIn: boolean | null }
      | { __typename: 'RinkelUserDetails', insightsEnabled: boolean | null }
     }> };

export type UpdateAccountMutationVariables = Exact<{
  input: UpdateUserInput;
}>;


export type UpdateAccountMutation = { updateUser:
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string, retryAfterSeconds: number | null }
    | { __typename: 'StoreUnavailableError', message: string }
    | { __typename: 'UpdateUserSuccess', dryRun: boolean, skippedFields: Array<string>, changes: Array<{ field: string, before: string | number | boolean | null | Array<unknown> | { [key: string]: unknown } | null, after: string | number | boolean | null | Array<unknown> | { [key: string]: unknown } | null }>, user: { firstName: string | null, lastName: string | null, language: string | null, jobTitle: string | null, extension: string | null, id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, status: UserStatus, availability: Availability | null } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ field: string, reason: string, acceptedValues: Array<string> | null }> }
    | { __typename: 'VendorError', message: string, httpStatus: number | null, retryable: boolean, outcome: WriteOutcome }
   };

export type UserRowFragment = { id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, status: UserStatus, availability: Availability | null };

export const UserRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"vendorUserId"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}}]}}]} as unknown as DocumentNode<UserRowFragment, unknown>;
export const VendorHealthDocument = {"__meta__":{"hash":"sha256:870678639a0a66a0fd2cf04ebf6bec079567f4999b9738a1b3bbd8ff1382eee0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VendorHealth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"health"}},{"kind":"Field","name":{"kind":"Name","value":"circuit"}},{"kind":"Field","name":{"kind":"Name","value":"writableFields"}}]}}]}}]} as unknown as DocumentNode<VendorHealthQuery, VendorHealthQueryVariables>;
export const UsersListDocument = {"__meta__":{"hash":"sha256:c6d655196e3405bdc7c76030e7893ceffd9cc5a91e1c02159a467e1b38838ca6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsersList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"unavailableVendors"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"vendorUserId"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}}]}}]} as unknown as DocumentNode<UsersListQuery, UsersListQueryVariables>;
export const PersonDocument = {"__meta__":{"hash":"sha256:783e388e849dfc4ae34e53ad0392b50868a2e376e1d456a7810f78d4a473b6cb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Person"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmailAddress"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usersByEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserRow"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"extension"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RinkelUserDetails"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insightsEnabled"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DialpadUserDetails"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"license"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"onDutyStatus"}},{"kind":"Field","name":{"kind":"Name","value":"statusMessage"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImichatUserDetails"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleType"}},{"kind":"Field","name":{"kind":"Name","value":"activeChats"}},{"kind":"Field","name":{"kind":"Name","value":"loggedIn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommpeakUserDetails"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sipUri"}},{"kind":"Field","name":{"kind":"Name","value":"useWebrtc"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrentSessions"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"vendorUserId"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}}]}}]} as unknown as DocumentNode<PersonQuery, PersonQueryVariables>;
export const UpdateAccountDocument = {"__meta__":{"hash":"sha256:b5cdbba2cebb8cddc1c19b973400ab188b59f0e58be468d66c0680fa66326665"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"skippedFields"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserRow"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"extension"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedValues"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"vendorUserId"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}}]}}]} as unknown as DocumentNode<UpdateAccountMutation, UpdateAccountMutationVariables>;