import pLimit from 'p-limit';
import { UpstreamError } from '../errors.js';
import type { CanonicalUser, UserSlot, VendorId } from './types.js';

/**
 * The shared shape of `getUsers` and full-directory scans. No vendor can fetch many users by id in one
 * call, so a batch is one GET per id, all in flight at once but never more than the vendor's cap: the
 * limiter lives in the connector, so the cap holds across concurrent GraphQL requests, not per batch.
 */

export type Limiter = ReturnType<typeof pLimit>;

export function createLimiter(concurrency: number): Limiter {
  return pLimit(concurrency);
}

export interface GetEachOptions {
  vendor: VendorId;
  limit: Limiter;
  /** Ids this vendor could never have issued fail as NOT_FOUND without a call (and without reaching a URL). */
  isValidId: (id: string) => boolean;
  fetchOne: (id: string) => Promise<CanonicalUser>;
}

/** One slot per id, in id order; a failure stays in its own slot. */
export function getEach(ids: readonly string[], { vendor, limit, isValidId, fetchOne }: GetEachOptions): Promise<UserSlot[]> {
  return Promise.all(
    ids.map((id): Promise<UserSlot> => {
      if (!isValidId(id)) return Promise.resolve(new UpstreamError({ code: 'NOT_FOUND', vendor, httpStatus: null }));
      return limit(() => fetchOne(id)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    }),
  );
}

/**
 * Reads numbered pages 2..n under the limiter after page 1 told how many there are. Pages come back
 * in page order whatever order they finish in, so the directory's order is the vendor's order.
 */
export async function readPages<T>(totalPages: number, limit: Limiter, fetchPage: (page: number) => Promise<T[]>): Promise<T[]> {
  const pages = await Promise.all(Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => limit(() => fetchPage(i + 2))));
  return pages.flat();
}
