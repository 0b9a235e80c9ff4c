import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS, decodeWith } from './fields.js';

describe('decodeWith', () => {
  it('fills every canonical field (written out by hand, so a new field must be added there too)', () => {
    const user = decodeWith({ status: () => 'ACTIVE', firstName: (wire: { name: string }) => wire.name }, { name: 'Jane' }, { vendor: 'rinkel', vendorUserId: '1', details: { vendor: 'rinkel' }, raw: {} });
    expect(Object.keys(user).sort()).toEqual([...CANONICAL_FIELDS, 'vendor', 'vendorUserId', 'details', 'raw'].sort());
    expect([user.firstName, user.status, user.lastName, user.emails, user.phoneNumbers]).toEqual(['Jane', 'ACTIVE', null, [], []]);
  });
});
