import { describe, expect, it } from 'vitest';
import { createMemoryQuotaStore, parseQuotaLimits } from './quota.js';

describe('sliding-window quota', () => {
  it('never lets more than the limit into any window, however the calls bunch up', async () => {
    const store = createMemoryQuotaStore();
    const limits = parseQuotaLimits('20/1s,50/10s');
    const sends: number[] = [];
    let now = 0;
    for (let i = 0; i < 120; i++) {
      sends.push(await store.reserve('dialpad', limits, now));
      now += i % 7 === 0 ? 300 : 3;
    }
    for (const start of sends) {
      expect(sends.filter((at) => at >= start && at < start + 1000).length).toBeLessThanOrEqual(20);
      expect(sends.filter((at) => at >= start && at < start + 10_000).length).toBeLessThanOrEqual(50);
    }
    expect([...sends].sort((a, b) => a - b)).toEqual(sends);
    expect(sends[19]).toBeLessThan(1000);
  });

  it('gives a slot back on cancel', async () => {
    const store = createMemoryQuotaStore();
    const limits = [{ limit: 1, windowMs: 1000 }];
    const first = await store.reserve('k', limits, 0);
    const second = await store.reserve('k', limits, 0);
    expect([first, second]).toEqual([0, 1000]);
    await store.cancel('k', second);
    expect(await store.reserve('k', limits, 10)).toBe(1000);
  });

  it('parses limits and names a bad one', () => {
    expect(parseQuotaLimits('20/1s, 1200/60s')).toEqual([{ limit: 20, windowMs: 1000 }, { limit: 1200, windowMs: 60_000 }]);
    expect(parseQuotaLimits('')).toEqual([]);
    expect(() => parseQuotaLimits('20 per second')).toThrow('"20 per second" is not a rate limit like 20/1s or 1200/60s');
  });
});
