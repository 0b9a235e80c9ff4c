import { isDeepStrictEqual } from 'node:util';
import { UpstreamError, WriteRejected } from './errors.js';
import type { CanonicalUser, FieldChange, UserConnector } from './connectors/types.js';

/**
 * Deciding whether a failed write happened. A write that got no clear answer (a reset, a timeout, a
 * 5xx, an unreadable body) may or may not have been applied; telling the client "failed" could make it
 * apply the change twice, and telling it "done" could lose it. So the account is read back and compared
 * with what the write asked for.
 */

export type Verdict = 'applied' | 'not-applied' | 'unknown';

/** How a write's failure leaves its outcome, before any read-back. */
export function certainty(error: unknown): 'not-applied' | 'ambiguous' {
  if (error instanceof WriteRejected) return 'not-applied';
  if (!(error instanceof UpstreamError)) return 'ambiguous';
  if (error.delivery === 'not-sent') return 'not-applied';
  // The vendor answered with a refusal: a 4xx (404, 429, validation) means it did nothing.
  if (error.delivery === 'answered' && error.httpStatus !== null && error.httpStatus >= 400 && error.httpStatus < 500) return 'not-applied';
  return 'ambiguous';
}

/**
 * Compares a fresh read with the changes a write asked for. Only changes whose before and after differ
 * and whose value can be read back tell anything; when every one of them shows `after` the write
 * happened, when every one shows `before` it did not, and anything else is unknown.
 */
export function judge(changes: readonly FieldChange[], readBack: CanonicalUser): Verdict {
  const telling = changes
    .map((change) => ({ change, now: valueAt(readBack, change.field) }))
    .filter(({ change, now }) => now !== undefined && change.after !== '[write-only]' && !same(change.before, change.after));
  if (telling.length === 0) return 'unknown';
  if (telling.every(({ change, now }) => same(now, change.after))) return 'applied';
  if (telling.every(({ change, now }) => same(now, change.before))) return 'not-applied';
  return 'unknown';
}

/** Reads the account straight from the vendor (not the request's loader, which holds the value from before the write). */
export async function readBack(connector: UserConnector, vendorUserId: string, signal?: AbortSignal): Promise<CanonicalUser | null> {
  const [slot] = await connector.getUsers([vendorUserId], signal);
  return slot === undefined || slot instanceof Error ? null : slot;
}

/** `firstName` from the canonical user, `rinkel.preferences.colorMode` from its details. */
function valueAt(user: CanonicalUser, field: string): unknown {
  const [head = '', ...path] = field.split('.');
  if (path.length === 0) return (user as unknown as Record<string, unknown>)[head];
  let value: unknown = user.details;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** Addresses compare without letter case; everything else exactly (null and undefined alike). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && a.includes('@') && b.includes('@')) return a.toLowerCase() === b.toLowerCase();
  return isDeepStrictEqual(a ?? null, b ?? null);
}
