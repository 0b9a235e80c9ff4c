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
