import { NotFoundError, RateLimitedError, ValidationError, VendorError, type UpdateResult } from '../../update-results.js';
import { decodeJson, encodeJson } from '../json.js';
import type { ResultCodec } from './redis.js';

/**
 * Mutation results to text and back, for a shared store: the error results are classes (the schema
 * tells union members apart by class), so each is written with its kind and rebuilt as that class.
 */

type Stored =
  | { kind: 'success'; value: unknown }
  | { kind: 'validation'; message: string; fieldErrors: unknown }
  | { kind: 'not-found'; message: string; vendorUserId: string | null }
  | { kind: 'rate-limited'; vendor: string; retryAfterSeconds: number | null }
  | { kind: 'vendor'; message: string; vendor: string; httpStatus: number | null; retryable: boolean; outcome: string; code: string };

function toStored(result: UpdateResult): Stored {
  if (result instanceof ValidationError) return { kind: 'validation', message: result.message, fieldErrors: result.fieldErrors };
  if (result instanceof NotFoundError) return { kind: 'not-found', message: result.message, vendorUserId: result.vendorUserId };
  if (result instanceof RateLimitedError) return { kind: 'rate-limited', vendor: result.vendor, retryAfterSeconds: result.retryAfterSeconds };
  if (result instanceof VendorError) return { kind: 'vendor', message: result.message, vendor: result.vendor, httpStatus: result.httpStatus, retryable: result.retryable, outcome: result.outcome, code: result.code };
  return { kind: 'success', value: result };
}

function fromStored(stored: Stored): UpdateResult {
  switch (stored.kind) {
    case 'validation':
      return new ValidationError(stored.message, stored.fieldErrors as ValidationError['fieldErrors']);
    case 'not-found':
      return new NotFoundError(stored.message, stored.vendorUserId);
    case 'rate-limited':
      return new RateLimitedError(stored.vendor as RateLimitedError['vendor'], stored.retryAfterSeconds);
    case 'vendor':
      return new VendorError(stored.message, stored.vendor as VendorError['vendor'], stored.httpStatus, stored.retryable, stored.outcome as VendorError['outcome'], stored.code);
    case 'success':
      return stored.value as UpdateResult;
  }
}

export const updateResultsCodec: ResultCodec<UpdateResult | UpdateResult[]> = {
  encode: (result) => encodeJson(Array.isArray(result) ? { many: result.map(toStored) } : { one: toStored(result) }),
  decode: (text) => {
    const stored = decodeJson(text) as { many?: Stored[]; one?: Stored };
    return stored.many ? stored.many.map(fromStored) : fromStored(stored.one as Stored);
  },
};
