/**
 * The canonical model every connector produces and the one interface the schema calls. The schema
 * never sees a vendor's wire shape and a vendor client never sees these types; `mapping.ts` in each
 * vendor folder is the only place the two meet.
 */

/** The vendors Switchboard fronts, in the order the API lists them (and pages through them). */
export const VENDOR_IDS = ['rinkel', 'dialpad', 'imichat', 'commpeak'] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

export const USER_STATUSES = ['ACTIVE', 'INACTIVE', 'SUSPENDED', 'PENDING', 'DELETED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AVAILABILITIES = ['AVAILABLE', 'UNAVAILABLE', 'BUSY'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** The canonical user (API.md "Schema"), before the schema adds its global id. */
export interface CanonicalUser {
  readonly vendor: VendorId;
  readonly vendorUserId: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly fullName: string | null;
  readonly initials: string | null;
  readonly email: string | null;
  readonly emails: readonly string[];
  readonly username: string | null;
  readonly phoneNumber: string | null;
  readonly phoneNumbers: readonly string[];
  readonly status: UserStatus;
  readonly availability: Availability | null;
  readonly language: string | null;
  readonly timeZone: string | null;
  readonly jobTitle: string | null;
  readonly extension: string | null;
  readonly avatarUrl: string | null;
  readonly isAdmin: boolean | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  /** Vendor-only fields, camelCase, tagged with the vendor so the schema can pick the details type. */
  readonly details: { readonly vendor: VendorId };
  /** The vendor payload as received, secrets removed. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Canonical fields a vendor can fill or write; `vendor`, `vendorUserId`, `details`, `raw` are always there. */
export type CanonicalField = Exclude<keyof CanonicalUser, 'vendor' | 'vendorUserId' | 'details' | 'raw'>;

/** One slot per requested id, in request order: a user, or the error for that id alone. */
export type UserSlot = CanonicalUser | Error;

export interface UserConnector {
  readonly vendor: VendorId;
  /** Canonical fields this vendor fills, derived from its mapping table. */
  readonly readableFields: readonly CanonicalField[];
  /**
   * Fetches users by vendor id. No vendor has a batch endpoint, so this is one GET per distinct id,
   * run under the connector's concurrency cap; ids the vendor could never issue fail without a call.
   */
  getUsers(ids: readonly string[], signal?: AbortSignal): Promise<UserSlot[]>;
  /** Every user of the directory, page by page (cost documented per vendor); throws if any page fails. */
  listAllUsers(signal?: AbortSignal): Promise<CanonicalUser[]>;
  /** The accounts with this address (any letter case), for vendors that can search; the others are scanned. */
  findByEmail?(email: string, signal?: AbortSignal): Promise<CanonicalUser[]>;
  /** A cheap authenticated call, for /readyz and `vendors { health }`. */
  ping(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
