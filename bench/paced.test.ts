/**
 * The paced (open-loop) generator against a local node:http server that answers after a fixed delay.
 * No speed is asserted: only how many requests are sent for a rate and window, how they are spread,
 * what counts as a failure, and that latency runs from when a request was due (no coordinated omission).
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { paced } from './paced.js';
import { closeServers, serve } from './testing.js';
import type { HttpCall } from './workloads.js';

afterEach(closeServers);

/**
 * Waits at least `ms` by performance.now(): setTimeout may fire a millisecond early by that clock,
 * which would make "p50 ≥ delay" fail for the timer's sake, not the generator's.
 */
function after(ms: number, then: () => void): void {
  const until = performance.now() + ms;
  const check = () => {
    const left = until - performance.now();
    if (left > 0) setTimeout(check, Math.ceil(left));
    else then();
  };
  setTimeout(check, ms);
}

const reply = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const notOk = (status: number) => status !== 200;

describe('paced', () => {
  it('sends rate × seconds requests, spread over the window, and measures latency ≥ the answer time', async () => {
    const delay = 50;
    const { url, received } = await serve((_request, res) => after(delay, () => reply(res, 200, { ok: true })));
    let n = 0;
    // Alternate a GET and a POST with a body, to see both go out as the workload said.
    const next = (): HttpCall => (n++ % 2 === 0 ? { method: 'GET', path: `/users/${n}` } : { method: 'POST', path: '/users/lookup', body: { ids: [String(n)] } });
    const started = performance.now();
    const result = await paced(url, { rate: 20, seconds: 2, connections: 10, next, failed: notOk });

    expect(result.sent).toBeGreaterThanOrEqual(37);
    expect(result.sent).toBeLessThanOrEqual(43);
    expect(result.completed).toBe(result.sent);
    expect(result.failed).toBe(0);
    expect(result.failureSample).toBeNull();
    expect(result.seconds).toBe(2);
    expect(received).toHaveLength(result.sent);
    expect(result.latencyP50).toBeGreaterThanOrEqual(delay);
    expect(result.latencyP50).toBeLessThan(delay + 100);
    expect(result.latencyP99).toBeGreaterThanOrEqual(result.latencyP50);

    const gets = received.filter((r) => r.method === 'GET');
    const posts = received.filter((r) => r.method === 'POST');
    expect(gets.length + posts.length).toBe(received.length);
    expect(gets.every((r) => r.path.startsWith('/users/') && r.body === '' && r.contentType === undefined)).toBe(true);
    expect(posts.every((r) => r.path === '/users/lookup' && r.contentType === 'application/json' && Array.isArray((JSON.parse(r.body) as { ids: unknown }).ids))).toBe(true);

    // Evenly released, not a burst per second: about 20 arrive in the first second, and only a few in its first quarter.
    const inFirst = (ms: number) => received.filter((r) => r.at - started < ms).length;
    expect(inFirst(1000)).toBeGreaterThanOrEqual(17);
    expect(inFirst(1000)).toBeLessThanOrEqual(23);
    expect(inFirst(250)).toBeLessThanOrEqual(8);
  });

  it('counts failures (status, error body, dropped connection) in `failed` and keeps them out of the latencies', async () => {
    const delay = 50;
    const { url, received } = await serve((request, res) => {
      // Failures answer at once: were they counted as latencies, three quarters of them would pull p50 to ~0.
      if (request.path === '/fail') reply(res, 500, { message: 'boom' });
      else if (request.path === '/errors') reply(res, 200, { errors: [{ message: 'vendor down' }] });
      else if (request.path === '/drop') res.socket?.destroy();
      else after(delay, () => reply(res, 200, { data: {} }));
    });
    const cycle = ['/ok', '/fail', '/errors', '/drop'];
    let n = 0;
    const next = (): HttpCall => ({ method: 'GET', path: cycle[n++ % cycle.length] as string });
    const result = await paced(url, { rate: 40, seconds: 0.5, connections: 10, next, failed: (status, body) => status !== 200 || body.includes('"errors"') });

    const ok = received.filter((r) => r.path === '/ok').length;
    expect(result.sent).toBeGreaterThanOrEqual(18);
    expect(result.sent).toBeLessThanOrEqual(22);
    expect(received).toHaveLength(result.sent);
    expect(result.completed).toBe(ok);
    expect(result.failed).toBe(result.sent - ok);
    expect(result.failed).toBeGreaterThan(ok);
    expect(result.latencyP50).toBeGreaterThanOrEqual(delay);
    expect(result.failureSample).toMatch(/^500 .*boom/);
  });

  it('counts every request due in the window as sent, even when none is answered well', async () => {
    const { url } = await serve((_request, res) => reply(res, 503, { message: 'overloaded' }));
    const result = await paced(url, { rate: 40, seconds: 0.5, connections: 5, next: () => ({ method: 'GET', path: '/' }), failed: notOk });
    expect(result.sent).toBeGreaterThanOrEqual(18);
    expect(result.sent).toBeLessThanOrEqual(22);
    expect(result.failed).toBe(result.sent);
    expect(result.completed).toBe(0);
    expect(result.latencyP50).toBe(0);
  });

  it('measures latency from when a request was due, so a late send is charged', async () => {
    const delay = 20;
    const { url } = await serve((_request, res) => after(delay, () => reply(res, 200, {})));
    let first = true;
    // The first draw blocks the generator for 200 ms: requests due meanwhile go out late, and the
    // first one itself leaves 200 ms after it was due. Timed from sending, the maximum would be ~delay.
    const next = (): HttpCall => {
      if (first) {
        first = false;
        const until = performance.now() + 200;
        while (performance.now() < until) {
          // busy: the event loop is held, as a slow generator would hold it
        }
      }
      return { method: 'GET', path: '/' };
    };
    const result = await paced(url, { rate: 20, seconds: 0.5, connections: 10, next, failed: notOk });
    expect(result.sent).toBeGreaterThanOrEqual(8);
    expect(result.sent).toBeLessThanOrEqual(12);
    expect(result.completed).toBe(result.sent);
    // With ~10 answers p99 is the slowest one: the first request, due at 0, sent at ~200 ms.
    expect(result.latencyP99).toBeGreaterThanOrEqual(200 + delay);
  });

  it('charges queueing to a peer that falls behind (one connection, answers slower than the rate)', async () => {
    const delay = 100;
    const { url } = await serve((_request, res) => after(delay, () => reply(res, 200, {})));
    // 6 requests due 50 ms apart, answered one at a time 100 ms each: request k waits ~50·k ms in the
    // queue (latencies ~100, 150, … 350 ms), so the median is well above the answer time.
    const result = await paced(url, { rate: 20, seconds: 0.3, connections: 1, next: () => ({ method: 'GET', path: '/' }), failed: notOk });
    expect(result.sent).toBeGreaterThanOrEqual(5);
    expect(result.sent).toBeLessThanOrEqual(7);
    expect(result.completed).toBe(result.sent);
    expect(result.latencyP50).toBeGreaterThanOrEqual(delay + 100);
  });
});
