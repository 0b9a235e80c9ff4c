/**
 * A sliding-window request counter for vendor-enforced limits (Dialpad's 20 req/s and 1200/min,
 * IMIchat's daily quota). It is the vendor's limit, not a fault: it holds in every run unless the
 * vendor's settings turn it off, and it answers how long to wait, for the `Retry-After` header.
 */
export interface RateWindow {
  /** Counts the request if it fits; otherwise returns the whole seconds until it would (at least 1). */
  take(): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };
  /** Requests still allowed in the current window. */
  remaining(): number;
  /** Epoch seconds at which the oldest counted request leaves the window. */
  resetAt(): number;
  clear(): void;
}

export function createRateWindow(limit: () => number, windowMs: number, now: () => number = Date.now): RateWindow {
  let stamps: number[] = [];
  const prune = () => {
    const cutoff = now() - windowMs;
    let drop = 0;
    while (drop < stamps.length && (stamps[drop] as number) <= cutoff) drop++;
    if (drop > 0) stamps = stamps.slice(drop);
  };
  return {
    take() {
      prune();
      if (stamps.length < limit()) {
        stamps.push(now());
        return { allowed: true, remaining: limit() - stamps.length };
      }
      const oldest = stamps[0] ?? now();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now()) / 1000)) };
    },
    remaining() {
      prune();
      return Math.max(0, limit() - stamps.length);
    },
    resetAt() {
      prune();
      return Math.ceil(((stamps[0] ?? now()) + windowMs) / 1000);
    },
    clear() {
      stamps = [];
    },
  };
}
