import { describe, expect, it } from 'vitest';
import { chargeCall, requestCallsOf, trackRequestCalls } from './request-calls.js';

describe('request call tally', () => {
  it('counts calls against the request signal and refuses past the budget', () => {
    const signal = new AbortController().signal;
    const tally = trackRequestCalls(signal, 2);
    expect([chargeCall(signal), chargeCall(signal), chargeCall(signal)]).toEqual([true, true, false]);
    expect(tally.count).toBe(2);
    expect(requestCallsOf(signal)).toBe(tally);
  });

  it('lets calls made outside any request through, uncounted', () => {
    const signal = new AbortController().signal;
    expect(chargeCall(signal)).toBe(true);
    expect(chargeCall(undefined)).toBe(true);
    expect(requestCallsOf(signal)).toBeUndefined();
  });
});
