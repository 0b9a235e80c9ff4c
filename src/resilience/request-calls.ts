/**
 * How many vendor calls one GraphQL request has made, and how many it may make. Like the request id
 * (telemetry.ts), the tally rides on the request's deadline signal, which every vendor call already
 * receives, so no connector signature has to carry it. Read by the call budget (a request may not
 * cause more than `MAX_VENDOR_CALLS` calls), the access log and the per-request metrics.
 */

export interface RequestCalls {
  /** Vendor calls sent so far for this request (each attempt counts: it is what the vendor sees). */
  count: number;
  /** The most this request may send; `Infinity` when unbounded. */
  readonly max: number;
}

const tallies = new WeakMap<AbortSignal, RequestCalls>();

/** Starts the tally for a request; `max` is its budget. Returns the tally, which the caller may read later. */
export function trackRequestCalls(signal: AbortSignal, max = Number.POSITIVE_INFINITY): RequestCalls {
  const tally: RequestCalls = { count: 0, max };
  tallies.set(signal, tally);
  return tally;
}

/** The tally of the request `signal` belongs to; undefined for calls made outside a request. */
export function requestCallsOf(signal: AbortSignal | undefined): RequestCalls | undefined {
  return signal ? tallies.get(signal) : undefined;
}

/**
 * Counts one call against its request. False when the request has spent its budget: the caller must
 * not send the call (and fails it with a coded error instead). Calls outside any request always pass.
 */
export function chargeCall(signal: AbortSignal | undefined): boolean {
  const tally = requestCallsOf(signal);
  if (!tally) return true;
  if (tally.count >= tally.max) return false;
  tally.count += 1;
  return true;
}
