import { GraphQLError } from 'graphql';
import type { FieldIssue, VendorId } from './connectors/types.js';

/**
 * The closed set of codes a client can see for a vendor-side failure (API.md "Reads degrade per
 * field"), and the one place a vendor failure becomes a GraphQL error. QUERY_TOO_COMPLEX is the one
 * that is not the vendor's doing: the request spent its vendor-call budget, so the call was not sent. Messages are written here,
 * from the code and status, never copied from a vendor body: bodies can carry internals or secrets.
 */
export const UPSTREAM_CODES = ['NOT_FOUND', 'RATE_LIMITED', 'VENDOR_UNAVAILABLE', 'VENDOR_ERROR', 'BAD_VENDOR_RESPONSE', 'QUERY_TOO_COMPLEX'] as const;
export type UpstreamCode = (typeof UPSTREAM_CODES)[number];

const VENDOR_NAMES: Record<VendorId, string> = { rinkel: 'Rinkel', dialpad: 'Dialpad', imichat: 'IMIchat', commpeak: 'CommPeak' };

export interface UpstreamErrorOptions {
  code: UpstreamCode;
  vendor: VendorId;
  /** The vendor's HTTP status; null when no response arrived (timeout, refused, reset). */
  httpStatus: number | null;
  /** From `Retry-After`, when the vendor sent one. */
  retryAfterSeconds?: number | null;
  /** What happened, for logs only; never sent to clients. */
  cause?: unknown;
  /** Overrides the client-facing message; must not contain vendor-supplied text. */
  message?: string;
  /**
   * How far the request got: `not-sent` (refused connection, open circuit, local quota: certainly not
   * processed), `timeout` (sent, no answer in time: may still be processed), `dropped` (the connection
   * broke before an answer), `answered` (a status came back). Write safety depends on it.
   * @default 'answered' with an httpStatus, else 'dropped'
   */
  delivery?: Delivery;
  /**
   * The caller's own signal ended the call (its request ran out of time or the client left), not the
   * vendor: says nothing about the vendor's health, so the circuit breaker does not count it.
   */
  cancelled?: boolean;
}

export type Delivery = 'not-sent' | 'timeout' | 'dropped' | 'answered';

/**
 * A vendor call that failed. It is a GraphQLError so that Yoga's masking lets it through with its
 * `extensions`, while anything else thrown (a bug) is masked to "Unexpected error.".
 */
export class UpstreamError extends GraphQLError {
  readonly code: UpstreamCode;
  readonly vendor: VendorId;
  readonly httpStatus: number | null;
  readonly retryAfterSeconds: number | null;
  readonly delivery: Delivery;
  readonly cancelled: boolean;

  constructor({ code, vendor, httpStatus, retryAfterSeconds = null, cause, message, delivery, cancelled = false }: UpstreamErrorOptions) {
    super(message ?? describe(code, vendor, httpStatus), {
      extensions: { code, vendor: vendor.toUpperCase(), httpStatus, ...(retryAfterSeconds === null ? {} : { retryAfterSeconds }) },
    });
    // Kept as `cause` for logs, not as `originalError`: Yoga masks any GraphQLError whose original
    // error is not itself a GraphQLError, which would hide the code clients rely on.
    this.cause = cause;
    this.name = 'UpstreamError';
    this.code = code;
    this.vendor = vendor;
    this.httpStatus = httpStatus;
    this.retryAfterSeconds = retryAfterSeconds;
    this.delivery = delivery ?? (httpStatus === null ? 'dropped' : 'answered');
    this.cancelled = cancelled;
  }
}

function describe(code: UpstreamCode, vendor: VendorId, httpStatus: number | null): string {
  const name = VENDOR_NAMES[vendor];
  const status = httpStatus === null ? '' : ` (HTTP ${httpStatus})`;
  switch (code) {
    case 'NOT_FOUND':
      return `${name} has no such user${status}.`;
    case 'RATE_LIMITED':
      return `${name} is rate limiting requests${status}; try again later.`;
    case 'VENDOR_UNAVAILABLE':
      return `${name} is unavailable${status || ' (no response)'}.`;
    case 'VENDOR_ERROR':
      return `${name} refused the request${status}.`;
    case 'BAD_VENDOR_RESPONSE':
      return `${name} sent a response Switchboard could not read${status}.`;
    case 'QUERY_TOO_COMPLEX':
      return `This request reached its limit of vendor calls; the call to ${name} was not sent.`;
  }
}

/** An abort or timeout: the caller's signal ended (deadline, client gone), not a bug. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * The one place a call's failure is classified for clients. An UpstreamError passes as it is. An abort
 * or timeout — the request's deadline firing while the call waited for a quota slot (whatever store
 * holds the quota), a breaker probe, a token refresh or a retry pause — becomes the vendor's coded
 * error: RATE_LIMITED when the call was still waiting for its quota slot (`sent` false: nothing reached
 * the vendor), else VENDOR_UNAVAILABLE. Either is marked `cancelled`, so the breaker does not count
 * the caller's own deadline against the vendor. Anything else is a bug and stays what it is (masked).
 */
export function asUpstreamError(error: unknown, vendor: VendorId, signal?: AbortSignal, sent = true): unknown {
  if (error instanceof UpstreamError || !isAbort(error, signal)) return error;
  const name = VENDOR_NAMES[vendor];
  return sent
    ? new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor, httpStatus: null, delivery: 'timeout', cancelled: true, cause: error, message: `${name} did not answer within this request's deadline.` })
    : new UpstreamError({ code: 'RATE_LIMITED', vendor, httpStatus: null, delivery: 'not-sent', cancelled: true, cause: error, message: `${name}'s request quota had no free slot within this request's deadline; nothing was sent.` });
}

export function vendorDisplayName(vendor: VendorId): string {
  return VENDOR_NAMES[vendor];
}

/**
 * A vendor refused a write because of the values in it (Rinkel/Dialpad 400, CommPeak 422, IMIchat
 * 3107/3110/3115). Fields are named canonically (`language`) or vendor-scoped (`commpeak.sipUri`);
 * reasons are written here, never the vendor's own text.
 */
export class WriteRejected extends Error {
  constructor(
    readonly vendor: VendorId,
    readonly httpStatus: number,
    readonly fieldErrors: readonly FieldIssue[],
  ) {
    super(`${VENDOR_NAMES[vendor]} rejected the update (HTTP ${httpStatus}).`);
    this.name = 'WriteRejected';
  }
}

/** A field the vendor rejected, in canonical terms. */
export function rejectedField(vendor: VendorId, field: string): FieldIssue {
  return { field, reason: `${VENDOR_NAMES[vendor]} rejected this value` };
}
