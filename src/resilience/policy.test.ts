import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../errors.js';
import { withDeadline } from './deadline.js';
import { createUpstreamPolicy } from './policy.js';
import { createQuotaGate } from './quota.js';
import { createMemoryQuotaStore } from '../stores/quota/memory.js';

/** A scripted vendor: each attempt takes the next answer (a status, or a transport failure). */
function script(...answers: (number | 'reset' | 'refused')[]) {
  let calls = 0;
  const attempt = async () => {
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer === 'reset') throw new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'rinkel', httpStatus: null, delivery: 'dropped' });
    if (answer === 'refused') throw new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'rinkel', httpStatus: null, delivery: 'not-sent' });
    return { status: answer as number, retryAfterSeconds: answer === 429 ? 0 : null };
  };
  return { attempt, calls: () => calls };
}

const fast = { baseDelayMs: 1, maxDelayMs: 2 };

describe('upstream policy: retries', () => {
  it.each([[503], [502], [504], [429], ['reset'], ['refused']] as const)('retries a read after %s and returns the success', async (first) => {
    const vendor = script(first, 200);
    const policy = createUpstreamPolicy({ vendor: 'rinkel', retry: fast });
    expect(await policy.run({ route: 'GET /users/{id}', retry: true }, vendor.attempt)).toMatchObject({ status: 200 });
    expect(vendor.calls()).toBe(2);
  });

  it('never repeats a write, and does not retry 500 or 404', async () => {
    for (const [answer, retry] of [[503, false], [500, true], [404, true]] as const) {
      const vendor = script(answer, 200);
      const result = await createUpstreamPolicy({ vendor: 'rinkel', retry: fast }).run({ route: 'PATCH /users/{id}', retry }, vendor.attempt);
      expect([result.status, vendor.calls()]).toEqual([answer, 1]);
    }
  });

  it('stops after maxAttempts and hands back the last answer', async () => {
    const vendor = script(503);
    const result = await createUpstreamPolicy({ vendor: 'rinkel', retry: { ...fast, maxAttempts: 4 } }).run({ route: 'GET /users', retry: true }, vendor.attempt);
    expect([result.status, vendor.calls()]).toEqual([503, 4]);
  });

  it('does not wait out a Retry-After longer than the cap, or one that would pass the deadline', async () => {
    const long = { attempt: async () => ({ status: 429, retryAfterSeconds: 3 }) };
    let calls = 0;
    const counted = async () => {
      calls++;
      return long.attempt();
    };
    await createUpstreamPolicy({ vendor: 'rinkel', retry: { maxRetryAfterMs: 2000 } }).run({ route: 'GET /users', retry: true }, counted);
    expect(calls).toBe(1);
    const tight = { attempt: async () => ({ status: 503, retryAfterSeconds: 1 }) };
    let tightCalls = 0;
    await createUpstreamPolicy({ vendor: 'rinkel' }).run({ route: 'GET /users', retry: true, signal: withDeadline(500) }, async () => {
      tightCalls++;
      return tight.attempt();
    });
    expect(tightCalls).toBe(1);
  });

  it('spends no more retries than the budget allows', async () => {
    const policy = createUpstreamPolicy({ vendor: 'rinkel', retry: { ...fast, budgetRatio: 0, budgetFloor: 2, maxAttempts: 5 } });
    const vendor = script(503);
    await policy.run({ route: 'GET /users', retry: true }, vendor.attempt);
    expect(vendor.calls()).toBe(3);
    const next = script(503);
    await policy.run({ route: 'GET /users', retry: true }, next.attempt);
    expect(next.calls()).toBe(1);
  });
});

describe('upstream policy: circuit breaker', () => {
  it('opens on a failure rate, fails fast without calling the vendor, and probes again after a while', async () => {
    const policy = createUpstreamPolicy({ vendor: 'dialpad', retry: { maxAttempts: 1 }, breaker: { threshold: 0.5, windowMs: 1000, minimumRps: 1, halfOpenAfterMs: 50 } });
    const down = script(503);
    for (let i = 0; i < 20 && policy.breakerState() === 'CLOSED'; i++) await policy.run({ route: 'GET /users', retry: true }, down.attempt);
    expect(policy.breakerState()).toBe('OPEN');
    expect(down.calls()).toBeLessThan(20);
    const before = down.calls();
    await expect(policy.run({ route: 'GET /users', retry: true }, down.attempt)).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', delivery: 'not-sent' });
    expect(down.calls()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const up = script(200);
    expect(await policy.run({ route: 'GET /users', retry: true }, up.attempt)).toMatchObject({ status: 200 });
    expect(policy.breakerState()).toBe('CLOSED');
  });

  it('is not opened by answers that show a working vendor (404, 429)', async () => {
    const policy = createUpstreamPolicy({ vendor: 'dialpad', retry: { maxAttempts: 1 }, breaker: { threshold: 0.1, windowMs: 1000, minimumRps: 1 } });
    for (let i = 0; i < 10; i++) await policy.run({ route: 'GET /users/{id}', retry: true }, script(i % 2 ? 404 : 429).attempt);
    expect(policy.breakerState()).toBe('CLOSED');
  });

  it('is not opened by calls the caller cancelled (its client left, its deadline passed), but is by real timeouts', async () => {
    const breaker = { threshold: 0.5, windowMs: 1000, minimumRps: 1 };
    const failing = (cancelled: boolean) => async () => {
      throw new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'rinkel', httpStatus: null, delivery: 'timeout', cancelled });
    };
    const spared = createUpstreamPolicy({ vendor: 'rinkel', retry: { maxAttempts: 1 }, breaker });
    for (let i = 0; i < 20; i++) await spared.run({ route: 'GET /users/{id}', retry: true }, failing(true)).catch(() => undefined);
    expect(spared.breakerState()).toBe('CLOSED');
    const tripped = createUpstreamPolicy({ vendor: 'rinkel', retry: { maxAttempts: 1 }, breaker });
    for (let i = 0; i < 20; i++) await tripped.run({ route: 'GET /users/{id}', retry: true }, failing(false)).catch(() => undefined);
    expect(tripped.breakerState()).toBe('OPEN');
  });
});

describe('upstream policy: quota', () => {
  it('fails fast with RATE_LIMITED, without calling, when the quota wait would pass the deadline', async () => {
    const store = createMemoryQuotaStore();
    const policy = createUpstreamPolicy({ vendor: 'dialpad', quota: createQuotaGate({ vendor: 'dialpad', key: 'dialpad:a', store, limits: [{ limit: 1, windowMs: 60_000 }], leaseMs: 5000 }) });
    const vendor = script(200);
    await policy.run({ route: 'GET /users', retry: true }, vendor.attempt);
    await expect(policy.run({ route: 'GET /users', retry: true, signal: withDeadline(1000) }, vendor.attempt)).rejects.toMatchObject({ code: 'RATE_LIMITED', delivery: 'not-sent', retryAfterSeconds: 61 });
    expect(vendor.calls()).toBe(1);
  });

  it('pauses every call under the credential for the Retry-After of a 429', async () => {
    const store = createMemoryQuotaStore();
    const gate = () => createQuotaGate({ vendor: 'dialpad', key: 'dialpad:a', store, limits: [{ limit: 100, windowMs: 1000 }], leaseMs: 5000 });
    const policy = createUpstreamPolicy({ vendor: 'dialpad', retry: { maxAttempts: 1 }, quota: gate() });
    const limited = async () => ({ status: 429, retryAfterSeconds: 30 });
    expect((await policy.run({ route: 'GET /users', retry: true }, limited)).status).toBe(429);
    // Another policy (another replica, with Redis) on the same credential is paused too; another credential is not.
    const other = createUpstreamPolicy({ vendor: 'dialpad', quota: gate() });
    const vendor = script(200);
    await expect(other.run({ route: 'GET /users', retry: true, signal: withDeadline(1000) }, vendor.attempt)).rejects.toMatchObject({ code: 'RATE_LIMITED', vendor: 'dialpad' });
    expect(vendor.calls()).toBe(0);
    const elsewhere = createUpstreamPolicy({ vendor: 'dialpad', quota: createQuotaGate({ vendor: 'dialpad', key: 'dialpad:b', store, limits: [{ limit: 100, windowMs: 1000 }], leaseMs: 5000 }) });
    expect((await elsewhere.run({ route: 'GET /users', retry: true }, vendor.attempt)).status).toBe(200);
  });
});
