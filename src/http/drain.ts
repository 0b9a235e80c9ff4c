import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Graceful shutdown's first half: knowing which requests are still in flight, and saying "not ready"
 * while they finish. On SIGTERM a load balancer needs a moment to notice (readiness turns 503 at once,
 * see useHealth); until then requests keep arriving and are served, each response asking its client
 * to close the connection so the next request goes to another replica.
 */
export interface Drain {
  /** True from `drain()` on: readiness answers 503. */
  readonly draining: boolean;
  /** Requests whose response has not closed yet. */
  readonly inFlight: number;
  /** Counts a request in flight until its response closes. Call first thing for every request. */
  track(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Starts draining. Resolves when no request is in flight, or when `timeoutMs` has passed, with the
   * number of requests still in flight then (0 when all finished).
   */
  drain(timeoutMs: number): Promise<number>;
}

export function createDrain(): Drain {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | null = null;
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    track(_req, res) {
      inFlight += 1;
      if (draining) res.setHeader('connection', 'close');
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
    },
    drain(timeoutMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve(0);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          idle = null;
          resolve(inFlight);
        }, timeoutMs);
        idle = () => {
          clearTimeout(timer);
          idle = null;
          resolve(0);
        };
      });
    },
  };
}
