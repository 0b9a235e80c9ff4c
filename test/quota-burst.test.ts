import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

// Issue 12, point 3: the quota as the vendor counts it. 400 concurrent reads of Dialpad accounts on a
// gateway whose event loop is kept busy (so calls leave late and answers are read late), each read
// fresh (`no-cache`: no coalescing, no cache: 400 calls wanted), with a 3 s deadline. Dialpad's own
// request log gives the arrival times.

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ REQUEST_DEADLINE_MS: '3000' });
});
afterAll(() => app.close());

/** Blocks the event loop for `busyMs` out of every `everyMs`, like a gateway under CPU load. */
function loadEventLoop(busyMs: number, everyMs: number): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + busyMs;
    while (performance.now() < until);
  }, everyMs);
  return () => clearInterval(timer);
}

describe('Dialpad quota under a burst on a loaded gateway', () => {
  it('never lets more than 20 calls arrive in any second, and answers every read or RATE_LIMITED naming Dialpad', async () => {
    const page = (await (await fetch(`${app.simulators.dialpad.url}/api/v2/users?state=all&limit=100`, { headers: { authorization: 'Bearer sandbox-dialpad-key' } })).json()) as { items: { id: string }[] };
    const ids = page.items.map((user) => String(user.id));
    // The simulator enforces 20/s too: a 21st call in a second would be a 429 in its log.
    Object.assign(app.simulators.dialpad.app.settings, { perSecond: 20, perMinute: 1200 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    app.simulators.dialpad.clearRecords();
    const stop = loadEventLoop(40, 60);
    let answers;
    try {
      answers = await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          app.graphql<{ u: { vendorUserId: string } | null }>('query ($id: String!) { u: userByVendorId(vendor: DIALPAD, vendorUserId: $id) { vendorUserId } }', { id: ids[i % ids.length] }, { 'cache-control': 'no-cache' }),
        ),
      );
    } finally {
      stop();
    }
    const log = app.simulators.dialpad.requests().entries.filter((entry) => entry.url.startsWith('/api/v2/users/'));
    const arrivals = log.map((entry) => entry.at).sort((a, b) => a - b);
    const worst = Math.max(...arrivals.map((start) => arrivals.filter((at) => at >= start && at < start + 1000).length));
    expect(worst).toBeLessThanOrEqual(20);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    const answered = answers.filter((answer) => answer.data?.u?.vendorUserId !== undefined);
    const refused = answers.filter((answer) => answer.data?.u?.vendorUserId === undefined);
    // Every failure is coded and names the vendor: RATE_LIMITED when the quota wait could not fit the
    // deadline, VENDOR_UNAVAILABLE when the deadline ended a call already sent; never an abort or an
    // internal error.
    const errors = refused.flatMap((answer) => answer.errors ?? []);
    expect(errors.filter((error) => !['RATE_LIMITED', 'VENDOR_UNAVAILABLE'].includes(String(error.extensions?.code)) || error.extensions?.vendor !== 'DIALPAD')).toEqual([]);
    expect(errors.some((error) => error.extensions?.code === 'RATE_LIMITED')).toBe(true);
    expect(refused.every((answer) => (answer.errors ?? []).length > 0)).toBe(true);
    expect(answered.length).toBeLessThanOrEqual(log.filter((entry) => entry.status === 200).length);
    expect(answered.length).toBeGreaterThan(0);
    console.info(`quota burst: ${log.length} calls reached Dialpad, worst second ${worst}, ${answered.length} of 400 answered`);
  }, 60_000);
});
