import { setMaxListeners } from 'node:events';

/**
 * Request deadlines that travel with the AbortSignal every vendor call already receives. A signal
 * says *that* time is up, not *how much* is left; retries and quota waits need the latter, to skip a
 * wait that cannot fit. The deadline is recorded against the signal instead of being threaded
 * through every connector signature.
 */

const deadlines = new WeakMap<AbortSignal, number>();

/** A signal that aborts when `parent` does or `ms` have passed, carrying its deadline. */
export function withDeadline(ms: number, parent?: AbortSignal, now = Date.now()): AbortSignal {
  const signal = parent ? AbortSignal.any([parent, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
  deadlines.set(signal, now + ms);
  return signal;
}

/**
 * A deadline for one piece of work (a request, one vendor attempt) that is over when `finish()` is
 * called: its timer is cleared and it lets go of `parent`. `withDeadline` does the same with
 * `AbortSignal.timeout` and `AbortSignal.any`, but on Node 20 those signals and timers outlive the
 * work by the whole timeout; under load that meant tens of thousands alive at once, and measured half
 * the gateway's throughput. Hot paths use this; `withDeadline` stays for callers that cannot say when
 * their work ends.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Aborts now with `reason` (the client went away, say). */
  cancel(reason: unknown): void;
  /** The work is done: no timeout will fire, and `parent` no longer holds this deadline. */
  finish(): void;
}

export function startDeadline(ms: number, parent?: AbortSignal, now = Date.now()): Deadline {
  const controller = new AbortController();
  const { signal } = controller;
  // A request's deadline is the parent of every vendor attempt it makes at once (80 for 80 ids).
  setMaxListeners(0, signal);
  const onParentAbort = () => controller.abort(parent?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  timer.unref();
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  deadlines.set(signal, Math.min(now + ms, now + remainingMs(parent, now)));
  return {
    signal,
    cancel: (reason) => controller.abort(reason),
    finish() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Milliseconds left before the signal's deadline; Infinity when it has none. */
export function remainingMs(signal: AbortSignal | undefined, now = Date.now()): number {
  if (!signal) return Infinity;
  if (signal.aborted) return 0;
  const deadline = deadlines.get(signal);
  return deadline === undefined ? Infinity : Math.max(0, deadline - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `promise`, or `aborted()` (by default the signal's reason) as soon as the signal aborts; the work
 * behind `promise` goes on either way, and its own rejection passes through unchanged.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, aborted: () => unknown = () => signal.reason): Promise<T> {
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
