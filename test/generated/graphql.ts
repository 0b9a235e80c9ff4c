/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Whether the person can take calls or chats right now. */
export type Availability =
  /** Ready to take calls or chats. */
  | 'AVAILABLE'
  /** Working but occupied (on a call, in wrap-up). */
  | 'BUSY'
  /** Not taking calls or chats (off duty, clocked out, away). */
  | 'UNAVAILABLE';

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
  | 'SUSPENDED';

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

export type UsersPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: UserFilter | null | undefined;
}>;


export type UsersPageQuery = { users: { totalCount: number, unavailableVendors: Array<Vendor>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, emails: Array<string>, status: UserStatus, availability: Availability | null, language: string | null } }> } };

export type UserByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type UserByIdQuery = { user: { id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, emails: Array<string>, status: UserStatus, availability: Availability | null, language: string | null, details:
      | { __typename: 'CommpeakUserDetails', sipUri: string | null }
      | { __typename: 'DialpadUserDetails' }
      | { __typename: 'ImichatUserDetails' }
      | { __typename: 'RinkelUserDetails', insightsEnabled: boolean }
     } | null };

export type PersonAccountsQueryVariables = Exact<{
  email: string;
}>;


export type PersonAccountsQuery = { usersByEmail: Array<{ id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, emails: Array<string>, status: UserStatus, availability: Availability | null, language: string | null }> };

export type VendorOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type VendorOverviewQuery = { vendors: Array<{ vendor: Vendor, enabled: boolean, mode: VendorMode, health: VendorHealth, readableFields: Array<string> }> };

export type UserSummaryFragment = { id: string, vendor: Vendor, vendorUserId: string, fullName: string | null, email: string | null, emails: Array<string>, status: UserStatus, availability: Availability | null, language: string | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const UserSummaryFragmentDoc = new TypedDocumentString(`
    fragment UserSummary on User {
  id
  vendor
  vendorUserId
  fullName
  email
  emails
  status
  availability
  language
}
    `, {"fragmentName":"UserSummary"}) as unknown as TypedDocumentString<UserSummaryFragment, unknown>;
export const UsersPageDocument = new TypedDocumentString(`
    query UsersPage($first: Int, $after: String, $filter: UserFilter) {
  users(first: $first, after: $after, filter: $filter) {
    totalCount
    unavailableVendors
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...UserSummary
      }
    }
  }
}
    fragment UserSummary on User {
  id
  vendor
  vendorUserId
  fullName
  email
  emails
  status
  availability
  language
}`) as unknown as TypedDocumentString<UsersPageQuery, UsersPageQueryVariables>;
export const UserByIdDocument = new TypedDocumentString(`
    query UserById($id: ID!) {
  user(id: $id) {
    ...UserSummary
    details {
      __typename
      ... on RinkelUserDetails {
        insightsEnabled
      }
      ... on CommpeakUserDetails {
        sipUri
      }
    }
  }
}
    fragment UserSummary on User {
  id
  vendor
  vendorUserId
  fullName
  email
  emails
  status
  availability
  language
}`) as unknown as TypedDocumentString<UserByIdQuery, UserByIdQueryVariables>;
export const PersonAccountsDocument = new TypedDocumentString(`
    query PersonAccounts($email: EmailAddress!) {
  usersByEmail(email: $email) {
    ...UserSummary
  }
}
    fragment UserSummary on User {
  id
  vendor
  vendorUserId
  fullName
  email
  emails
  status
  availability
  language
}`) as unknown as TypedDocumentString<PersonAccountsQuery, PersonAccountsQueryVariables>;
export const VendorOverviewDocument = new TypedDocumentString(`
    query VendorOverview {
  vendors {
    vendor
    enabled
    mode
    health
    readableFields
  }
}
    `) as unknown as TypedDocumentString<VendorOverviewQuery, VendorOverviewQueryVariables>;