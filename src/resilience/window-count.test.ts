import { describe, expect, it } from 'vitest';
import { createWindowCount } from './window-count.js';

describe('createWindowCount', () => {
  it('counts events of the last window and forgets them slot by slot as time moves on', () => {
    let now = 10_000;
    const window = createWindowCount(1000, { buckets: 10, now: () => now });
    window.add();
    window.add();
    now += 500;
    window.add();
    expect(window.count()).toBe(3);
    now += 500; // the first two are a full window old
    expect(window.count()).toBe(1);
    now += 500;
    expect(window.count()).toBe(0);
  });

  it('forgets everything after a long quiet spell, and starts again from a clear', () => {
    let now = 0;
    const window = createWindowCount(100, { buckets: 4, now: () => now });
    for (let i = 0; i < 50; i++) window.add();
    now += 1_000_000;
    expect(window.count()).toBe(0);
    window.add();
    expect(window.count()).toBe(1);
    window.clear();
    expect(window.count()).toBe(0);
  });
});
