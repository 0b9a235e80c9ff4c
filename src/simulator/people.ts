import { VENDOR_IDS, type VendorId } from '../connectors/types.js';
import { createRandom, deriveSeed, type Random } from './random.js';

/**
 * The deterministic population every simulator starts from. All four vendors draw from one pool of
 * people, so that the same person can hold accounts in several vendors under the same address in a
 * different letter case — the situation `usersByEmail` and `updateUsersByEmail` exist for.
 */

/** Share of each vendor's default population (200) that is a person with accounts in two or more vendors. */
export const SHARED_SHARE = 0.25;

export interface Person {
  /** Stable index in the pool; the same seed always yields the same person at the same index. */
  readonly index: number;
  readonly firstName: string;
  readonly lastName: string;
  /** Lower-case address; each account stores it in its own letter case. */
  readonly email: string;
  readonly phone: { readonly countryIsoCode: 'NL' | 'BE' | 'ES' | 'SE'; readonly number: string; readonly e164: string };
}

export interface Account {
  readonly person: Person;
  /** The address exactly as this vendor stores it (letter case varies between vendors). */
  readonly email: string;
  /** True when the person also has an account in another vendor. */
  readonly shared: boolean;
}

export interface People {
  readonly accounts: Readonly<Record<VendorId, readonly Account[]>>;
  /** Every person with accounts in two or more vendors, with those vendors in API order. */
  readonly shared: readonly { readonly email: string; readonly vendors: readonly VendorId[] }[];
}

export interface PeopleOptions {
  seed: number;
  /** Accounts per vendor. @default 200 */
  usersPerVendor?: number;
}

const FIRST_NAMES = ['Jane', 'Joost', 'Zoë', 'Mateo', 'Sofia', 'Lars', 'Amira', 'Pieter', 'Lucía', 'Noah', 'Emma',
  'Sven', 'Fatima', 'Daan', 'Chloé', 'Oliver', 'Ines', 'Björn', 'Mia', 'Hugo', 'Yara', 'Ruben', 'Astrid', 'Omar'];
const LAST_NAMES = ['de Vries', 'Jansen', 'García', 'Andersson', 'Bakker', 'Müller', 'Peeters', 'Lindqvist',
  'Martínez', 'Visser', 'Dubois', 'Smit', 'Nilsson', 'Fernández', 'Mertens', "O'Brien", 'van Dijk', 'Karlsson'];
const COUNTRY_CODES = { NL: '31', BE: '32', ES: '34', SE: '46' } as const;

/** Every vendor subset of size two or more: the ways one person can be spread over the vendors. */
const SHARED_LAYOUTS: readonly VendorId[][] = subsets(VENDOR_IDS).filter((set) => set.length >= 2);

export function createPeople({ seed, usersPerVendor = 200 }: PeopleOptions): People {
  const random = createRandom(deriveSeed(seed, 'people'));
  const accounts: Record<VendorId, Account[]> = { rinkel: [], dialpad: [], imichat: [], commpeak: [] };
  const shared: { email: string; vendors: VendorId[] }[] = [];
  let index = 0;

  const sharedCount = Math.round(usersPerVendor * SHARED_SHARE);
  for (let i = 0; i < sharedCount; i++) {
    const person = createPerson(random, index++);
    const vendors = random.pick(SHARED_LAYOUTS).filter((vendor) => accounts[vendor].length < usersPerVendor);
    if (vendors.length < 2) continue;
    for (const vendor of vendors) accounts[vendor].push({ person, email: varyCase(random, person.email), shared: true });
    shared.push({ email: person.email, vendors });
  }
  for (const vendor of VENDOR_IDS) {
    while (accounts[vendor].length < usersPerVendor) {
      const person = createPerson(random, index++);
      accounts[vendor].push({ person, email: varyCase(random, person.email), shared: false });
    }
    // Shared people first would make them trivially the first page; interleave them instead.
    shuffle(random, accounts[vendor]);
  }
  return { accounts, shared };
}

function createPerson(random: Random, index: number): Person {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const countryIsoCode = random.pick(['NL', 'BE', 'ES', 'SE'] as const);
  const number = String(random.int(600000000, 699999999));
  return {
    index,
    firstName,
    lastName,
    email: `${asciiSlug(firstName)}.${asciiSlug(lastName)}.${index}@example.com`,
    phone: { countryIsoCode, number, e164: `+${COUNTRY_CODES[countryIsoCode]}${number}` },
  };
}

/** Lower case, Title.Case or UPPER local part: the ways real directories mangle one address. */
function varyCase(random: Random, email: string): string {
  const [local = '', domain = ''] = email.split('@');
  switch (random.int(0, 2)) {
    case 0:
      return email;
    case 1:
      return `${local.split('.').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('.')}@${domain}`;
    default:
      return `${local.toUpperCase()}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
  }
}

/** Letters only, accents dropped, lower case: the part of a name that can go in an address or login. */
export function asciiSlug(name: string): string {
  return name.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase();
}

function shuffle<T>(random: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((acc, item) => acc.concat(acc.map((set) => [...set, item])), [[]]);
}
