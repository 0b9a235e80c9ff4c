import { UpstreamError, vendorDisplayName, WriteRejected } from './errors.js';
import type { CanonicalUser, FieldChange, FieldIssue, VendorId } from './connectors/types.js';

/**
 * The outcomes of a write, as values: `updateUser` and friends return one per account instead of
 * throwing, so one refused item never fails its neighbours. Each class is a GraphQL object type of
 * the `UpdateUserResult` union (schema/update-results.ts); messages are ours, never a vendor's text.
 */

export interface UpdateSuccess {
  readonly user: CanonicalUser;
  readonly changes: readonly FieldChange[];
  readonly skippedFields: readonly string[];
  readonly dryRun: boolean;
}

export class ValidationError extends Error {
  constructor(message: string, readonly fieldErrors: readonly FieldIssue[]) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string, readonly vendorUserId: string | null = null) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class RateLimitedError extends Error {
  constructor(readonly vendor: VendorId, readonly retryAfterSeconds: number | null) {
    super(`${vendorDisplayName(vendor)} is rate limiting requests; nothing was written${retryAfterSeconds === null ? '' : `. Retry after ${retryAfterSeconds} s`}.`);
    this.name = 'RateLimitedError';
  }
}

/** NOT_APPLIED: the vendor certainly did not write. UNKNOWN: it may have; read the account before retrying. */
export type WriteOutcome = 'NOT_APPLIED' | 'UNKNOWN';

export class VendorError extends Error {
  constructor(
    message: string,
    readonly vendor: VendorId,
    readonly httpStatus: number | null,
    readonly retryable: boolean,
    readonly outcome: WriteOutcome,
    readonly code: string,
  ) {
    super(message);
    this.name = 'VendorError';
  }
}

export type UpdateResult = UpdateSuccess | ValidationError | NotFoundError | RateLimitedError | VendorError;

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Maps a failure to a result. `sent` says whether the update request may have reached the vendor:
 * before that (a failed read, a refused plan) nothing can have been written.
 */
export function failedUpdate(error: unknown, vendor: VendorId, id: string, sent: boolean): UpdateResult {
  if (error instanceof WriteRejected) return new ValidationError(error.message, error.fieldErrors);
  if (!(error instanceof UpstreamError)) {
    // A bug, not a vendor answer: the write may or may not have gone out, so say so without details.
    return new VendorError('Switchboard failed while updating this account.', vendor, null, false, sent ? 'UNKNOWN' : 'NOT_APPLIED', 'INTERNAL_SERVER_ERROR');
  }
  if (error.code === 'NOT_FOUND') return new NotFoundError(`${vendorDisplayName(vendor)} has no account ${id}.`, id);
  if (error.code === 'RATE_LIMITED') return new RateLimitedError(vendor, error.retryAfterSeconds);
  // A 4xx answer is a refusal, so nothing was written; no answer, a 5xx or an unreadable one can hide a write.
  const refused = error.httpStatus !== null && error.httpStatus >= 400 && error.httpStatus < 500;
  const outcome: WriteOutcome = !sent || refused ? 'NOT_APPLIED' : 'UNKNOWN';
  const retryable = error.httpStatus === null || RETRYABLE_STATUSES.has(error.httpStatus);
  const message = outcome === 'UNKNOWN' ? `${error.message} The update may have been applied; read the account before retrying.` : `${error.message} Nothing was written.`;
  return new VendorError(message, vendor, error.httpStatus, retryable, outcome, error.code);
}
