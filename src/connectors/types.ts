/**
 * The canonical model every connector produces and the one interface the schema calls. The schema
 * never sees a vendor's wire shape and a vendor client never sees these types; `mapping.ts` in each
 * vendor folder is the only place the two meet.
 */

/** The vendors Switchboard fronts, in the order the API lists them (and pages through them). */
export const VENDOR_IDS = ['rinkel', 'dialpad', 'imichat', 'commpeak'] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

/**
 * `UNKNOWN` is the documented fallback for a state the vendor did not say or that we do not know (a
 * value it added, a null, a wrong type): never read as working or gone. It is never written.
 */
export const USER_STATUSES = ['ACTIVE', 'INACTIVE', 'SUSPENDED', 'PENDING', 'DELETED', 'UNKNOWN'] as const;
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

/** Canonical fields a client can write (API.md `UserPatchInput`), in API order. */
export const WRITABLE_FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber', 'status', 'availability', 'language', 'jobTitle', 'extension'] as const;
export type WritableField = (typeof WRITABLE_FIELDS)[number];

/** A canonical patch: an absent field stays as it is, `null` clears it. */
export type CanonicalPatch = { readonly [F in WritableField]?: NonNullable<CanonicalUser[F]> | null };

/** Why one field of a patch cannot be written. `field` is canonical (`language`) or vendor-scoped (`dialpad.license`). */
export interface FieldIssue {
  readonly field: string;
  readonly reason: string;
  /** For enumerations: the values this vendor accepts, as the client would send them. */
  readonly acceptedValues?: readonly string[];
}

/** One field a write sets: its value now and the value asked for. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** What a patch means for one account, decided without calling the vendor. */
export interface UpdatePlan {
  /** The vendor's update body; empty when nothing is writable. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly changes: readonly FieldChange[];
  /** Fields this vendor cannot take as asked; a single-account update refuses them, a per-person one skips them. */
  readonly issues: readonly FieldIssue[];
}

/** A vendor-reported request quota, as of its latest response. */
export interface VendorQuota {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds from `observedAt` until calls are given back. */
  readonly resetSeconds: number;
  /** Epoch milliseconds of the response that carried it. */
  readonly observedAt: number;
}

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
  /** Canonical fields this vendor can write, derived from its write table. */
  readonly writableFields: readonly WritableField[];
  /**
   * Pure: what `patch` and this vendor's own patch (the GraphQL input under `rinkel:`, `dialpad:`...)
   * mean for `current`. Never calls the vendor. With `current` null (not read yet) it refuses only
   * what this vendor refuses whatever the account holds, so bad input is refused before any call.
   */
  planUpdate(current: CanonicalUser | null, patch: CanonicalPatch, vendorPatch: Readonly<Record<string, unknown>> | undefined): UpdatePlan;
  /**
   * Sends an update body from `planUpdate`; resolves with the account as the vendor holds it afterwards
   * (from the response, or one read when the response carries none). Rejects with `WriteRejected` when
   * the vendor refuses a field, else with an `UpstreamError`.
   */
  updateUser(vendorUserId: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<CanonicalUser>;
  /** The vendor's own account of its quota, for vendors that report one (IMIchat's `Rate-Limit-*`). */
  quota?(): VendorQuota | null;
  /** A cheap authenticated call, for /readyz and `vendors { health }`. */
  ping(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
