import { BrokenCircuitError, circuitBreaker, CircuitState, handleWhen, SamplingBreaker, type CircuitBreakerPolicy } from 'cockatiel';
import { createWindowCount } from './window-count.js';
import type { VendorId } from '../connectors/types.js';
import { UpstreamError, vendorDisplayName } from '../errors.js';
import { remainingMs, sleep } from './deadline.js';
import type { Metrics } from './metrics.js';
import type { QuotaGate, QuotaTicket } from './quota.js';

/**
 * What happens around every vendor call, in this order: wait for the outbound quota, go through the
 * circuit breaker, make one attempt, and — for calls that are safe to repeat — retry retryable
 * failures with backoff, honouring `Retry-After` when it fits the request's deadline, within a retry
 * budget. Writes are never repeated here: whether a failed write happened needs the account read
 * back, which only the update logic can judge (src/updates.ts).
 */

export interface RetryOptions {
  /** Attempts per call, the first included. @default 3 */
  maxAttempts?: number;
  /** Backoff before retry n is a random wait in [0, min(maxDelayMs, baseDelayMs × 2^n)] ("full jitter"). @default 100 */
  baseDelayMs?: number;
  /** @default 2000 */
  maxDelayMs?: number;
  /**
   * A `Retry-After` longer than this is not waited out: the caller gets RATE_LIMITED (or the 503) with
   * the vendor's wait at once, rather than a request that hangs for most of its deadline. @default 2000
   */
  maxRetryAfterMs?: number;
  /** Retries allowed per window: this share of the calls made, plus `budgetFloor`. @default 0.2 */
  budgetRatio?: number;
  /** @default 10 */
  budgetFloor?: number;
  /** @default 10000 */
  budgetWindowMs?: number;
}

export interface BreakerOptions {
  /** Share of failed calls over the window that opens the breaker. @default 0.5 */
  threshold?: number;
  /** @default 10000 */
  windowMs?: number;
  /** Calls per second below which the breaker never opens (too little traffic to judge). @default 0.5 */
  minimumRps?: number;
  /** How long an open breaker fails fast before letting one probe through. @default 5000 */
  halfOpenAfterMs?: number;
}

export interface UpstreamPolicyOptions {
  vendor: VendorId;
  /** The vendor credential's outbound quota (src/resilience/quota.ts). */
  quota?: QuotaGate;
  retry?: RetryOptions;
  breaker?: BreakerOptions;
  metrics?: Metrics;
}

export interface Attempt {
  /** Route template for metrics, e.g. `GET /users/{id}`. */
  route: string;
  /** Whether a failed attempt may be repeated: reads yes, writes no. */
  retry: boolean;
  signal?: AbortSignal;
}

export type BreakerState = 'CLOSED' | 'HALF_OPEN' | 'OPEN';

export interface UpstreamPolicy {
  /** Runs `attempt` (one HTTP exchange, resolving with the status) under quota, breaker and retries. */
  run<R extends { status: number; retryAfterSeconds?: number | null }>(call: Attempt, attempt: () => Promise<R>): Promise<R>;
  breakerState(): BreakerState;
  /** Closes the breaker and forgets the retry budget (tests and operators after a vendor incident). */
  reset(): void;
  /**
   * The cheap call (the connector's `ping`) that probes the vendor in the background while its
   * circuit is open, every `halfOpenAfterMs`, so it recovers without waiting for client traffic.
   */
  setProbe(probe: (signal: AbortSignal) => Promise<unknown>): void;
  /** Stops background probing. */
  close(): void;
}

/**
 * The signals of background probes: a probe's calls carry its signal down to `once`, which lets them
 * past the breaker (an open circuit must not refuse its own probe, and a probe's failure never
 * reopens it). (AsyncLocalStorage would find them without the signal, but on Node 20 its promise
 * hooks cost over 40 % of the gateway's throughput once enabled; see telemetry.ts.)
 */
const probes = new WeakSet<AbortSignal>();

/** Errors the policy itself raises without calling the vendor (open circuit, quota): never retried. */
const ownErrors = new WeakSet<UpstreamError>();

function own(error: UpstreamError): UpstreamError {
  ownErrors.add(error);
  return error;
}

/** Statuses worth another attempt: the vendor is overloaded or a proxy in front of it failed. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export function createUpstreamPolicy({ vendor, quota, retry = {}, breaker: breakerOptions = {}, metrics }: UpstreamPolicyOptions): UpstreamPolicy {
  const { maxAttempts = 3, baseDelayMs = 100, maxDelayMs = 2000, maxRetryAfterMs = 2000, budgetRatio = 0.2, budgetFloor = 10, budgetWindowMs = 10_000 } = retry;
  const budget = createRetryBudget(budgetRatio, budgetFloor, budgetWindowMs);
  const { halfOpenAfterMs = 5000 } = breakerOptions;
  let probe: ((signal: AbortSignal) => Promise<unknown>) | null = null;
  let prober: NodeJS.Timeout | null = null;
  let closed = false;
  let breaker = createBreaker();

  /**
   * While the circuit is not closed, one probe every `halfOpenAfterMs`, each on its own: a probe sent
   * while the vendor still hung may fail after it healed, but the next one (sent after the heal)
   * succeeds and closes the circuit, so a stale failure costs at most one interval. Probes bypass
   * the breaker, so their failures never reopen it.
   */
  function startProbing(): void {
    if (prober || !probe || closed) return;
    prober = setInterval(() => {
      if (breaker.state === CircuitState.Closed || !probe) return stopProbing();
      const current = breaker;
      const signal = AbortSignal.timeout(Math.max(halfOpenAfterMs * 2, 1000));
      probes.add(signal);
      void probe(signal)
        .then(() => {
          // Only the breaker this probe was sent for; a reset in between made a new one already.
          if (breaker === current && breaker.state !== CircuitState.Closed) breaker = createBreaker();
          stopProbing();
        })
        .catch(() => undefined);
    }, halfOpenAfterMs);
    prober.unref();
  }

  function stopProbing(): void {
    if (prober) clearInterval(prober);
    prober = null;
  }

  function createBreaker(): CircuitBreakerPolicy {
    const { threshold = 0.5, windowMs = 10_000, minimumRps = 0.5 } = breakerOptions;
    // Only signs that the vendor is down count: no answer, or a 5xx. A 404 or a 429 is a working vendor.
    const policy = circuitBreaker(
      handleWhen((error) => error instanceof UpstreamError && !error.cancelled && (error.httpStatus === null || error.httpStatus >= 500)).orWhenResult(
        (result) => (result as { status: number }).status >= 500,
      ),
      { halfOpenAfter: halfOpenAfterMs, breaker: new SamplingBreaker({ threshold, duration: windowMs, minimumRps }) },
    );
    policy.onStateChange((state) => {
      metrics?.breakerState.set({ vendor }, state === CircuitState.Open ? 2 : state === CircuitState.HalfOpen ? 1 : 0);
      if (state === CircuitState.Open) startProbing();
    });
    metrics?.breakerState.set({ vendor }, 0);
    return policy;
  }

  async function once<R extends { status: number }>(call: Attempt, attempt: () => Promise<R>): Promise<R> {
    // A quota refusal is the policy's own answer (nothing was sent): never retried.
    const ticket = await quota?.take(call.signal).catch((error: unknown) => {
      throw error instanceof UpstreamError ? own(error) : error;
    });
    try {
      // A background probe goes around the breaker, so its failure never reopens it (startProbing).
      const result = call.signal && probes.has(call.signal) ? await attempt() : await breaker.execute(() => attempt());
      ticket?.ended();
      // A 429 pauses every call under this credential (every replica, with Redis), not only this one.
      if (result.status === 429) quota?.pause(((result as { retryAfterSeconds?: number | null }).retryAfterSeconds ?? 1) * 1000);
      return result;
    } catch (error) {
      settleFailed(ticket, error);
      if (error instanceof BrokenCircuitError) {
        throw own(new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor, httpStatus: null, delivery: 'not-sent', message: `${vendorDisplayName(vendor)} is failing; Switchboard stopped calling it for a few seconds (circuit open).` }));
      }
      throw error;
    }
  }

  return {
    async run<R extends { status: number; retryAfterSeconds?: number | null }>(call: Attempt, attempt: () => Promise<R>): Promise<R> {
      let previous: { result: R } | { error: unknown } | undefined;
      for (let attemptNo = 1; ; attemptNo++) {
        budget.recordCall();
        let outcome: { result: R } | { error: unknown };
        try {
          outcome = { result: await once(call, attempt) };
        } catch (error) {
          outcome = { error };
        }
        // The breaker opened while this call was retrying: stop, and report what the vendor last said.
        const circuitOpened = 'error' in outcome && outcome.error instanceof UpstreamError && ownErrors.has(outcome.error) && previous !== undefined;
        if (circuitOpened && previous) outcome = previous;
        previous = outcome;
        const reason = 'result' in outcome ? (RETRYABLE_STATUSES.has(outcome.result.status) ? String(outcome.result.status) : null) : retryReason(outcome.error);
        const waitMs = reason === null ? 0 : retryWait('result' in outcome ? (outcome.result.retryAfterSeconds ?? null) : null, attemptNo);
        const retry = call.retry && !circuitOpened && reason !== null && attemptNo < maxAttempts && waitMs <= maxRetryAfterMs && waitMs < remainingMs(call.signal) && budget.tryRetry();
        if (!retry) {
          if ('error' in outcome) throw outcome.error;
          return outcome.result;
        }
        metrics?.retries.inc({ vendor, reason: reason ?? 'unknown' });
        await sleep(waitMs, call.signal);
      }
    },
    breakerState: () => (breaker.state === CircuitState.Open || breaker.state === CircuitState.Isolated ? 'OPEN' : breaker.state === CircuitState.HalfOpen ? 'HALF_OPEN' : 'CLOSED'),
    reset: () => {
      breaker = createBreaker();
      budget.clear();
      stopProbing();
    },
    setProbe(call) {
      probe = call;
      if (breaker.state !== CircuitState.Closed) startProbing();
    },
    close() {
      closed = true;
      stopProbing();
    },
  };

  /** `Retry-After` when the vendor sent one, else exponential backoff with full jitter. */
  function retryWait(retryAfterSeconds: number | null, attemptNo: number): number {
    if (retryAfterSeconds !== null) return retryAfterSeconds * 1000;
    return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attemptNo);
  }
}

/**
 * How a failed call's quota slot ends: never sent (refused, or not dispatched) gives it back; a call
 * its caller stopped waiting for may still be in flight, so its slot runs to its lease; anything else
 * has ended now.
 */
function settleFailed(ticket: QuotaTicket | undefined, error: unknown): void {
  if (!ticket) return;
  if (error instanceof BrokenCircuitError || (error instanceof UpstreamError && error.delivery === 'not-sent')) ticket.notSent();
  else if (!(error instanceof UpstreamError && error.cancelled)) ticket.ended();
}

/** Connection refused or reset: the call did not get through, another may. Timeouts are not retried: the deadline would pay twice. */
function retryReason(error: unknown): string | null {
  if (!(error instanceof UpstreamError) || ownErrors.has(error)) return null;
  return error.delivery === 'not-sent' ? 'refused' : error.delivery === 'dropped' ? 'reset' : null;
}

/**
 * A retry budget: retries may add at most `ratio` of the calls made in the window (plus a floor for
 * quiet periods), so a struggling vendor sees at most ~1.2× its normal traffic, not 3×.
 */
function createRetryBudget(ratio: number, floor: number, windowMs: number) {
  const calls = createWindowCount(windowMs);
  const retries = createWindowCount(windowMs);
  return {
    recordCall: () => calls.add(),
    tryRetry(): boolean {
      if (retries.count() >= floor + ratio * calls.count()) return false;
      retries.add();
      return true;
    },
    clear() {
      calls.clear();
      retries.clear();
    },
  };
}
