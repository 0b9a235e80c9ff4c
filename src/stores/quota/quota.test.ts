import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuotaGate, parseQuotaLimits } from '../../resilience/quota.js';
import { sleep } from '../../resilience/deadline.js';
import { startTestRedis, type TestRedis } from '../testing.js';
import { createFailoverQuotaStore } from './failover.js';
import type { QuotaStore } from './index.js';
import { createMemoryQuotaStore } from './memory.js';
import { createRedisQuotaStore } from './redis.js';

let redis: TestRedis;
let clients: Redis[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis.stop();
});

function redisClient(): Redis {
  const client = new Redis(redis.url, { keyPrefix: `t${Math.random().toString(36).slice(2)}:`, maxRetriesPerRequest: 0 });
  clients.push(client);
  return client;
}

/** Two stores that must share one quota: one process twice, or two replicas on one Redis. */
const backends: [string, () => [QuotaStore, QuotaStore]][] = [
  ['memory', () => {
    const store = createMemoryQuotaStore();
    return [store, store];
  }],
  ['redis', () => {
    const client = redisClient();
    const second = new Redis(redis.url, { keyPrefix: client.options.keyPrefix, maxRetriesPerRequest: 0 });
    clients.push(second);
    return [createRedisQuotaStore(client), createRedisQuotaStore(second)];
  }],
];

describe.each(backends)('quota store (%s)', (_, make) => {
  it('grants up to the limit, then says how long until a slot frees; in-flight slots hold their place', async () => {
    const [a, b] = make();
    const limits = [{ limit: 3, windowMs: 60_000 }];
    const grants = [await a.acquire('k', limits, 30_000), await b.acquire('k', limits, 30_000), await a.acquire('k', limits, 30_000)];
    expect(grants.every((grant) => grant.granted)).toBe(true);
    const refused = await b.acquire('k', limits, 30_000);
    expect(refused.granted).toBe(false);
    // Still in flight: a slot ends no earlier than now, so room is at least a whole window away.
    expect(refused.granted === false && refused.waitMs).toBeGreaterThan(59_000);
    expect((await a.acquire('other', limits, 30_000)).granted).toBe(true);
  });

  it('gives a slot back when its call was never sent, and keeps a settled one for a window after its end', async () => {
    const [a, b] = make();
    const limits = [{ limit: 1, windowMs: 300 }];
    const first = await a.acquire('k', limits, 30_000);
    if (!first.granted) throw new Error('expected a slot');
    await b.release('k', first.slot);
    const second = await b.acquire('k', limits, 30_000);
    if (!second.granted) throw new Error('expected the slot given back');
    await a.settle('k', second.slot);
    const third = await a.acquire('k', limits, 30_000);
    expect(third.granted).toBe(false);
    expect(third.granted === false && third.waitMs).toBeLessThanOrEqual(300);
    await sleep(350);
    expect((await b.acquire('k', limits, 30_000)).granted).toBe(true);
  });

  it('is paused for every caller of the key by a 429', async () => {
    const [a, b] = make();
    const limits = [{ limit: 100, windowMs: 1000 }];
    await a.pause('k', 10_000);
    const refused = await b.acquire('k', limits, 30_000);
    expect(refused.granted).toBe(false);
    expect(refused.granted === false && refused.waitMs).toBeGreaterThan(9000);
    expect((await b.acquire('k2', limits, 30_000)).granted).toBe(true);
  });

  it('keeps the limit by arrival: however late calls arrive and answer, no window holds more than the limit', async () => {
    const [a, b] = make();
    const limits = [{ limit: 5, windowMs: 200 }];
    const arrivals: number[] = [];
    // Two "replicas" with their own queues, 60 calls: each arrives at a random point after dispatch
    // and answers a random time after arriving, as a loaded gateway and a slow vendor would.
    const gates = [a, b].map((store, i) => createQuotaGate({ vendor: 'dialpad', key: 'k', store, limits, leaseMs: 5000, pollMs: 5 + i }));
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const ticket = await (gates[i % 2] as (typeof gates)[number]).take();
        await sleep(Math.random() * 40);
        arrivals.push(performance.now());
        await sleep(Math.random() * 40);
        ticket.ended();
      }),
    );
    arrivals.sort((x, y) => x - y);
    const worst = Math.max(...arrivals.map((start) => arrivals.filter((at) => at >= start && at < start + 200).length));
    expect(worst).toBeLessThanOrEqual(5);
    expect(arrivals).toHaveLength(60);
  });
});

describe('quota while Redis is away', () => {
  it("falls back to this replica's share of each limit and returns to the shared log", async () => {
    const client = redisClient();
    let up = false;
    const store = createFailoverQuotaStore({ shared: createRedisQuotaStore(client), local: createMemoryQuotaStore(), isUp: () => up, replicas: 3 });
    const limits = [{ limit: 20, windowMs: 60_000 }];
    const local = [];
    for (let i = 0; i < 8; i++) local.push((await store.acquire('k', limits, 5000)).granted);
    // 20 ÷ 3 replicas: 6 each.
    expect(local.filter(Boolean)).toHaveLength(6);
    up = true;
    const shared = await store.acquire('k', limits, 5000);
    expect(shared.granted && shared.slot.startsWith('s:')).toBe(true);
    // The six calls of the outage still count in the shared log, beside the new one.
    expect(await client.zcard('quota:{k}:log')).toBe(7);
    const granted = [];
    for (let i = 0; i < 20; i++) granted.push((await store.acquire('k', limits, 5000)).granted);
    expect(granted.filter(Boolean)).toHaveLength(20 - 7);
  });

  it('still falls back when Redis fails a call it was thought to answer', async () => {
    const store = createFailoverQuotaStore({
      shared: { acquire: () => Promise.reject(new Error('Connection is closed.')), settle: async () => {}, release: async () => {}, pause: async () => {}, adopt: async () => {} },
      local: createMemoryQuotaStore(),
      isUp: () => true,
      replicas: 2,
    });
    const grant = await store.acquire('k', [{ limit: 4, windowMs: 1000 }], 5000);
    expect(grant.granted && grant.slot.startsWith('l:')).toBe(true);
  });
});

describe('rate limit settings', () => {
  it('parses limits, days included, and names a bad one', () => {
    expect(parseQuotaLimits('20/1s, 1200/60s')).toEqual([{ limit: 20, windowMs: 1000 }, { limit: 1200, windowMs: 60_000 }]);
    expect(parseQuotaLimits('10000/1d')).toEqual([{ limit: 10_000, windowMs: 86_400_000 }]);
    expect(parseQuotaLimits('')).toEqual([]);
    expect(() => parseQuotaLimits('20 per second')).toThrow('"20 per second" is not a rate limit like 20/1s, 1200/60s or 10000/1d');
    expect(() => parseQuotaLimits('0/1s')).toThrow('at least 1 call');
  });
});
