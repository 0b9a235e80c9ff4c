/**
 * Open-loop load at a fixed rate, for latency at a given offered load. autocannon's `overallRate`
 * lets every connection send its share at the top of each second and then wait, so the "fixed" load
 * arrives as one burst per second and the latency measured is the burst's queueing. Here requests are
 * released evenly (rate × elapsed, checked every few milliseconds), each on its own pooled
 * connection, and latency is measured from when a request was due, so a peer that falls behind is
 * charged for the wait (no coordinated omission).
 */
import { Pool } from 'undici';
import type { HttpCall } from './workloads.js';

export interface PacedResult {
  readonly completed: number;
  readonly failed: number;
  /** Requests due in the window, sent or not: the denominator for calls per request. */
  readonly sent: number;
  readonly seconds: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly failureSample: string | null;
}

export async function paced(
  url: string,
  { rate, seconds, connections, next, failed: isFailure }: { rate: number; seconds: number; connections: number; next: () => HttpCall; failed: (status: number, body: string) => boolean },
): Promise<PacedResult> {
  const pool = new Pool(url, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  let failureSample: string | null = null;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const end = started + seconds * 1000;

  const fire = (dueAt: number) => {
    const call = next();
    sent++;
    const request = pool
      .request({
        method: call.method,
        path: call.path,
        headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      })
      .then(async (response) => {
        const body = await response.body.text();
        if (isFailure(response.statusCode, body)) {
          failed++;
          failureSample ??= `${response.statusCode} ${body.slice(0, 300)}`;
        } else latencies.push(performance.now() - dueAt);
      })
      .catch((error: unknown) => {
        failed++;
        failureSample ??= String(error);
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  while (performance.now() < end) {
    const now = performance.now();
    // Request k is due at k / rate seconds: the first at once.
    const due = Math.floor(((now - started) / 1000) * rate) + 1;
    while (sent < due) fire(started + (sent / rate) * 1000);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  await pool.close();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number));
  return { completed: sorted.length, failed, sent, seconds, latencyP50: round(at(0.5)), latencyP99: round(at(0.99)), failureSample };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
