import { setTimeout as sleep } from 'node:timers/promises';
import type { VendorId } from '../../src/connectors/types.js';
import type { UpstreamCode } from '../../src/errors.js';
import type { FaultRuleInput } from '../../src/simulator/faults.js';
import type { LedgerEntry } from '../../src/simulator/recorder.js';
import type { TestApp } from './app.js';

/**
 * The fault matrix's table: each fault as simulator rules, and what the gateway must report for it on a
 * read, a write and a per-person fan-out. Expectations follow from the spec (issue 5, API.md) and the
 * simulator's contract (which faults run the vendor logic), not from what the gateway happens to do.
 */

/** Per-attempt timeout for every vendor: short, so "beyond the timeout" costs little wall time. */
export const TIMEOUT_MS = 600;
/** One GraphQL request, end to end. Fits three attempts spaced by `Retry-After: 1`. */
export const DEADLINE_MS = 3000;
/** Slack for the response to travel after the deadline fired; the only timing tolerance. */
export const DEADLINE_MARGIN_MS = 500;
export const LATENCY_MS = TIMEOUT_MS + 700;

export const MATRIX_ENV: Record<string, string> = {
  REQUEST_DEADLINE_MS: String(DEADLINE_MS),
  RINKEL_TIMEOUT_MS: String(TIMEOUT_MS),
  DIALPAD_TIMEOUT_MS: String(TIMEOUT_MS),
  IMICHAT_TIMEOUT_MS: String(TIMEOUT_MS),
  COMMPEAK_TIMEOUT_MS: String(TIMEOUT_MS),
};

/** Each vendor's users endpoints; IMIchat's `/authorize` lies outside, so token calls are never faulted. */
export const USERS_PATH: Record<VendorId, string> = { rinkel: '/users', dialpad: '/api/v2/users', imichat: '/users', commpeak: '/api/users' };
/** The method each vendor's update uses (VENDORS.md). */
export const WRITE_METHOD: Record<VendorId, 'PATCH' | 'PUT'> = { rinkel: 'PATCH', dialpad: 'PATCH', imichat: 'PUT', commpeak: 'PUT' };

/** The faulted item of a read: its data, or null with this error. */
export type ReadExpectation = { data: true } | { code: UpstreamCode; httpStatus: number | null };

/** The faulted account's write result, and how many applied writes its ledger must show once everything settled. */
export type WriteExpectation =
  | { typename: 'UpdateUserSuccess'; applied: 1 }
  | { typename: 'VendorError'; outcome: 'NOT_APPLIED'; code: string; httpStatus: number | null; applied: 0 }
  | { typename: 'VendorError'; outcome: 'UNKNOWN'; code: string; httpStatus: number | null; applied: 0 | 1 }
  | { typename: 'RateLimitedError'; retryAfterSeconds: number; applied: 0 };

type Match = { methods?: string[]; pathPrefix: string };

export interface Fault {
  readonly name: string;
  /** The rules for the faulted vendor, or `refused`: its port is closed for the whole case. */
  rules(match: Match): FaultRuleInput[] | 'refused';
  readonly read: ReadExpectation;
  readonly write: WriteExpectation;
  /** The fan-out differs from the single write only where the person's lookup itself fails. */
  readonly fanOut?: WriteExpectation;
}

const NOT_APPLIED = (code: string, httpStatus: number | null) => ({ typename: 'VendorError', outcome: 'NOT_APPLIED', code, httpStatus, applied: 0 }) as const;
const SUCCESS = { typename: 'UpdateUserSuccess', applied: 1 } as const;

/**
 * In the matrix every fault is persistent: it hits every matching request of the case, so a read sees
 * it on each of its attempts. For reads the rules match every method on the users path; for writes they
 * match only the update method, so the account is read, planned and read back normally and the fault
 * lands on the one request that can change state (a fault on the pre-read would prove nothing about
 * write safety). The transient readings (`times: 1`) are in `TRANSIENT_READS` / `TRANSIENT_KEYED_WRITES`.
 */
export const FAULTS: readonly Fault[] = [
  {
    // Persistent: every attempt waits past the timeout, and timeouts are not retried (the deadline would pay twice).
    // The write: no answer in time, and the read-back still shows the old value because the write is still
    // sleeping at the vendor; it lands later. So the only truthful answer is UNKNOWN, and the ledger must
    // show it applied once the delay has passed (NOT_APPLIED would have been a lie).
    name: 'latency beyond the timeout',
    rules: (match) => [{ kind: 'latency', ms: LATENCY_MS, match }],
    read: { code: 'VENDOR_UNAVAILABLE', httpStatus: null },
    write: { typename: 'VendorError', outcome: 'UNKNOWN', code: 'VENDOR_UNAVAILABLE', httpStatus: null, applied: 1 },
  },
  {
    // Persistent by nature: the port is closed for the whole case, so even the write's pre-read fails and
    // nothing is sent (NOT_APPLIED); in the fan-out the person's lookup in this vendor fails the same way.
    name: 'connection refused',
    rules: () => 'refused',
    read: { code: 'VENDOR_UNAVAILABLE', httpStatus: null },
    write: NOT_APPLIED('VENDOR_UNAVAILABLE', null),
  },
  {
    // Persistent: a read is retried on a reset and fails after the capped attempts. The write's connection
    // drops before the vendor logic runs; the read-back shows the old value and nothing is in flight: NOT_APPLIED.
    name: 'reset before the write is applied',
    rules: (match) => [{ kind: 'reset', when: 'before', match }],
    read: { code: 'VENDOR_UNAVAILABLE', httpStatus: null },
    write: NOT_APPLIED('VENDOR_UNAVAILABLE', null),
  },
  {
    // Persistent. The vendor applied the write, then the connection dropped: the read-back shows the new
    // value, so the truthful answer is success (an error would invite a second write).
    name: 'reset after the write is applied',
    rules: (match) => [{ kind: 'reset', when: 'after', match }],
    read: { code: 'VENDOR_UNAVAILABLE', httpStatus: null },
    write: SUCCESS,
  },
  {
    // Persistent; a 500 is not retried. The simulator's 500 stands in for the vendor, whose logic never ran:
    // the read-back shows the old value, so NOT_APPLIED.
    name: '500',
    rules: (match) => [{ kind: 'status', status: 500, match }],
    read: { code: 'VENDOR_ERROR', httpStatus: 500 },
    write: NOT_APPLIED('VENDOR_ERROR', 500),
  },
  {
    // Persistent: the read honours `Retry-After: 1` twice (3 attempts, ~2 s, inside the deadline) and then
    // reports the 503. An unkeyed write is not retried; the read-back proves it did not apply.
    name: '503 with Retry-After',
    rules: (match) => [{ kind: 'status', status: 503, retryAfterSeconds: 1, match }],
    read: { code: 'VENDOR_UNAVAILABLE', httpStatus: 503 },
    write: NOT_APPLIED('VENDOR_UNAVAILABLE', 503),
  },
  {
    // Persistent: as the 503, but a 429 is a refusal, so the write is a RateLimitedError with the vendor's wait.
    name: '429',
    rules: (match) => [{ kind: 'rate-limit', retryAfterSeconds: 1, match }],
    read: { code: 'RATE_LIMITED', httpStatus: 429 },
    write: { typename: 'RateLimitedError', retryAfterSeconds: 1, applied: 0 },
  },
  {
    // Persistent, and under the per-attempt timeout: everything must simply succeed.
    name: 'slow body',
    rules: (match) => [{ kind: 'slow-body', ms: 300, match }],
    read: { data: true },
    write: SUCCESS,
  },
  {
    // Persistent; an unreadable 200 is not retried on a read. On a write the vendor logic ran and said 2xx,
    // so the gateway must read the account back and report success.
    name: 'truncated body',
    rules: (match) => [{ kind: 'truncated-body', match }],
    read: { code: 'BAD_VENDOR_RESPONSE', httpStatus: 200 },
    write: SUCCESS,
  },
  {
    // Persistent; as the truncated body.
    name: 'malformed JSON',
    rules: (match) => [{ kind: 'malformed-json', match }],
    read: { code: 'BAD_VENDOR_RESPONSE', httpStatus: 200 },
    write: SUCCESS,
  },
];

/** Faults that a retry cures when they happen once: a read must then succeed on its second attempt. */
export const TRANSIENT_READS: readonly { name: string; rule: FaultRuleInput }[] = [
  { name: 'reset before, once', rule: { kind: 'reset', when: 'before', times: 1 } },
  { name: 'reset after, once', rule: { kind: 'reset', when: 'after', times: 1 } },
  { name: '503 with Retry-After: 1, once', rule: { kind: 'status', status: 503, retryAfterSeconds: 1, times: 1 } },
  { name: '429 with Retry-After: 1, once', rule: { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 } },
];

/**
 * Write faults that certainly left nothing applied, once: with an idempotency key the gateway may send the
 * write again (after proof it did not apply), so it must end in success with exactly one applied write.
 */
export const TRANSIENT_KEYED_WRITES: readonly { name: string; rule: FaultRuleInput }[] = [
  { name: 'reset before, once', rule: { kind: 'reset', when: 'before', times: 1 } },
  { name: '503 with Retry-After: 1, once', rule: { kind: 'status', status: 503, retryAfterSeconds: 1, times: 1 } },
  { name: '429 with Retry-After: 1, once', rule: { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 } },
];

/**
 * The kind the simulator records on a request it spoiled, so a case can prove its fault really fired
 * (a rule that matched nothing would let a case "hold" without testing anything). Latency leaves no
 * mark of its own and a closed port records nothing: null.
 */
export function recordedKind(rules: FaultRuleInput[] | 'refused'): string | null {
  if (rules === 'refused') return null;
  const kind = rules.find((rule) => rule.kind !== 'latency')?.kind;
  return kind ?? null;
}

/** Installs the fault on one vendor for the duration of `run`; a closed port is reopened on the same port whatever happens. */
export async function withFault<T>(app: TestApp, vendor: VendorId, rules: FaultRuleInput[] | 'refused', run: () => Promise<T>): Promise<T> {
  const simulator = app.simulators[vendor];
  if (rules !== 'refused') {
    simulator.faults.set(rules);
    return run();
  }
  const port = Number(new URL(simulator.url ?? '').port);
  await simulator.close();
  try {
    return await run();
  } finally {
    await simulator.listen(port);
  }
}

/** The ledger entries for one account (IMIchat's `/authorize` and other paths left out). */
export function writesTo(app: TestApp, vendor: VendorId, vendorUserId: string): LedgerEntry[] {
  return app.simulators[vendor].ledger().entries.filter((entry) => entry.url.startsWith(`${USERS_PATH[vendor]}/`) && entry.url.endsWith(`/${vendorUserId}`));
}

/** Every write to the vendor's users endpoints, whichever account. */
export function userWrites(app: TestApp, vendor: VendorId): LedgerEntry[] {
  return app.simulators[vendor].ledger().entries.filter((entry) => entry.url.startsWith(USERS_PATH[vendor]));
}

/**
 * Waits until no write is still being held by a latency rule (received, vendor logic not yet run), so
 * the ledger shows every late write the gateway gave up on. Entries whose fault replaced the vendor
 * logic (reset before, status) stay without a status for good and are not waited for.
 */
export async function settle(app: TestApp, vendor: VendorId, limitMs = LATENCY_MS + 1000): Promise<void> {
  const until = Date.now() + limitMs;
  const pending = () => app.simulators[vendor].ledger().entries.some((entry) => entry.status === null && entry.delivery === 'response');
  while (pending() && Date.now() < until) await sleep(25);
}

/** A first name no account holds yet, letters only, different in every case. */
export function freshName(): string {
  freshName.count++;
  let n = freshName.count;
  let letters = '';
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Fault${letters}`;
}
freshName.count = 0;

/** Posts a GraphQL request and measures the wall time of the whole HTTP exchange. */
export async function timedGraphql<T>(app: TestApp, query: string, variables?: Record<string, unknown>) {
  const started = performance.now();
  const response = await app.graphql<T>(query, variables);
  return { ...response, ms: performance.now() - started };
}
