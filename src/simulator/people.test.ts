import { describe, expect, it } from 'vitest';
import { VENDOR_IDS } from '../connectors/types.js';
import { createPeople, SHARED_SHARE } from './people.js';

describe('createPeople', () => {
  const people = createPeople({ seed: 1 });

  it('gives every vendor 200 accounts by default and is the same for the same seed', () => {
    for (const vendor of VENDOR_IDS) expect(people.accounts[vendor]).toHaveLength(200);
    expect(createPeople({ seed: 1 })).toEqual(people);
    expect(createPeople({ seed: 2 }).accounts.rinkel[0]).not.toEqual(people.accounts.rinkel[0]);
  });

  it('puts a known share of people in two or more vendors, under one address in varied letter case', () => {
    expect(people.shared.length).toBe(200 * SHARED_SHARE);
    for (const { email, vendors } of people.shared) {
      expect(vendors.length).toBeGreaterThanOrEqual(2);
      const stored = vendors.map((vendor) => people.accounts[vendor].find((a) => a.email.toLowerCase() === email)?.email);
      expect(stored.every((address) => address !== undefined)).toBe(true);
    }
    const variedCase = people.shared.filter(({ email, vendors }) =>
      vendors.some((vendor) => people.accounts[vendor].some((a) => a.email !== email && a.email.toLowerCase() === email)));
    expect(variedCase.length).toBeGreaterThan(people.shared.length / 2);
  });

  it('never gives an unshared person an address another account uses', () => {
    const all = VENDOR_IDS.flatMap((vendor) => people.accounts[vendor].map((a) => a.email.toLowerCase()));
    const sharedAccounts = people.shared.reduce((sum, person) => sum + person.vendors.length, 0);
    expect(new Set(all).size).toBe(all.length - sharedAccounts + people.shared.length);
  });

  it('scales to other sizes', () => {
    const small = createPeople({ seed: 5, usersPerVendor: 8 });
    for (const vendor of VENDOR_IDS) expect(small.accounts[vendor]).toHaveLength(8);
  });
});
