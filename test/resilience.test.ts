import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { calls, startTestApp, type TestApp } from './support/app.js';

// Deadlines, retries, breakers, quotas and metrics, over real HTTP against the simulators.

async function idsOf(app: TestApp, vendor: VendorId, count: number): Promise<string[]> {
  const { data } = await app.graphql<{ users: { edges: { node: { id: string } }[] } }>(`{ users(first: ${count}, filter: { vendors: [${vendor.toUpperCase()}] }) { edges { node { id } } } }`);
  for (const each of VENDOR_IDS) app.simulators[each].clearRecords();
  return data?.users.edges.map((edge) => edge.node.id) ?? [];
}

describe('with the default settings', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Half-open after 1.5 s: long enough that "while open" below still holds on a loaded CI machine.
    app = await startTestApp({ BREAKER_HALF_OPEN_MS: '1500', REQUEST_DEADLINE_MS: '20000' });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  it('retries a read once after a 503 with Retry-After: 1, and the read succeeds', async () => {
    const [id = ''] = await idsOf(app, 'commpeak', 1);
    app.simulators.commpeak.faults.set([{ kind: 'status', status: 503, retryAfterSeconds: 1, times: 1 }]);
    const { data, errors } = await app.graphql<{ user: { id: string } }>(`{ user(id: "${id}") { id } }`);
    expect(errors).toBeUndefined();
    expect(data?.user.id).toBe(id);
    const gets = calls(app.simulators, 'commpeak');
    expect(gets).toHaveLength(2);
    const [first, second] = app.simulators.commpeak.requests().entries;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('keeps 300 concurrent Dialpad reads under 20 per second, queueing instead of collecting 429s', async () => {
    const ids = await idsOf(app, 'dialpad', 100);
    Object.assign(app.simulators.dialpad.app.settings, { perSecond: 20, perMinute: 1200 });
    // The listing above spent part of this second's quota; start from a quiet second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    app.simulators.dialpad.clearRecords();
    const responses = await Promise.all(Array.from({ length: 300 }, (_, i) => app.graphql<{ user: { id: string } | null }>(`{ user(id: "${ids[i % ids.length]}") { id } }`)));
    const log = app.simulators.dialpad.requests().entries;
    // Concurrent reads of one account share a call (coalescing), so at most one call per read.
    expect(log.length).toBeGreaterThanOrEqual(ids.length);
    expect(log.length).toBeLessThanOrEqual(300);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    const busiest = Math.max(...log.map((entry) => log.filter((other) => other.at >= entry.at && other.at < entry.at + 1000).length));
    expect(busiest).toBeLessThanOrEqual(20);
    expect(responses.filter((response) => response.data?.user === null)).toEqual([]);
  }, 40_000);

  it('opens the circuit for a failing vendor, says so in vendors and in the body of a 200 /readyz, and probes it closed in the background once the vendor recovers', async () => {
    const ids = await idsOf(app, 'dialpad', 20);
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    for (const id of ids) await app.graphql(`{ user(id: "${id}") { id } }`);
    const open = await app.graphql<{ vendors: { vendor: string; circuit: string; health: string }[] }>('{ vendors { vendor circuit health } }');
    expect(open.data?.vendors.find((v) => v.vendor === 'DIALPAD')).toEqual({ vendor: 'DIALPAD', circuit: 'OPEN', health: 'DOWN' });
    expect(open.data?.vendors.filter((v) => v.vendor !== 'DIALPAD').map((v) => v.circuit)).toEqual(['CLOSED', 'CLOSED', 'CLOSED']);
    // Readiness is about this process: one vendor down is in the body, never a 503.
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', vendors: { dialpad: { health: 'DOWN', circuit: 'OPEN' } } });

    // While open, client calls fail fast: Dialpad sees none of them (only background probes, on the list route).
    app.simulators.dialpad.clearRecords();
    const fast = await app.graphql(`{ user(id: "${ids[0]}") { id } }`);
    expect(fast.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'DIALPAD', httpStatus: null });
    expect(app.simulators.dialpad.requests().entries.filter((entry) => entry.url.startsWith('/api/v2/users/'))).toEqual([]);

    app.simulators.dialpad.faults.clear();
    // No client traffic: the background probe (every BREAKER_HALF_OPEN_MS, 1.5 s) closes the circuit.
    // Generous bound for a loaded machine; the point is that it closes without a client read.
    let circuit = 'OPEN';
    for (let i = 0; i < 100 && circuit !== 'CLOSED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const state = await app.graphql<{ vendors: { vendor: string; circuit: string }[] }>('{ vendors { vendor circuit } }');
      circuit = state.data?.vendors.find((v) => v.vendor === 'DIALPAD')?.circuit ?? 'OPEN';
    }
    expect(circuit).toBe('CLOSED');
    expect(app.simulators.dialpad.requests().entries.some((entry) => entry.url.startsWith('/api/v2/users?'))).toBe(true);
    const after = await app.graphql<{ user: { id: string } | null }>(`{ user(id: "${ids[1]}") { id } }`);
    expect(after.data?.user?.id).toBe(ids[1]);
  });

  it("reports IMIchat's remaining daily quota from its Rate-Limit headers", async () => {
    await idsOf(app, 'imichat', 3);
    const { data } = await app.graphql<{ vendors: { vendor: string; quota: { limit: number; remaining: number; resetsAt: string } | null }[] }>('{ vendors { vendor quota { limit remaining resetsAt } } }');
    const imichat = data?.vendors.find((v) => v.vendor === 'IMICHAT')?.quota;
    expect(imichat?.limit).toBe(10_000);
    expect(imichat?.remaining).toBeLessThan(10_000);
    expect(Date.parse(imichat?.resetsAt ?? '')).toBeGreaterThan(Date.now());
    expect(data?.vendors.find((v) => v.vendor === 'RINKEL')?.quota).toBeNull();
  });

  it('exposes upstream calls, latency, retries, breaker state, quota waits and idempotent replays at /metrics', async () => {
    const [id = ''] = await idsOf(app, 'commpeak', 1);
    app.simulators.commpeak.faults.set([{ kind: 'status', status: 502, times: 1 }]);
    await app.graphql(`{ user(id: "${id}") { id } }`);
    const mutation = 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }';
    const input = { id, firstName: 'Metric', idempotencyKey: 'metrics-1' };
    await app.graphql(mutation, { input });
    await app.graphql(mutation, { input });
    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/switchboard_upstream_requests_total\{vendor="commpeak",route="GET \/api\/users\/\{id\}",status="502"\} 1/);
    expect(text).toMatch(/switchboard_upstream_requests_total\{vendor="commpeak",route="PUT \/api\/users\/\{id\}",status="200"\} 1/);
    expect(text).toMatch(/switchboard_upstream_request_duration_seconds_bucket\{le="0\.005",vendor="commpeak",route="GET \/api\/users\/\{id\}"\}/);
    expect(text).toMatch(/switchboard_upstream_retries_total\{vendor="commpeak",reason="502"\} 1/);
    expect(text).toMatch(/switchboard_circuit_breaker_state\{vendor="dialpad"\} 0/);
    expect(text).toMatch(/switchboard_quota_wait_seconds_count\{vendor="dialpad"\} \d+/);
    expect(text).toMatch(/switchboard_idempotent_replays_total\{operation="updateUser"\} 1/);
    expect(text).not.toMatch(/sandbox-|password/i);
  });
});

describe('with a short request deadline', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ REQUEST_DEADLINE_MS: '1500', DIALPAD_TIMEOUT_MS: '10000' });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  it("answers within the deadline when a vendor hangs, with the other vendors' data intact", async () => {
    const ids = await Promise.all(VENDOR_IDS.map(async (vendor) => (await idsOf(app, vendor, 1))[0]));
    app.simulators.dialpad.faults.set([{ kind: 'hang' }]);
    const started = performance.now();
    const { data, errors } = await app.graphql<Record<string, { id: string } | null>>(`{ ${VENDOR_IDS.map((vendor, i) => `${vendor}: user(id: "${ids[i]}") { id }`).join(' ')} }`);
    expect(performance.now() - started).toBeLessThan(1500 + 500);
    expect(data).toEqual({ rinkel: { id: ids[0] }, dialpad: null, imichat: { id: ids[2] }, commpeak: { id: ids[3] } });
    expect(errors?.[0]).toMatchObject({ path: ['dialpad'], extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'DIALPAD', httpStatus: null } });
  });
});
