/**
 * The benchmark workloads. Each one draws its accounts at random per request, says how to ask for
 * them (GraphQL for Switchboard and Apollo, REST for the floor), how to read the answer back into a
 * comparable list of users, and which vendor calls the answer needs at least, round by round. The
 * rounds give both figures the targets are about: the minimum number of upstream calls (their sum)
 * and the fastest possible answer under a latency profile (the slowest vendor of each round, summed).
 */
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { ALIAS_ORDER, ALIASED_USERS, FLOOR_ROUTES, MANY_USERS, ONE_USER, UPDATE_PERSON, UPDATE_USER } from './operations.js';
import { globalUserId, type ApiUser } from './peers/kit.js';

export interface Account {
  readonly vendor: VendorId;
  readonly vendorUserId: string;
}

/** What the simulators hold, as the workloads draw from it (read once from the simulators). */
export interface BenchData {
  readonly accounts: Readonly<Record<VendorId, readonly Account[]>>;
  /** People with an account in every vendor: one address, the accounts in `Vendor` order. */
  readonly peopleInFour: readonly Person[];
  /** People with accounts in exactly three vendors. */
  readonly peopleInThree: readonly Person[];
}

export interface Person {
  readonly email: string;
  readonly accounts: readonly Account[];
}

export type PeerKind = 'graphql' | 'rest';

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly body?: unknown;
}

/** One request's answer, comparable across peers: the users in answer order, or what went wrong. */
export type Answer = { readonly users: readonly (Partial<ApiUser> | null)[] } | { readonly error: string };

export interface Workload<P = unknown> {
  readonly name: string;
  readonly title: string;
  readonly writes: boolean;
  sample(random: () => number, data: BenchData): P;
  request(kind: PeerKind, params: P): HttpCall;
  answer(kind: PeerKind, status: number, body: unknown): Answer;
  /** The vendor calls the answer needs, in rounds that cannot overlap (a write needs its read first). */
  rounds(params: P): readonly (readonly VendorId[])[];
  /** The accounts a request reads or writes (global ids), so checks can run requests side by side safely. */
  touches(params: P): readonly string[];
}

const pick = <T>(random: () => number, list: readonly T[]): T => {
  if (list.length === 0) throw new Error('nothing to draw from');
  return list[Math.floor(random() * list.length)] as T;
};
const anyAccount = (random: () => number, data: BenchData): Account => pick(random, data.accounts[pick(random, VENDOR_IDS)]);
const idOf = (account: Account) => globalUserId(account.vendor, account.vendorUserId);
/**
 * A last name no account holds yet, so every write changes something. The seeded part keeps a draw
 * reproducible; the counter makes every draw in this process unique, because peers are loaded one
 * after another with the same seed: without it the second peer would be sent the first peer's names
 * and answer each write as a no-op, without writing (seen as 1.00 calls per `updateUser`, not 2).
 */
let drawn = 0;
const freshLastName = (random: () => number) => `Bench${Math.floor(random() * 1e9).toString(36)}${(drawn++).toString(36)}`;

function graphqlCall(query: string, variables: Record<string, unknown>): HttpCall {
  return { method: 'POST', path: '/graphql', body: { query, variables } };
}

/** A GraphQL answer's users, via `pickUsers` on `data`; any error in `errors` makes the whole answer an error. */
function graphqlAnswer(status: number, body: unknown, pickUsers: (data: Record<string, unknown>) => unknown): Answer {
  const { data, errors } = (body ?? {}) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  if (status !== 200 || errors?.length || !data) return { error: `HTTP ${status}: ${errors?.map((error) => error.message).join('; ') ?? 'no data'}` };
  const users = pickUsers(data);
  return Array.isArray(users) ? { users } : { error: `unexpected shape: ${JSON.stringify(data).slice(0, 200)}` };
}

function restAnswer(status: number, body: unknown, asList: (body: unknown) => unknown): Answer {
  if (status !== 200) return { error: `HTTP ${status}: ${JSON.stringify(body).slice(0, 200)}` };
  const users = asList(body);
  return Array.isArray(users) ? { users } : { error: `unexpected shape: ${JSON.stringify(body).slice(0, 200)}` };
}

/** Mutation results: each must be an `UpdateUserSuccess`; its user is what is compared. */
function successes(results: unknown): unknown {
  if (!Array.isArray(results)) return null;
  return results.map((result: { __typename?: string; user?: unknown }) => (result?.__typename === 'UpdateUserSuccess' ? result.user : { failed: result?.__typename ?? 'null' }));
}

const oneUser: Workload<{ account: Account }> = {
  name: 'one-user',
  title: 'One user from one vendor',
  writes: false,
  sample: (random, data) => ({ account: anyAccount(random, data) }),
  request: (kind, { account }) => (kind === 'graphql' ? graphqlCall(ONE_USER, { id: idOf(account) }) : FLOOR_ROUTES.oneUser(idOf(account))),
  answer: (kind, status, body) => (kind === 'graphql' ? graphqlAnswer(status, body, (data) => [data.user]) : restAnswer(status, body, (user) => [user])),
  rounds: ({ account }) => [[account.vendor]],
  touches: ({ account }) => [idOf(account)],
};

const personInFour: Workload<{ person: Person }> = {
  name: 'person-4-vendors',
  title: 'One person across four vendors (`nodes`, 4 ids)',
  writes: false,
  sample: (random, data) => ({ person: pick(random, data.peopleInFour) }),
  request: (kind, { person }) => lookup(kind, person.accounts.map(idOf)),
  answer: lookupAnswer,
  rounds: ({ person }) => [person.accounts.map((account) => account.vendor)],
  touches: ({ person }) => person.accounts.map(idOf),
};

const twentyPerVendor: Workload<{ accounts: Account[] }> = {
  name: 'users-20-per-vendor',
  title: '20 users per vendor in one query (`nodes`, 80 ids)',
  writes: false,
  sample: (random, data) => ({ accounts: VENDOR_IDS.flatMap((vendor) => distinct(random, data.accounts[vendor], 20)) }),
  request: (kind, { accounts }) => lookup(kind, accounts.map(idOf)),
  answer: lookupAnswer,
  rounds: ({ accounts }) => [accounts.map((account) => account.vendor)],
  touches: ({ accounts }) => accounts.map(idOf),
};

const aliased: Workload<{ accounts: Account[] }> = {
  name: 'aliases-duplicates',
  title: '8 aliases naming 4 random accounts twice each',
  writes: false,
  sample: (random, data) => ({ accounts: [0, 1, 2, 3].map(() => anyAccount(random, data)) }),
  request: (kind, { accounts }) => {
    const [a, b, c, d] = accounts.map(idOf);
    return kind === 'graphql' ? graphqlCall(ALIASED_USERS, { a, b, c, d }) : FLOOR_ROUTES.lookup([a, b, c, d, a, b, c, d] as string[]);
  },
  answer: (kind, status, body) =>
    kind === 'graphql' ? graphqlAnswer(status, body, (data) => ALIAS_ORDER.map((alias) => data[alias])) : restAnswer(status, body, (list) => list),
  // Distinct accounts only: the same account asked for twice is read once.
  rounds: ({ accounts }) => [[...new Map(accounts.map((account) => [idOf(account), account.vendor])).values()]],
  touches: ({ accounts }) => accounts.map(idOf),
};

const updateUser: Workload<{ account: Account; lastName: string }> = {
  name: 'update-user',
  title: '`updateUser` (one field) on a random account',
  writes: true,
  sample: (random, data) => ({ account: anyAccount(random, data), lastName: freshLastName(random) }),
  request: (kind, { account, lastName }) =>
    kind === 'graphql' ? graphqlCall(UPDATE_USER, { input: { id: idOf(account), lastName } }) : FLOOR_ROUTES.updateUser(idOf(account), { lastName }),
  answer: (kind, status, body) =>
    kind === 'graphql' ? graphqlAnswer(status, body, (data) => successes([data.updateUser])) : restAnswer(status, body, (user) => [user]),
  // The account is read first: the write is planned against what it holds.
  rounds: ({ account }) => [[account.vendor], [account.vendor]],
  touches: ({ account }) => [idOf(account)],
};

const updatePerson: Workload<{ person: Person; lastName: string }> = {
  name: 'update-person-3-vendors',
  title: '`updateUsersByEmail` on a person in three vendors',
  writes: true,
  sample: (random, data) => ({ person: pick(random, data.peopleInThree), lastName: freshLastName(random) }),
  request: (kind, { person, lastName }) =>
    kind === 'graphql' ? graphqlCall(UPDATE_PERSON, { email: person.email, patch: { lastName } }) : FLOOR_ROUTES.updatePerson(person.email, { lastName }),
  answer: (kind, status, body) =>
    kind === 'graphql' ? graphqlAnswer(status, body, (data) => successes(data.updateUsersByEmail)) : restAnswer(status, body, (list) => list),
  // Dialpad's email search (which is also its account's read) beside a fresh read of each other
  // account the directory snapshot names; then one write per account.
  rounds: ({ person }) => [
    ['dialpad', ...person.accounts.filter((account) => account.vendor !== 'dialpad').map((account) => account.vendor)],
    person.accounts.map((account) => account.vendor),
  ],
  touches: ({ person }) => person.accounts.map(idOf),
};

/**
 * Zipf over every account (rank r drawn with weight 1 / r^s, s = 1.1): a few accounts take most
 * reads, as in a company where the same agents are looked up all day. The ranks follow a seeded
 * shuffle of all accounts, so the hot ones are spread over the vendors.
 */
export const ZIPF_S = 1.1;
const hotSets = new WeakMap<BenchData, { accounts: Account[]; cumulative: Float64Array }>();
function hotSetOf(data: BenchData) {
  let hot = hotSets.get(data);
  if (!hot) {
    const accounts = VENDOR_IDS.flatMap((vendor) => data.accounts[vendor]);
    const random = seededRandom(1_100);
    for (let i = accounts.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [accounts[i], accounts[j]] = [accounts[j] as Account, accounts[i] as Account];
    }
    const cumulative = new Float64Array(accounts.length);
    let total = 0;
    for (let rank = 1; rank <= accounts.length; rank++) cumulative[rank - 1] = total += 1 / rank ** ZIPF_S;
    for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= total;
    hotSets.set(data, (hot = { accounts, cumulative }));
  }
  return hot;
}

/** An account drawn by Zipf rank (binary search over the cumulative weights). */
export function zipfAccount(random: () => number, data: BenchData): Account {
  const { accounts, cumulative } = hotSetOf(data);
  if (accounts.length === 0) throw new Error('nothing to draw from');
  const u = random();
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] as number) < u) low = middle + 1;
    else high = middle;
  }
  return accounts[low] as Account;
}

const hotSet: Workload<{ account: Account }> = {
  ...oneUser,
  name: 'hot-set',
  title: 'One user, drawn by Zipf (s = 1.1) over all accounts',
  sample: (random, data) => ({ account: zipfAccount(random, data) }),
};

const dialpadReads: Workload<{ account: Account }> = {
  ...oneUser,
  name: 'dialpad-reads',
  title: 'One Dialpad user (uniform over its accounts)',
  sample: (random, data) => ({ account: pick(random, data.accounts.dialpad) }),
};

function lookup(kind: PeerKind, ids: readonly string[]): HttpCall {
  return kind === 'graphql' ? graphqlCall(MANY_USERS, { ids }) : FLOOR_ROUTES.lookup(ids);
}

function lookupAnswer(kind: PeerKind, status: number, body: unknown): Answer {
  return kind === 'graphql' ? graphqlAnswer(status, body, (data) => data.nodes) : restAnswer(status, body, (list) => list);
}

function distinct<T>(random: () => number, list: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(random, list));
  return [...chosen];
}

export const WORKLOADS: readonly Workload<never>[] = [oneUser, personInFour, twentyPerVendor, aliased, updateUser, updatePerson, hotSet, dialpadReads] as Workload<never>[];

/** The fewest upstream calls a request needs. */
export function minimumCalls(rounds: readonly (readonly VendorId[])[]): number {
  return rounds.reduce((sum, round) => sum + round.length, 0);
}

/** The fastest a request can be answered when each vendor answers in `latency[vendor]` ms. */
export function criticalPathMs(rounds: readonly (readonly VendorId[])[], latency: Readonly<Record<VendorId, number>>): number {
  return rounds.reduce((sum, round) => sum + Math.max(0, ...round.map((vendor) => latency[vendor])), 0);
}

/** Seeded PRNG (mulberry32): the same seed draws the same requests in every peer's run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
