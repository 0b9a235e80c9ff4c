import { describe, expect, it } from 'vitest';
import { createRateWindow } from './rate-window.js';

describe('createRateWindow', () => {
  it('allows `limit` requests per window and says when the next one fits', () => {
    let now = 1_000_000;
    const window = createRateWindow(() => 3, 1000, () => now);
    expect([window.take(), window.take(), window.take()].map((r) => r.allowed)).toEqual([true, true, true]);
    now += 400;
    expect(window.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(window.remaining()).toBe(0);
    now += 600; // the three stamps at t=0 leave the window together
    expect(window.take()).toEqual({ allowed: true, remaining: 2 });
  });

  it('reads its limit live, so a settings change applies to the next request', () => {
    let limit = 1;
    const window = createRateWindow(() => limit, 60_000, () => 0);
    window.take();
    expect(window.take()).toEqual({ allowed: false, retryAfterSeconds: 60 });
    limit = 5;
    expect(window.take().allowed).toBe(true);
  });
});
