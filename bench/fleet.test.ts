/** The vendor's worst second, as the quota workload reads it from a simulator's arrival log. */
import { describe, expect, it } from 'vitest';
import { worstSecond } from './fleet.js';

describe('worstSecond', () => {
  it('counts the most arrivals inside any one-second window, not per calendar second', () => {
    // 10 at 900–990 ms and 10 at 1,000–1,090 ms: two calendar seconds of 10, one sliding second of 20.
    const arrivals = [...Array.from({ length: 10 }, (_, i) => 900 + i * 10), ...Array.from({ length: 10 }, (_, i) => 1000 + i * 10)];
    expect(worstSecond(arrivals, 0, 5000)).toBe(20);
  });

  it('keeps arrivals a full second apart in different windows', () => {
    expect(worstSecond([0, 1000, 2000, 3000], 0, 5000)).toBe(1);
    expect(worstSecond([0, 999, 2000], 0, 5000)).toBe(2);
  });

  it('counts only arrivals between from and to, in any order', () => {
    expect(worstSecond([5000, 100, 200, 5100, 300], 0, 1000)).toBe(3);
    expect(worstSecond([5000, 100], 2000, 3000)).toBe(0);
    expect(worstSecond([], 0, 1000)).toBe(0);
  });
});
