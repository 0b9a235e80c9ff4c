import { describe, expect, it } from 'vitest';
import type { CanonicalUser } from './connectors/types.js';
import { UpstreamError, WriteRejected } from './errors.js';
import { certainty, judge } from './write-safety.js';

const user = (over: Omit<Partial<CanonicalUser>, 'details'> & { details?: Record<string, unknown> }): CanonicalUser =>
  ({ vendor: 'rinkel', vendorUserId: 'a', firstName: 'Jane', email: 'jane@example.com', availability: 'AVAILABLE', details: { vendor: 'rinkel', preferences: { colorMode: 'light' } }, ...over }) as CanonicalUser;

describe('judging a write by reading back', () => {
  const changes = [
    { field: 'firstName', before: 'Jane', after: 'Joan' },
    { field: 'rinkel.preferences.colorMode', before: 'light', after: 'dark' },
  ];

  it.each([
    ['applied when every telling field shows the new value', user({ firstName: 'Joan', details: { vendor: 'rinkel', preferences: { colorMode: 'dark' } } }), 'applied'],
    ['not applied when every telling field shows the old value', user({}), 'not-applied'],
    ['unknown when some fields moved and others did not', user({ firstName: 'Joan' }), 'unknown'],
    ['unknown when a field holds a third value (someone else wrote)', user({ firstName: 'Jo', details: { vendor: 'rinkel', preferences: { colorMode: 'system' } } }), 'unknown'],
  ])('%s', (_, readBack, verdict) => {
    expect(judge(changes, readBack)).toBe(verdict);
  });

  it('cannot judge a write that changes nothing visible, or only a write-only secret', () => {
    expect(judge([{ field: 'firstName', before: 'Jane', after: 'Jane' }], user({}))).toBe('unknown');
    expect(judge([{ field: 'commpeak.registrationPassword', before: null, after: '[write-only]' }], user({}))).toBe('unknown');
  });

  it('compares addresses without letter case', () => {
    expect(judge([{ field: 'email', before: 'jane@example.com', after: 'Joan@Example.com' }], user({ email: 'joan@example.com' }))).toBe('applied');
  });
});

describe('what a failure says by itself', () => {
  it.each([
    ['a refused connection', new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'dialpad', httpStatus: null, delivery: 'not-sent' }), 'not-applied'],
    ['a 4xx answer', new UpstreamError({ code: 'VENDOR_ERROR', vendor: 'dialpad', httpStatus: 409 }), 'not-applied'],
    ['a validation refusal', new WriteRejected('dialpad', 400, []), 'not-applied'],
    ['a 503 answer', new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'dialpad', httpStatus: 503 }), 'ambiguous'],
    ['a reset', new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'dialpad', httpStatus: null, delivery: 'dropped' }), 'ambiguous'],
    ['a timeout', new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'dialpad', httpStatus: null, delivery: 'timeout' }), 'ambiguous'],
  ])('%s', (_, error, expected) => {
    expect(certainty(error)).toBe(expected);
  });
});
