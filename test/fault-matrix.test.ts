import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { UPSTREAM_CODES } from '../src/errors.js';
import { createPeople } from '../src/simulator/people.js';
import { startTestApp, type TestApp } from './support/app.js';
import {
  DEADLINE_MARGIN_MS, DEADLINE_MS, FAULTS, freshName, MATRIX_ENV, recordedKind, settle, timedGraphql, TRANSIENT_KEYED_WRITES, TRANSIENT_READS, USERS_PATH,
  userWrites, withFault, WRITE_METHOD, writesTo, type WriteExpectation,
} from './support/fault-matrix.js';

// The fault matrix (issue 5, deliverable 7): every vendor × every fault × {read across all vendors, write,
// per-person fan-out write}, over real HTTP against the simulators. Each case proves: the answer comes
// within the deadline; every item ends in a reported state; the ledger agrees with what was reported;
// no write applied twice; the other vendors unaffected. Cases share one app, so they run in sequence.

let app: TestApp;
const tally = { matrix: { tried: 0, held: 0 }, transient: { tried: 0, held: 0 } };

interface Account { id: string; vendor: string; vendorUserId: string }
/** One account per vendor for the read and the single write, listed before any fault. */
const accounts = {} as Record<VendorId, Account>;
/** The fan-out's person: the one with accounts in the most vendors (seed 5 has one in all four). */
const person = [...createPeople({ seed: 5 }).shared].sort((a, b) => b.vendors.length - a.vendors.length)[0];
const personAccounts = {} as Record<VendorId, string>;

beforeAll(async () => {
  app = await startTestApp(MATRIX_ENV);
  for (const vendor of VENDOR_IDS) {
    const { data } = await app.graphql<{ users: { edges: { node: Account }[] } }>(
      `query ($v: [Vendor!]) { users(first: 1, filter: { vendors: $v }) { edges { node { id vendor vendorUserId } } } }`, { v: [vendor.toUpperCase()] });
    const node = data?.users.edges[0]?.node;
    if (!node) throw new Error(`no ${vendor} account to read`);
    accounts[vendor] = node;
  }
  if (!person) throw new Error('seed 5 has no person with accounts in several vendors');
  const { data } = await app.graphql<{ usersByEmail: { vendor: string; vendorUserId: string }[] }>('query ($e: EmailAddress!) { usersByEmail(email: $e) { vendor vendorUserId } }', { e: person.email });
  for (const user of data?.usersByEmail ?? []) personAccounts[user.vendor.toLowerCase() as VendorId] = user.vendorUserId;
  expect(Object.keys(personAccounts).sort()).toEqual([...person.vendors].sort());
});
afterAll(async () => {
  const { matrix, transient } = tally;
  console.log(`fault matrix: ${matrix.tried + transient.tried} cases tried, ${matrix.held + transient.held} held (matrix ${matrix.held}/${matrix.tried}, transient readings ${transient.held}/${transient.tried})`);
  await app?.close();
});
beforeEach(async () => {
  app.reset();
  // Resetting IMIchat's simulator forgets the tokens it issued, so the gateway's next IMIchat call would be
  // refused (2003) and repeated after `/authorize`: a fault would then land on that refused call instead of
  // the one the case means. One read renews the token before the fault goes in; the records start empty.
  await app.graphql(`{ user(id: "${accounts.imichat.id}") { id } }`);
  for (const vendor of VENDOR_IDS) app.simulators[vendor].clearRecords();
});

/** Counts the case as tried, and as held only once every assertion in it passed. */
function counted<A extends unknown[]>(group: keyof typeof tally, body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    tally[group].tried++;
    await body(...args);
    tally[group].held++;
  };
}

const RESULT = `__typename
  ... on UpdateUserSuccess { user { vendor vendorUserId firstName } }
  ... on VendorError { vendor outcome code httpStatus message }
  ... on RateLimitedError { vendor retryAfterSeconds message }
  ... on NotFoundError { message }
  ... on ValidationError { message fieldErrors { field reason } }`;
const UPDATE_USER = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { ${RESULT} } }`;
const UPDATE_PERSON = `mutation ($email: EmailAddress!, $patch: UserPatchInput!) { updateUsersByEmail(email: $email, patch: $patch) { ${RESULT} } }`;
const READ_ALL = () => `{ ${VENDOR_IDS.map((vendor) => `${vendor}: user(id: "${accounts[vendor].id}") { id vendor vendorUserId }`).join(' ')} }`;

interface Result {
  __typename: string;
  vendor?: string;
  outcome?: string;
  user?: { vendor: string; vendorUserId: string; firstName: string };
}
const vendorOf = (result: Result) => result.user?.vendor ?? result.vendor;
const REPORTED = ['UpdateUserSuccess', 'VendorError', 'RateLimitedError', 'NotFoundError', 'ValidationError'];

/** What the lead needs to see when a case fails: the gateway's answer and the vendor's ledger. */
function evidence(text: string, vendor: VendorId): string {
  return `response: ${text.slice(0, 1200)}\n${vendor} ledger: ${JSON.stringify(userWrites(app, vendor))}`;
}

/** The result a write reported for an account, against the expectation and against that account's ledger. */
async function expectWriteHeld(result: Result | undefined, expected: WriteExpectation, vendor: VendorId, vendorUserId: string, name: string, text: string) {
  await settle(app, vendor);
  const why = evidence(text, vendor);
  const entries = writesTo(app, vendor, vendorUserId);
  const applied = entries.filter((entry) => entry.applied).length;
  // 2. A reported state, never missing.
  expect(REPORTED, why).toContain(result?.__typename);
  // 3. The ledger agrees: success ⇒ applied; applied ⇒ success, or UNKNOWN when the gateway could not know;
  // a certain "not applied" (NOT_APPLIED, rate limited) ⇒ nothing applied.
  if (result?.__typename === 'UpdateUserSuccess') expect(applied, why).toBe(1);
  if (applied > 0) expect(result?.__typename === 'UpdateUserSuccess' || result?.outcome === 'UNKNOWN', why).toBe(true);
  if (result?.__typename === 'RateLimitedError' || result?.outcome === 'NOT_APPLIED') expect(applied, why).toBe(0);
  // 4. Never applied twice; and a write without an idempotency key is never sent again.
  expect(applied, why).toBeLessThanOrEqual(1);
  expect(entries.length, why).toBeLessThanOrEqual(1);
  // The exact outcome this fault calls for (reasoning beside each fault in support/fault-matrix.ts).
  const V = vendor.toUpperCase();
  switch (expected.typename) {
    case 'UpdateUserSuccess':
      expect(result, why).toMatchObject({ __typename: 'UpdateUserSuccess', user: { vendor: V, vendorUserId, firstName: name } });
      break;
    case 'VendorError':
      expect(result, why).toMatchObject({ __typename: 'VendorError', vendor: V, outcome: expected.outcome, code: expected.code, httpStatus: expected.httpStatus });
      break;
    case 'RateLimitedError':
      expect(result, why).toMatchObject({ __typename: 'RateLimitedError', vendor: V, retryAfterSeconds: expected.retryAfterSeconds });
      break;
  }
  expect(applied, why).toBe(expected.applied);
}

/** The write itself met the fault (it is the one request the write rules match). */
function expectWriteFaulted(rules: ReturnType<(typeof FAULTS)[number]['rules']>, vendor: VendorId, vendorUserId: string, text: string) {
  const kind = recordedKind(rules);
  if (kind) expect(writesTo(app, vendor, vendorUserId).map((entry) => entry.delivery), `the fault never fired; ${evidence(text, vendor)}`).toEqual([kind]);
}

function expectWithinDeadline(ms: number, text: string) {
  // 1. The spec's only timing promise: the answer arrives within the request deadline.
  expect(ms, `took ${Math.round(ms)} ms; response: ${text.slice(0, 600)}`).toBeLessThan(DEADLINE_MS + DEADLINE_MARGIN_MS);
}

describe.each(VENDOR_IDS)('%s', (vendor) => {
  const V = vendor.toUpperCase();
  const others = VENDOR_IDS.filter((other) => other !== vendor);
  const readScope = { pathPrefix: USERS_PATH[vendor] };
  const writeScope = { methods: [WRITE_METHOD[vendor]], pathPrefix: USERS_PATH[vendor] };

  describe.each(FAULTS)('$name', (fault) => {
    it('read across all four vendors', counted('matrix', async () => {
      const rules = fault.rules(readScope);
      const { status, data, errors, text, ms } = await withFault(app, vendor, rules, () => timedGraphql<Record<string, Account | null>>(app, READ_ALL()));
      const why = evidence(text, vendor);
      const kind = recordedKind(rules);
      if (kind) expect(app.simulators[vendor].requests().entries.map((entry) => entry.fault), `the fault never fired; ${why}`).toContain(kind);
      expectWithinDeadline(ms, text);
      expect(status, why).toBe(200);
      // 2. Every error is a reported vendor failure of the faulted vendor's item, nothing else.
      for (const error of errors ?? []) {
        expect(error.path, why).toEqual([vendor]);
        expect(UPSTREAM_CODES, why).toContain(error.extensions?.code);
        expect(error.extensions?.vendor, why).toBe(V);
      }
      if ('data' in fault.read) {
        expect(data?.[vendor], why).toEqual(accounts[vendor]);
        expect(errors, why).toBeUndefined();
      } else {
        expect(data?.[vendor], why).toBeNull();
        expect(errors, why).toHaveLength(1);
        expect(errors?.[0]?.extensions, why).toMatchObject({ code: fault.read.code, vendor: V, httpStatus: fault.read.httpStatus });
      }
      // 5. The other vendors' data is intact.
      for (const other of others) expect(data?.[other], why).toEqual(accounts[other]);
      // 3. A read writes nothing anywhere.
      for (const any of VENDOR_IDS) expect(userWrites(app, any), why).toEqual([]);
    }));

    it('write (updateUser)', counted('matrix', async () => {
      const name = freshName();
      const { id, vendorUserId } = accounts[vendor];
      const rules = fault.rules(writeScope);
      const { data, errors, text, ms } = await withFault(app, vendor, rules, () =>
        timedGraphql<{ updateUser: Result }>(app, UPDATE_USER, { input: { id, firstName: name } }));
      expectWithinDeadline(ms, text);
      expectWriteFaulted(rules, vendor, vendorUserId, text);
      expect(errors, evidence(text, vendor)).toBeUndefined();
      await expectWriteHeld(data?.updateUser, fault.write, vendor, vendorUserId, name, text);
      // 5. No other vendor was written to.
      for (const other of others) expect(userWrites(app, other), evidence(text, other)).toEqual([]);
    }));

    it('per-person fan-out write (updateUsersByEmail)', counted('matrix', async () => {
      if (!person) throw new Error('no shared person');
      const name = freshName();
      const rules = fault.rules(writeScope);
      const { data, errors, text, ms } = await withFault(app, vendor, rules, () =>
        timedGraphql<{ updateUsersByEmail: Result[] }>(app, UPDATE_PERSON, { email: person.email, patch: { firstName: name } }));
      expectWithinDeadline(ms, text);
      expectWriteFaulted(rules, vendor, personAccounts[vendor], text);
      expect(errors, evidence(text, vendor)).toBeUndefined();
      const results = data?.updateUsersByEmail ?? [];
      // 2. Exactly one reported result per account of the person: none missing, none extra.
      expect(results.map(vendorOf).sort(), evidence(text, vendor)).toEqual(person.vendors.map((v) => v.toUpperCase()).sort());
      const byVendor = new Map(results.map((result) => [vendorOf(result), result]));
      await expectWriteHeld(byVendor.get(V), fault.fanOut ?? fault.write, vendor, personAccounts[vendor], name, text);
      // 5. Every other account of the person was written, exactly once, and says so.
      for (const other of person.vendors.filter((v) => v !== vendor)) {
        const why = evidence(text, other);
        expect(byVendor.get(other.toUpperCase()), why).toMatchObject({ __typename: 'UpdateUserSuccess', user: { vendorUserId: personAccounts[other], firstName: name } });
        expect(writesTo(app, other, personAccounts[other]).map((entry) => entry.applied), why).toEqual([true]);
        expect(userWrites(app, other), why).toHaveLength(1);
      }
    }));
  });

  // The transient readings: a fault that happens once. Reads retry it; keyed writes may be sent again
  // once the gateway knows the first did not apply. The unkeyed write's transient reading is the matrix's
  // write case itself: it sends one write whatever happens, so once and always are the same to it.
  describe('transient', () => {
    it.each(TRANSIENT_READS)('read: $name → succeeds after one retry', counted('transient', async ({ rule }) => {
      const { data, errors, text, ms } = await withFault(app, vendor, [{ ...rule, match: readScope }], () => timedGraphql<Record<string, Account | null>>(app, READ_ALL()));
      const why = evidence(text, vendor);
      expectWithinDeadline(ms, text);
      expect(errors, why).toBeUndefined();
      for (const any of VENDOR_IDS) expect(data?.[any], why).toEqual(accounts[any]);
      const gets = app.simulators[vendor].requests().entries.filter((entry) => entry.method === 'GET' && entry.url === `${USERS_PATH[vendor]}/${accounts[vendor].vendorUserId}`);
      expect(gets.map((entry) => entry.fault), why).toEqual([rule.kind, null]);
    }));

    it.each(TRANSIENT_KEYED_WRITES)('keyed write: $name → sent again, applied once', counted('transient', async ({ rule }) => {
      const name = freshName();
      const { id, vendorUserId } = accounts[vendor];
      const input = { id, firstName: name, idempotencyKey: `fault-matrix-${name}` };
      const { data, errors, text, ms } = await withFault(app, vendor, [{ ...rule, match: writeScope }], () => timedGraphql<{ updateUser: Result }>(app, UPDATE_USER, { input }));
      const why = evidence(text, vendor);
      expectWithinDeadline(ms, text);
      expect(errors, why).toBeUndefined();
      expect(data?.updateUser, why).toMatchObject({ __typename: 'UpdateUserSuccess', user: { vendor: V, vendorUserId, firstName: name } });
      await settle(app, vendor);
      expect(writesTo(app, vendor, vendorUserId).map((entry) => entry.applied), why).toEqual([false, true]);
    }));
  });
});
