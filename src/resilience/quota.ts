import type { VendorId } from '../connectors/types.js';
import { UpstreamError, vendorDisplayName } from '../errors.js';
import type { QuotaStore } from '../stores/quota/index.js';
import { abortable, remainingMs, sleep } from './deadline.js';
import type { Metrics } from './metrics.js';

/**
 * Outbound quotas: stay under a vendor's published rate limits by waiting before a call, instead of
 * collecting 429s. Limits are sliding windows ("20 in any second, 1200 in any minute") kept as a log
 * of slots (src/stores/quota): a slot is taken before the call is dispatched and held until its
 * response ended, which is what keeps the limit as the vendor counts arrivals (see `QuotaStore`).
 * Token buckets and fixed windows let twice the limit through inside one sliding second.
 */

export interface QuotaLimit {
  /** Calls allowed in any window of `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

/** Parses `20/1s,1200/60s` (the `<VENDOR>_RATE_LIMITS` setting); empty means no limit. */
export function parseQuotaLimits(text: string): QuotaLimit[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+)(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`"${part.trim()}" is not a rate limit like 20/1s, 1200/60s or 10000/1d`);
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[3] as 'ms' | 's' | 'm' | 'h' | 'd'];
    if (Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error(`"${part.trim()}" must allow at least 1 call in a window longer than 0`);
    return { limit: Number(match[1]), windowMs: Number(match[2]) * unit };
  });
}

/** A taken slot: say how the call ended. */
export interface QuotaTicket {
  /** The response ended, or the call failed with nothing left in flight. */
  ended(): void;
  /** The call was never sent: the slot is given back. */
  notSent(): void;
}

export interface QuotaGate {
  /**
   * Waits for a slot, first come first served in this process. A wait that cannot end before the
   * request's deadline fails at once, and a deadline reached while waiting fails, as RATE_LIMITED
   * naming the vendor: never an uncoded abort.
   */
  take(signal?: AbortSignal): Promise<QuotaTicket>;
  /** The vendor answered 429: every call under this key waits `ms` (all replicas, with Redis). */
  pause(ms: number): void;
}

export interface QuotaGateOptions {
  vendor: VendorId;
  /** One quota per vendor credential: the vendor plus a digest of its base URL and credentials. */
  key: string;
  store: QuotaStore;
  limits: readonly QuotaLimit[];
  /** How long a slot counts when its call never reports back: the call's own timeout, and a margin. */
  leaseMs: number;
  /** How often a waiting call asks again while slots are in flight. @default 25 */
  pollMs?: number;
  metrics?: Metrics;
}

const NOTHING: QuotaTicket = { ended: () => {}, notSent: () => {} };

/**
 * Added to every window: vendors stamp arrivals in whole milliseconds and may count a window with
 * both ends included, so a call exactly one window after another's end could still share its window.
 */
const WINDOW_MARGIN_MS = 5;

export function createQuotaGate({ vendor, key, store, limits: published, leaseMs, pollMs = 25, metrics }: QuotaGateOptions): QuotaGate {
  const limits = published.map(({ limit, windowMs }) => ({ limit, windowMs: windowMs + WINDOW_MARGIN_MS }));
  const rateLimited = (waitMs: number) =>
    new UpstreamError({
      code: 'RATE_LIMITED',
      vendor,
      httpStatus: null,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      delivery: 'not-sent',
      message: `${vendorDisplayName(vendor)}'s request quota is used up for now; try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`,
    });
  let queued = 0;
  let tail: Promise<unknown> = Promise.resolve();

  async function acquire(signal: AbortSignal | undefined): Promise<string> {
    for (;;) {
      if (signal?.aborted) throw rateLimited(limits[0]?.windowMs ?? 1000);
      const grant = await store.acquire(key, limits, leaseMs);
      if (grant.granted) {
        if (!signal?.aborted) return grant.slot;
        void store.release(key, grant.slot);
        throw rateLimited(limits[0]?.windowMs ?? 1000);
      }
      if (grant.waitMs > remainingMs(signal)) throw rateLimited(grant.waitMs);
      await sleep(Math.min(grant.waitMs, pollMs), signal).catch(() => {});
    }
  }

  return {
    async take(signal) {
      if (limits.length === 0) return NOTHING;
      // The calls queued ahead need at least this long: a wait that cannot fit fails before queueing.
      const ahead = queued;
      const least = Math.max(...limits.map(({ limit, windowMs }) => Math.floor(ahead / limit) * windowMs));
      if (least > remainingMs(signal)) throw rateLimited(least);
      const started = Date.now();
      queued++;
      const turn = tail.then(() => acquire(signal));
      tail = turn.catch(() => {});
      let slot: string;
      try {
        // RATE_LIMITED as soon as the deadline ends while still queued (the turn then gives its slot back).
        slot = await (signal ? abortable(turn, signal, () => rateLimited(least)) : turn);
      } finally {
        queued--;
      }
      const waited = Date.now() - started;
      if (waited > 0) metrics?.quotaWait.observe({ vendor }, waited / 1000);
      let done = false;
      return {
        ended: () => {
          if (!done) void store.settle(key, slot).catch(() => {});
          done = true;
        },
        notSent: () => {
          if (!done) void store.release(key, slot).catch(() => {});
          done = true;
        },
      };
    },
    pause(ms) {
      void store.pause(key, ms).catch(() => {});
    },
  };
}

