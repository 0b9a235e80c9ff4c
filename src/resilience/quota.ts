/**
 * Outbound quotas: stay under a vendor's published rate limits by waiting briefly before a call,
 * instead of collecting 429s. Limits are sliding windows ("20 in any second, 1200 in any minute"),
 * kept as a log of reserved send times. Token buckets and fixed windows — what most limiter libraries
 * offer — let twice the limit through inside one sliding second at a window edge, which is exactly
 * what a vendor enforcing a sliding window answers with 429.
 */

export interface QuotaLimit {
  /** Calls allowed in any window of `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Where reservations live. Behind an interface so replicas can later share one quota (a Redis sorted
 * set per key reserves the same way, atomically in a script); the memory store serves one process.
 */
export interface QuotaStore {
  /** Reserves the earliest send time ≥ now that keeps every limit, and returns it (epoch ms). */
  reserve(key: string, limits: readonly QuotaLimit[], now: number): Promise<number>;
  /** Gives a reservation back (its caller gave up waiting), so it does not hold a slot. */
  cancel(key: string, at: number): Promise<void>;
}

export function createMemoryQuotaStore(): QuotaStore {
  const logs = new Map<string, number[]>();
  return {
    async reserve(key, limits, now) {
      const log = logs.get(key) ?? [];
      const longest = Math.max(0, ...limits.map((limit) => limit.windowMs));
      // Drop sends no window can see any more; the log stays sorted because reservations only grow.
      while (log.length > 0 && (log[0] as number) <= now - longest) log.shift();
      let at = Math.max(now, log.at(-1) ?? now);
      // Move `at` forward until every window ending at `at` has room; each step jumps to the moment the
      // oldest blocking send leaves its window, so this ends after at most a few iterations.
      for (let moved = true; moved; ) {
        moved = false;
        for (const { limit, windowMs } of limits) {
          const inWindow = log.filter((sent) => sent > at - windowMs);
          if (inWindow.length >= limit) {
            at = (inWindow[inWindow.length - limit] as number) + windowMs;
            moved = true;
          }
        }
      }
      log.push(at);
      logs.set(key, log);
      return at;
    },
    async cancel(key, at) {
      const log = logs.get(key);
      const index = log?.lastIndexOf(at) ?? -1;
      if (log && index >= 0) log.splice(index, 1);
    },
  };
}

/** Parses `20/1s,1200/60s` (the `<VENDOR>_RATE_LIMITS` setting); empty means no limit. */
export function parseQuotaLimits(text: string): QuotaLimit[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+)(ms|s|m|h)\s*$/.exec(part);
    if (!match) throw new Error(`"${part.trim()}" is not a rate limit like 20/1s or 1200/60s`);
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[3] as 'ms' | 's' | 'm' | 'h'];
    return { limit: Number(match[1]), windowMs: Number(match[2]) * unit };
  });
}
