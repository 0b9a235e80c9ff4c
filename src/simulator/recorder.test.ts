import { describe, expect, it } from 'vitest';
import { createRing } from './recorder.js';

describe('createRing', () => {
  it('keeps the newest `capacity` entries in arrival order and counts what fell out', () => {
    const ring = createRing<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.snapshot()).toEqual({ entries: [5, 6, 7], dropped: 4 });
    expect(ring.total()).toBe(7);
  });

  it('is ordered before it fills, and empty after clear', () => {
    const ring = createRing<string>(4);
    ring.push('a');
    ring.push('b');
    expect(ring.snapshot()).toEqual({ entries: ['a', 'b'], dropped: 0 });
    ring.clear();
    expect([ring.snapshot(), ring.total()]).toEqual([{ entries: [], dropped: 0 }, 0]);
    ring.push('c');
    expect(ring.snapshot().entries).toEqual(['c']);
  });
});
