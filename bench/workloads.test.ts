/**
 * The workloads' pure logic: seeded sampling, the HTTP calls each peer kind is sent, how answers are
 * read back, and the round model behind "minimum upstream calls" and "fastest possible answer".
 * Hand-made data only: no simulators, no network.
 */
import { describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { ALIASED_USERS, MANY_USERS, ONE_USER, UPDATE_PERSON, UPDATE_USER } from './operations.js';
import { globalUserId } from './peers/kit.js';
import { criticalPathMs, minimumCalls, seededRandom, WORKLOADS, ZIPF_S, zipfAccount, type Account, type BenchData, type Person, type Workload } from './workloads.js';

const account = (vendor: VendorId, index: number): Account => ({ vendor, vendorUserId: `${vendor.slice(0, 2)}-${index}` });
const idOf = (a: Account) => globalUserId(a.vendor, a.vendorUserId);

// Accounts 0 and 1 of each vendor belong to people in four vendors; 2 and 3 to people in three.
// Two people of each kind (not one) so that a different seed can draw a different person.
const alice: Person = { email: 'alice@example.com', accounts: VENDOR_IDS.map((vendor) => account(vendor, 0)) };
const bob: Person = { email: 'bob@example.com', accounts: VENDOR_IDS.map((vendor) => account(vendor, 1)) };
const carolWithDialpad: Person = { email: 'carol@example.com', accounts: [account('rinkel', 2), account('dialpad', 2), account('commpeak', 2)] };
const daveWithoutDialpad: Person = { email: 'dave@example.com', accounts: [account('rinkel', 3), account('imichat', 3), account('commpeak', 3)] };

function makeData(perVendor: number): BenchData {
  const accounts = Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, Array.from({ length: perVendor }, (_, i) => account(vendor, i))])) as Record<VendorId, Account[]>;
  return { accounts, peopleInFour: [alice, bob], peopleInThree: [carolWithDialpad, daveWithoutDialpad] };
}
/** Enough accounts for `users-20-per-vendor` to draw its full 20 per vendor. */
const data = makeData(24);
/** Fewer than 20 per vendor: `users-20-per-vendor` can only draw what there is. */
const smallData = makeData(4);

function workload<P>(name: string): Workload<P> {
  const found = WORKLOADS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found as unknown as Workload<P>;
}
const oneUser = workload<{ account: Account }>('one-user');
const personInFour = workload<{ person: Person }>('person-4-vendors');
const twentyPerVendor = workload<{ accounts: Account[] }>('users-20-per-vendor');
const aliased = workload<{ accounts: Account[] }>('aliases-duplicates');
const updateUser = workload<{ account: Account; lastName: string }>('update-user');
const updatePerson = workload<{ person: Person; lastName: string }>('update-person-3-vendors');

const FIXED = { rinkel: 5, dialpad: 15, imichat: 30, commpeak: 60 } as const;

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    // Not a constant or a short cycle: the draws of one seed are mostly distinct.
    expect(new Set(first).size).toBeGreaterThan(95);
  });
});

describe('every workload', () => {
  it('covers the eight workloads, two of them writes', () => {
    expect(WORKLOADS.map((w) => w.name)).toEqual(['one-user', 'person-4-vendors', 'users-20-per-vendor', 'aliases-duplicates', 'update-user', 'update-person-3-vendors', 'hot-set', 'dialpad-reads']);
    expect(WORKLOADS.filter((w) => w.writes).map((w) => w.name)).toEqual(['update-user', 'update-person-3-vendors']);
  });

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('%s: the same seed draws the same accounts, other seeds draw others', (_name, w) => {
    const draws = (seed: number) => {
      const random = seededRandom(seed);
      // Last names are unique per draw (see the next test): the accounts are what a seed repeats.
      return JSON.stringify(Array.from({ length: 5 }, () => ({ ...(w.sample(random, data) as object), lastName: undefined })));
    };
    expect(draws(7)).toBe(draws(7));
    const seeds = [1, 2, 3, 4, 5, 6, 8, 9];
    // "Usually different": over eight other seeds, at least half give another sequence.
    expect(seeds.filter((seed) => draws(seed) !== draws(7)).length).toBeGreaterThanOrEqual(4);
  });

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('%s: GraphQL is a POST to /graphql with a query and variables', (_name, w) => {
    const call = w.request('graphql', w.sample(seededRandom(3), data));
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/graphql');
    const body = call.body as { query: unknown; variables: unknown };
    expect(typeof body.query).toBe('string');
    expect(body.variables).toBeTypeOf('object');
  });

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('%s: touches only accounts that exist in the data', (_name, w) => {
    const all = new Set(Object.values(data.accounts).flatMap((list) => list.map(idOf)));
    const random = seededRandom(11);
    for (let i = 0; i < 20; i++) for (const id of w.touches(w.sample(random, data))) expect(all.has(id)).toBe(true);
  });
});

describe('one-user', () => {
  const params = { account: account('imichat', 5) };

  it('asks for the account by global id, in GraphQL and on the floor route', () => {
    expect(oneUser.request('graphql', params)).toEqual({ method: 'POST', path: '/graphql', body: { query: ONE_USER, variables: { id: idOf(params.account) } } });
    const rest = oneUser.request('rest', params);
    expect(rest.method).toBe('GET');
    expect(rest.body).toBeUndefined();
    // Global ids are base64 and may hold "/", "+" or "=": the id must be one escaped path segment.
    expect(rest.path.startsWith('/users/')).toBe(true);
    expect(rest.path.slice('/users/'.length)).not.toContain('/');
    expect(decodeURIComponent(rest.path.slice('/users/'.length))).toBe(idOf(params.account));
  });

  it('needs one call to the account\'s vendor', () => {
    expect(oneUser.rounds(params)).toEqual([['imichat']]);
    expect(minimumCalls(oneUser.rounds(params))).toBe(1);
    expect(criticalPathMs(oneUser.rounds(params), FIXED)).toBe(30);
    expect(oneUser.touches(params)).toEqual([idOf(params.account)]);
  });

  it('reads a GraphQL answer into its user, null included', () => {
    const user = { id: idOf(params.account), lastName: 'Smith' };
    expect(oneUser.answer('graphql', 200, { data: { user } })).toEqual({ users: [user] });
    // Not found is an answer (null), not an error: peers must agree on it.
    expect(oneUser.answer('graphql', 200, { data: { user: null } })).toEqual({ users: [null] });
  });

  it('makes any GraphQL error, a non-200 status or a missing body an error', () => {
    const partial = oneUser.answer('graphql', 200, { data: { user: null }, errors: [{ message: 'vendor down' }] });
    expect(partial).toHaveProperty('error');
    expect((partial as { error: string }).error).toContain('vendor down');
    expect(oneUser.answer('graphql', 500, { data: { user: { id: 'x' } } })).toHaveProperty('error');
    expect(oneUser.answer('graphql', 200, null)).toHaveProperty('error');
    expect(oneUser.answer('graphql', 200, 'not json')).toHaveProperty('error');
  });

  it('reads a REST answer into its user; a non-200 is an error', () => {
    const user = { id: idOf(params.account) };
    expect(oneUser.answer('rest', 200, user)).toEqual({ users: [user] });
    const notFound = oneUser.answer('rest', 404, { message: 'no such user' });
    expect(notFound).toHaveProperty('error');
    expect((notFound as { error: string }).error).toContain('404');
  });
});

describe('person-4-vendors', () => {
  const params = { person: alice };

  it('asks for the four accounts by global id, in order', () => {
    const ids = alice.accounts.map(idOf);
    expect(personInFour.request('graphql', params)).toEqual({ method: 'POST', path: '/graphql', body: { query: MANY_USERS, variables: { ids } } });
    expect(personInFour.request('rest', params)).toEqual({ method: 'POST', path: '/users/lookup', body: { ids } });
  });

  it('draws only people in four vendors', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 20; i++) expect([alice, bob]).toContain(personInFour.sample(random, data).person);
  });

  it('needs four calls in one round, the slowest vendor setting the pace', () => {
    const rounds = personInFour.rounds(params);
    expect(rounds).toHaveLength(1);
    expect(minimumCalls(rounds)).toBe(4);
    expect(criticalPathMs(rounds, FIXED)).toBe(60);
  });

  it('reads `nodes` into users in answer order, and a REST list likewise', () => {
    const users = [{ id: 'b' }, null, { id: 'a' }];
    expect(personInFour.answer('graphql', 200, { data: { nodes: users } })).toEqual({ users });
    expect(personInFour.answer('rest', 200, users)).toEqual({ users });
    expect(personInFour.answer('graphql', 200, { data: { nodes: null } })).toHaveProperty('error');
    expect(personInFour.answer('rest', 200, { ids: [] })).toHaveProperty('error');
    expect(personInFour.answer('rest', 502, [])).toHaveProperty('error');
  });
});

describe('users-20-per-vendor', () => {
  it('draws 20 distinct accounts from every vendor: 80 calls in one round', () => {
    const params = twentyPerVendor.sample(seededRandom(9), data);
    expect(params.accounts).toHaveLength(80);
    expect(new Set(params.accounts.map(idOf)).size).toBe(80);
    for (const vendor of VENDOR_IDS) expect(params.accounts.filter((a) => a.vendor === vendor)).toHaveLength(20);
    expect(twentyPerVendor.rounds(params)).toHaveLength(1);
    expect(minimumCalls(twentyPerVendor.rounds(params))).toBe(80);
    expect(criticalPathMs(twentyPerVendor.rounds(params), FIXED)).toBe(60);
    const ids = params.accounts.map(idOf);
    expect(twentyPerVendor.request('graphql', params)).toEqual({ method: 'POST', path: '/graphql', body: { query: MANY_USERS, variables: { ids } } });
    expect(twentyPerVendor.request('rest', params)).toEqual({ method: 'POST', path: '/users/lookup', body: { ids } });
  });

  it('draws every account of a vendor that holds fewer than 20', () => {
    const params = twentyPerVendor.sample(seededRandom(9), smallData);
    expect(new Set(params.accounts.map(idOf)).size).toBe(16);
    expect(minimumCalls(twentyPerVendor.rounds(params))).toBe(16);
  });
});

describe('aliases-duplicates', () => {
  const a = account('rinkel', 1);
  const b = account('dialpad', 1);
  const c = account('commpeak', 7);

  it('names four accounts twice each: a b c d a b c d', () => {
    const params = { accounts: [a, b, c, account('imichat', 2)] };
    const [ia, ib, ic, id] = params.accounts.map(idOf);
    expect(aliased.request('graphql', params)).toEqual({ method: 'POST', path: '/graphql', body: { query: ALIASED_USERS, variables: { a: ia, b: ib, c: ic, d: id } } });
    expect(aliased.request('rest', params)).toEqual({ method: 'POST', path: '/users/lookup', body: { ids: [ia, ib, ic, id, ia, ib, ic, id] } });
  });

  it('counts distinct accounts only', () => {
    expect(minimumCalls(aliased.rounds({ accounts: [a, b, c, account('imichat', 2)] }))).toBe(4);
    // The same account drawn twice (equal, not the same object) is read once.
    expect(minimumCalls(aliased.rounds({ accounts: [a, b, { ...a }, c] }))).toBe(3);
    expect(minimumCalls(aliased.rounds({ accounts: [a, a, a, a] }))).toBe(1);
    // Two accounts of one vendor are still two reads.
    expect(minimumCalls(aliased.rounds({ accounts: [a, account('rinkel', 2), a, a] }))).toBe(2);
    expect(criticalPathMs(aliased.rounds({ accounts: [a, b, a, b] }), FIXED)).toBe(15);
  });

  it('reads the eight aliases in alias order, whatever order the data object holds them in', () => {
    const body = { data: { d2: { id: 'd' }, a1: { id: 'a' }, b1: { id: 'b' }, c1: null, d1: { id: 'd' }, a2: { id: 'a' }, b2: { id: 'b' }, c2: null } };
    expect(aliased.answer('graphql', 200, body)).toEqual({ users: [{ id: 'a' }, { id: 'b' }, null, { id: 'd' }, { id: 'a' }, { id: 'b' }, null, { id: 'd' }] });
    expect(aliased.answer('graphql', 200, { ...body, errors: [{ message: 'x' }] })).toHaveProperty('error');
    expect(aliased.answer('rest', 200, [{ id: 'a' }])).toEqual({ users: [{ id: 'a' }] });
  });
});

describe('update-user', () => {
  const params = { account: account('commpeak', 4), lastName: 'Benchxyz' };

  it('never draws a last name twice, even from the same seed: a peer loaded after another gets writes, not no-ops', () => {
    const names = [1, 1, 1].flatMap((seed) => {
      const random = seededRandom(seed);
      return Array.from({ length: 10 }, () => updateUser.sample(random, data).lastName);
    });
    expect(new Set(names).size).toBe(30);
  });

  it('draws a fresh last name with every request', () => {
    const random = seededRandom(1);
    const names = Array.from({ length: 20 }, () => updateUser.sample(random, data).lastName);
    expect(names.every((name) => name.startsWith('Bench'))).toBe(true);
    expect(new Set(names).size).toBe(20);
  });

  it('sends the id and the last name', () => {
    const id = idOf(params.account);
    expect(updateUser.request('graphql', params)).toEqual({ method: 'POST', path: '/graphql', body: { query: UPDATE_USER, variables: { input: { id, lastName: 'Benchxyz' } } } });
    const rest = updateUser.request('rest', params);
    expect(rest).toEqual({ method: 'PATCH', path: `/users/${encodeURIComponent(id)}`, body: { patch: { lastName: 'Benchxyz' } } });
  });

  it('needs a read, then a write: two rounds of one call', () => {
    expect(updateUser.rounds(params)).toEqual([['commpeak'], ['commpeak']]);
    expect(minimumCalls(updateUser.rounds(params))).toBe(2);
    expect(criticalPathMs(updateUser.rounds(params), FIXED)).toBe(120);
    expect(criticalPathMs(updateUser.rounds({ ...params, account: account('rinkel', 0) }), FIXED)).toBe(10);
  });

  it('counts only an UpdateUserSuccess as a user', () => {
    const user = { id: idOf(params.account), lastName: 'Benchxyz' };
    expect(updateUser.answer('graphql', 200, { data: { updateUser: { __typename: 'UpdateUserSuccess', user } } })).toEqual({ users: [user] });
    const refused = updateUser.answer('graphql', 200, { data: { updateUser: { __typename: 'UserNotFoundError', message: 'gone' } } });
    expect(refused).toEqual({ users: [{ failed: 'UserNotFoundError' }] });
    expect(updateUser.answer('graphql', 200, { data: { updateUser: null } })).toEqual({ users: [{ failed: 'null' }] });
    expect(updateUser.answer('rest', 200, user)).toEqual({ users: [user] });
    expect(updateUser.answer('rest', 409, { message: 'conflict' })).toHaveProperty('error');
  });
});

describe('update-person-3-vendors', () => {
  it('draws only people in three vendors, and sends their address and the last name', () => {
    const random = seededRandom(2);
    for (let i = 0; i < 20; i++) expect([carolWithDialpad, daveWithoutDialpad]).toContain(updatePerson.sample(random, data).person);
    const params = { person: daveWithoutDialpad, lastName: 'Benchabc' };
    expect(updatePerson.request('graphql', params)).toEqual({
      method: 'POST',
      path: '/graphql',
      body: { query: UPDATE_PERSON, variables: { email: 'dave@example.com', patch: { lastName: 'Benchabc' } } },
    });
    expect(updatePerson.request('rest', params)).toEqual({ method: 'POST', path: '/people/update', body: { email: 'dave@example.com', patch: { lastName: 'Benchabc' } } });
    expect(updatePerson.touches(params)).toEqual(daveWithoutDialpad.accounts.map(idOf));
  });

  it('with a Dialpad account: its search is its read, so 1 + 2 per other account + 1 write', () => {
    const rounds = updatePerson.rounds({ person: carolWithDialpad, lastName: 'x' });
    expect(rounds).toHaveLength(2);
    expect(minimumCalls(rounds)).toBe(1 + 2 * 2 + 1);
  });

  it('without a Dialpad account: the search still runs, then a read and a write per account', () => {
    const rounds = updatePerson.rounds({ person: daveWithoutDialpad, lastName: 'x' });
    expect(rounds[0]).toContain('dialpad');
    expect(rounds[1]).not.toContain('dialpad');
    expect(minimumCalls(rounds)).toBe(1 + 2 * 3);
  });

  it('takes the slowest vendor of each round, summed', () => {
    // CommPeak at 60 paces both rounds: 60 + 60, not the sum of the vendors.
    expect(criticalPathMs(updatePerson.rounds({ person: daveWithoutDialpad, lastName: 'x' }), FIXED)).toBe(120);
    expect(criticalPathMs(updatePerson.rounds({ person: carolWithDialpad, lastName: 'x' }), FIXED)).toBe(120);
    // A slow Dialpad paces the first round even for a person without a Dialpad account.
    expect(criticalPathMs(updatePerson.rounds({ person: daveWithoutDialpad, lastName: 'x' }), { ...FIXED, dialpad: 100 })).toBe(100 + 60);
    const noCommpeak: Person = { email: 'erin@example.com', accounts: [account('rinkel', 9), account('dialpad', 9), account('imichat', 9)] };
    expect(criticalPathMs(updatePerson.rounds({ person: noCommpeak, lastName: 'x' }), FIXED)).toBe(30 + 30);
    expect(criticalPathMs(updatePerson.rounds({ person: noCommpeak, lastName: 'x' }), { rinkel: 0, dialpad: 0, imichat: 0, commpeak: 0 })).toBe(0);
  });

  it('counts only UpdateUserSuccess results as users; a missing list is an error', () => {
    const user = { id: 'u1', lastName: 'Benchabc' };
    const body = { data: { updateUsersByEmail: [{ __typename: 'UpdateUserSuccess', user }, { __typename: 'VendorUnavailableError' }] } };
    const answer = updatePerson.answer('graphql', 200, body);
    expect(answer).toEqual({ users: [user, { failed: 'VendorUnavailableError' }] });
    expect(updatePerson.answer('graphql', 200, { data: { updateUsersByEmail: null } })).toHaveProperty('error');
    expect(updatePerson.answer('rest', 200, [user])).toEqual({ users: [user] });
    expect(updatePerson.answer('rest', 500, [user])).toHaveProperty('error');
  });
});

describe('minimumCalls and criticalPathMs', () => {
  it('sum the rounds; an empty round costs nothing', () => {
    expect(minimumCalls([])).toBe(0);
    expect(minimumCalls([['rinkel', 'rinkel'], [], ['dialpad']])).toBe(3);
    expect(criticalPathMs([], FIXED)).toBe(0);
    expect(criticalPathMs([['rinkel', 'commpeak'], [], ['dialpad', 'imichat']], FIXED)).toBe(60 + 0 + 30);
  });
});

describe('hot-set', () => {
  const hotSet = workload<{ account: Account }>('hot-set');
  const big = makeData(100);
  const counts = (draws: number) => {
    const random = seededRandom(5);
    const seen = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const key = idOf(hotSet.sample(random, big).account);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return [...seen.values()].sort((a, b) => b - a);
  };

  it('draws by Zipf rank: the top account about 1 / H(400, 1.1) of the time, the top ten far more than uniform', () => {
    const draws = 40_000;
    const sorted = counts(draws);
    let harmonic = 0;
    for (let rank = 1; rank <= 400; rank++) harmonic += 1 / rank ** ZIPF_S;
    const topShare = (sorted[0] ?? 0) / draws;
    expect(topShare).toBeGreaterThan(0.8 / harmonic);
    expect(topShare).toBeLessThan(1.2 / harmonic);
    // The second rank is drawn 2^-1.1 ≈ 0.47 times as often as the first.
    expect((sorted[1] ?? 0) / (sorted[0] ?? 1)).toBeGreaterThan(0.38);
    expect((sorted[1] ?? 0) / (sorted[0] ?? 1)).toBeLessThan(0.56);
    const topTen = sorted.slice(0, 10).reduce((sum, n) => sum + n, 0) / draws;
    expect(topTen).toBeGreaterThan(0.3); // uniform would give 10 / 400
  });

  it('spreads the hot accounts over the vendors and needs one call to the account\'s vendor', () => {
    const random = seededRandom(9);
    const vendors = new Set(Array.from({ length: 200 }, () => zipfAccount(random, big).vendor));
    expect(vendors.size).toBe(4);
    const params = hotSet.sample(seededRandom(1), big);
    expect(hotSet.rounds(params)).toEqual([[params.account.vendor]]);
    expect(hotSet.request('graphql', params)).toEqual(oneUser.request('graphql', params));
  });
});

describe('dialpad-reads', () => {
  const dialpadReads = workload<{ account: Account }>('dialpad-reads');
  it('draws Dialpad accounts only, each needing one Dialpad call', () => {
    const random = seededRandom(4);
    for (let i = 0; i < 50; i++) {
      const params = dialpadReads.sample(random, data);
      expect(params.account.vendor).toBe('dialpad');
      expect(dialpadReads.rounds(params)).toEqual([['dialpad']]);
    }
  });
});
