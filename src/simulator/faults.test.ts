import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFaultController } from './faults.js';
import { createRandom } from './random.js';

describe('fault plans', () => {
  it('adds every matching latency and lets only the first firing fault decide', () => {
    const faults = createFaultController(createRandom(1));
    faults.set([
      { kind: 'latency', ms: 20 },
      { kind: 'latency', ms: 5 },
      { kind: 'status', status: 503 },
      { kind: 'hang' },
    ]);
    const plan = faults.plan('GET', '/users/1');
    expect(plan.delayMs).toBe(25);
    expect(plan.fault).toMatchObject({ kind: 'status', status: 503 });
  });

  it('spends `times` only on the rule that fired, then goes inert', () => {
    const faults = createFaultController(createRandom(1));
    faults.set([{ kind: 'status', status: 503, times: 2 }, { kind: 'reset', times: 1 }]);
    const kinds = Array.from({ length: 4 }, () => faults.plan('GET', '/x').fault?.kind ?? 'none');
    expect(kinds).toEqual(['status', 'status', 'reset', 'none']);
    expect(faults.list()).toMatchObject([{ kind: 'status', times: 0 }, { kind: 'reset', times: 0 }]);
  });

  it('matches on method and path prefix', () => {
    const faults = createFaultController(createRandom(1));
    faults.set([{ kind: 'reset', when: 'after', match: { methods: ['put', 'PATCH'], pathPrefix: '/api/users' } }]);
    expect(faults.plan('GET', '/api/users/1').fault).toBeUndefined();
    expect(faults.plan('PUT', '/authorize').fault).toBeUndefined();
    expect(faults.plan('PUT', '/api/users/1').fault).toMatchObject({ kind: 'reset', when: 'after' });
  });

  it('fires a share of requests close to its probability, the same way for the same seed', () => {
    const draw = (seed: number) => {
      const faults = createFaultController(createRandom(seed));
      faults.set([{ kind: 'status', status: 500, probability: 0.3 }]);
      return Array.from({ length: 2000 }, () => (faults.plan('GET', '/').fault ? 1 : 0));
    };
    const fired = draw(42).reduce<number>((sum, hit) => sum + hit, 0);
    expect(fired / 2000).toBeGreaterThan(0.26);
    expect(fired / 2000).toBeLessThan(0.34);
    expect(draw(42)).toEqual(draw(42));
  });

  it('draws log-normal latency with the requested median and a long tail', () => {
    const faults = createFaultController(createRandom(3));
    faults.set([{ kind: 'latency', ms: 30, jitterMs: 60, distribution: 'lognormal' }]);
    const delays = Array.from({ length: 4000 }, () => faults.plan('GET', '/').delayMs).sort((a, b) => a - b);
    expect(delays[2000]).toBeGreaterThan(27);
    expect(delays[2000]).toBeLessThan(33);
    expect(delays[3960]).toBeGreaterThan(75);
    expect(delays[3960]).toBeLessThan(110);
  });

  it('rejects a bad rule naming the field, and keeps the old rules', () => {
    const faults = createFaultController(createRandom(1));
    faults.set([{ kind: 'hang' }]);
    expect(() => faults.set([{ kind: 'status', status: 404 } as never])).toThrow(z.ZodError);
    expect(() => faults.add({ kind: 'explode' } as never)).toThrow(z.ZodError);
    expect(faults.list()).toEqual([{ kind: 'hang', probability: 1, match: {} }]);
  });
});
