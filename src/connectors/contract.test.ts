import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../errors.js';
import { createUpstreamPolicy } from '../resilience/policy.js';
import type { Simulator } from '../simulator/create-simulator.js';
import { SIMULATOR_FACTORIES } from '../simulator/start.js';
import { createConnector, SANDBOX_CREDENTIALS, type ConnectorOptions } from './registry.js';
import { VENDOR_IDS, type CanonicalUser, type UserConnector, type UserSlot, type VendorId } from './types.js';

// One contract for every connector, against its simulator over real HTTP: what keeps them uniform.

/** An id in the vendor's own format that the seed never issues, and one that no vendor could. */
const UNKNOWN_ID: Record<VendorId, string> = {
  rinkel: 'ffffffffffffffffffffffff',
  dialpad: '1000000000000000001',
  imichat: '999999999',
  commpeak: '999999999',
};
const HOSTILE_ID = '../admin?x=1';

const codeOf = (slot: UserSlot | undefined) => (slot instanceof UpstreamError ? [slot.code, slot.httpStatus] : slot);
const isUser = (slot: UserSlot | undefined): slot is CanonicalUser => slot !== undefined && !(slot instanceof Error);

describe.each(VENDOR_IDS)('%s connector contract', (vendor) => {
  let sim: Simulator;
  let connector: UserConnector;
  let ids: string[] = [];
  const connect = (overrides: Partial<ConnectorOptions<typeof vendor>> = {}) =>
    createConnector(vendor, { baseUrl: sim.url ?? '', timeoutMs: 1000, concurrency: 4, ...SANDBOX_CREDENTIALS[vendor], ...overrides } as never);
  const usersPathCalls = () => sim.requests().entries.filter((entry) => !entry.url.startsWith('/authorize')).map((entry) => `${entry.method} ${entry.url}`);

  beforeAll(async () => {
    sim = SIMULATOR_FACTORIES[vendor]({ seed: 11, users: 60 });
    // Dialpad's 20 req/s is the connector's to respect (outbound quotas), not this contract's subject.
    if ('perSecond' in sim.app.settings) Object.assign(sim.app.settings, { perSecond: null, perMinute: null });
    await sim.listen();
    connector = connect();
    ids = (await connector.listAllUsers()).map((user) => user.vendorUserId);
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.clearRecords();
  });

  it('reads the whole directory once, every user once', async () => {
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
  });

  it('gets a batch with one GET per valid id; unknown and impossible ids fail in their own slots', async () => {
    const [a = '', b = ''] = ids;
    const slots = await connector.getUsers([a, UNKNOWN_ID[vendor], HOSTILE_ID, b]);
    expect(isUser(slots[0]) && slots[0].vendorUserId).toBe(a);
    expect(codeOf(slots[1])).toEqual(['NOT_FOUND', 404]);
    expect(codeOf(slots[2])).toEqual(['NOT_FOUND', null]);
    expect(isUser(slots[3]) && slots[3].vendorUserId).toBe(b);
    const gets = usersPathCalls();
    expect(gets).toHaveLength(3);
    expect(gets.some((call) => call.includes('admin'))).toBe(false);
  });

  it('sends nothing for a request that is already over, and says it was cancelled, not that the vendor failed', async () => {
    await connector.getUsers(ids.slice(0, 1)); // IMIchat signs in first; that call is not the point
    sim.clearRecords();
    const over = new AbortController();
    over.abort(new Error('client left'));
    const slots = await connector.getUsers(ids.slice(0, 3), over.signal);
    expect(slots.map((slot) => slot instanceof UpstreamError && slot.cancelled)).toEqual([true, true, true]);
    expect(usersPathCalls()).toEqual([]);
  });

  it('stops waiting when the request ends mid-call, but lets the call finish on its pooled connection', async () => {
    await connector.getUsers(ids.slice(0, 1)); // a warm connection (and IMIchat's sign-in)
    const opened = sim.connections().opened;
    sim.faults.set([{ kind: 'latency', ms: 150 }]);
    const request = new AbortController();
    setTimeout(() => request.abort(new Error('client left')), 30);
    const started = Date.now();
    const [slot] = await connector.getUsers(ids.slice(0, 1), request.signal);
    expect(Date.now() - started).toBeLessThan(140);
    expect(slot instanceof UpstreamError && slot.cancelled).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the abandoned call completes
    sim.faults.clear();
    expect(isUser((await connector.getUsers(ids.slice(0, 1)))[0])).toBe(true);
    expect(sim.connections().opened).toBe(opened);
  });

  it('decodes the canonical fields every vendor has', async () => {
    const [slot] = await connector.getUsers([ids[0] ?? '']);
    expect(isUser(slot)).toBe(true);
    const user = slot as CanonicalUser;
    expect(user.vendor).toBe(vendor);
    expect(user.details.vendor).toBe(vendor);
    expect(user.status).toMatch(/^(ACTIVE|INACTIVE|SUSPENDED|PENDING|DELETED)$/);
    expect(user.email).toMatch(/@/);
    expect(user.emails[0]).toBe(user.email);
    expect(connector.readableFields).toContain('email');
  });

  it('retries a read that met one 503 or reset, and the caller sees the user', async () => {
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'reset' }] as const) {
      sim.clearRecords();
      sim.faults.set([{ ...fault, times: 1, match: { methods: ['GET'] } }]);
      const [slot] = await connector.getUsers([ids[2] ?? '']);
      expect(isUser(slot)).toBe(true);
      expect(usersPathCalls()).toHaveLength(2);
    }
  });

  it.each([
    ['an injected 503', { kind: 'status', status: 503 }, ['VENDOR_UNAVAILABLE', 503]],
    ['an injected 500', { kind: 'status', status: 500 }, ['VENDOR_ERROR', 500]],
    ['a 429', { kind: 'rate-limit', retryAfterSeconds: 7 }, ['RATE_LIMITED', 429]],
    ['malformed JSON', { kind: 'malformed-json' }, ['BAD_VENDOR_RESPONSE', 200]],
    ['a truncated body', { kind: 'truncated-body' }, ['BAD_VENDOR_RESPONSE', 200]],
    ['a connection reset', { kind: 'reset' }, ['VENDOR_UNAVAILABLE', null]],
    ['a hang past the timeout', { kind: 'hang' }, ['VENDOR_UNAVAILABLE', null]],
  ] as const)('reports %s as %j for that slot only', async (_, fault, expected) => {
    // Retries are off here: this is about how each failure is reported, not whether it is retried.
    const short = connect({ timeoutMs: 300, policy: createUpstreamPolicy({ vendor, retry: { maxAttempts: 1 } }) });
    await short.ping();
    sim.faults.set([{ ...fault, times: 1, match: { methods: ['GET'] } }]);
    const [failed, fine] = await short.getUsers([ids[0] ?? '', ids[1] ?? '']);
    await short.close();
    // Which of the two parallel GETs the fault hits is a race; exactly one must fail, the other succeed.
    const slots = [failed, fine];
    expect(slots.filter(isUser)).toHaveLength(1);
    const error = slots.find((slot) => !isUser(slot));
    expect(codeOf(error)).toEqual(expected);
    if (fault.kind === 'rate-limit') expect((error as UpstreamError).retryAfterSeconds).toBe(7);
  });

  it('refuses wrong credentials as VENDOR_ERROR without leaking them', async () => {
    const wrong = { rinkel: { apiKey: 'nope' }, dialpad: { apiKey: 'nope' }, imichat: { apiKey: 'nope' }, commpeak: { password: 'nope' } }[vendor];
    const bad = connect(wrong);
    const [slot] = await bad.getUsers([ids[0] ?? '']);
    await bad.close();
    expect(slot).toBeInstanceOf(UpstreamError);
    expect((slot as UpstreamError).code).toBe('VENDOR_ERROR');
    expect(JSON.stringify((slot as UpstreamError).toJSON())).not.toContain('nope');
  });

  it('reuses keep-alive connections instead of opening one per call', async () => {
    const opened = sim.connections().opened;
    await connector.getUsers(ids.slice(0, 40));
    expect(sim.connections().opened - opened).toBeLessThanOrEqual(4);
  });

  it('never has more calls in flight than its concurrency cap', async () => {
    sim.faults.set([{ kind: 'latency', ms: 30 }]);
    const capped = connect({ concurrency: 2 });
    const started = sim.connections().opened;
    await capped.getUsers(ids.slice(0, 12));
    await capped.close();
    expect(sim.connections().opened - started).toBeLessThanOrEqual(2);
  });
});
