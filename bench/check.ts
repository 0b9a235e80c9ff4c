/**
 * Before any load: every peer must give the same answers to the same randomised requests, and the
 * upstream calls each one makes per operation are counted exactly (one request at a time, the
 * simulators' counters read around each workload's batch) against the workload's minimum.
 */
import { VENDOR_IDS } from '../src/connectors/types.js';
import type { Fleet } from './fleet.js';
import type { Peer } from './peers/index.js';
import { minimumCalls, seededRandom, type Answer, type BenchData, type HttpCall, type Workload } from './workloads.js';

export interface RunningPeer {
  readonly peer: Peer;
  readonly url: string;
}

export interface CheckResult {
  readonly requests: number;
  readonly identical: number;
  /** The first few disagreements, for the report. */
  readonly mismatches: readonly { workload: string; answers: Record<string, string> }[];
  readonly passed: boolean;
  /**
   * Requests whose answers differed (or failed) side by side and were asked again, alone, after the
   * rest: a timeout on a loaded machine is not a disagreement, while a wrong answer is wrong again.
   */
  readonly askedAgain: number;
  /** Milliseconds each peer spent answering, per workload: a slow peer shows here before any load. */
  readonly answerMs: Record<string, Record<string, number>>;
}

export async function send(url: string, call: HttpCall): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url + call.path, {
    method: call.method,
    headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Kept as text: the answer check reports it.
  }
  return { status: response.status, body };
}

/**
 * An answer as compared, with keys sorted (field order is not part of the answer). Writes stamp
 * `updatedAt` with the vendor's clock, so it is left out there.
 */
function comparable(answer: Answer, writes: boolean): string {
  const value = 'error' in answer || !writes ? answer : { users: answer.users.map((user) => (user ? { ...user, updatedAt: undefined } : user)) };
  return JSON.stringify(value, (_key, field: unknown) =>
    field && typeof field === 'object' && !Array.isArray(field) ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : 1))) : field,
  );
}

/** Whether an answer is a failure in itself, even when every peer gives the same one. */
const isFailed = (answer: string) => answer.startsWith('{"error"') || answer.includes('"failed":');

/** Requests answered side by side while checking; a request waits while another touching its accounts writes. */
const CHECK_CONCURRENCY = 16;

export async function checkAnswers(peers: readonly RunningPeer[], workloads: readonly Workload<never>[], data: BenchData, { requests, seed }: { requests: number; seed: number }): Promise<CheckResult> {
  const random = seededRandom(seed);
  const mismatches: CheckResult['mismatches'][number][] = [];
  const answerMs: Record<string, Record<string, number>> = {};
  const locks = createAccountLocks();
  const inFlight = new Set<Promise<void>>();
  let identical = 0;

  const again: [Workload<never>, never][] = [];
  const ask = async (workload: Workload<never>, params: never): Promise<Record<string, string>> =>
    Object.fromEntries(
      await Promise.all(
        peers.map(async ({ peer, url }) => {
          const started = performance.now();
          // A peer that drops the connection gives an error answer, named, instead of ending the check.
          const answer = await send(url, workload.request(peer.kind, params)).then(
            ({ status, body }) => workload.answer(peer.kind, status, body),
            (error: unknown) => ({ error: `${peer.name}: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}` }),
          );
          const spent = (answerMs[peer.name] ??= {});
          spent[workload.name] = (spent[workload.name] ?? 0) + performance.now() - started;
          return [peer.name, comparable(answer, workload.writes)] as const;
        }),
      ),
    );
  const agree = (answers: Record<string, string>) => new Set(Object.values(answers)).size === 1 && !Object.values(answers).some(isFailed);
  const check = async (workload: Workload<never>, params: never) => {
    // All peers at once: a write's answer is the account after it, which is the same whichever peer
    // wrote the (same) value first — a later one finds nothing to change and answers the account as is.
    if (agree(await ask(workload, params))) identical++;
    else again.push([workload, params]);
  };

  for (let i = 0; i < requests; i++) {
    const workload = workloads[i % workloads.length] as Workload<never>;
    const params = workload.sample(random, data);
    const accounts = workload.touches(params);
    while (inFlight.size >= CHECK_CONCURRENCY || !locks.free(accounts, workload.writes)) await Promise.race(inFlight);
    const release = locks.take(accounts, workload.writes);
    const running: Promise<void> = check(workload, params).finally(() => {
      release();
      inFlight.delete(running);
    });
    inFlight.add(running);
  }
  await Promise.all(inFlight);
  for (const [workload, params] of again) {
    const answers = await ask(workload, params);
    if (agree(answers)) identical++;
    else if (mismatches.length < 5) mismatches.push({ workload: workload.name, answers });
  }
  return { requests, identical, mismatches, passed: identical === requests, askedAgain: again.length, answerMs };
}

/** Readers share an account; a writer has it alone, so every peer sees the same account state. */
function createAccountLocks() {
  const readers = new Map<string, number>();
  const writers = new Set<string>();
  return {
    free: (accounts: readonly string[], writes: boolean) => accounts.every((account) => !writers.has(account) && (!writes || !readers.has(account))),
    take(accounts: readonly string[], writes: boolean): () => void {
      const distinct = [...new Set(accounts)];
      for (const account of distinct) {
        if (writes) writers.add(account);
        else readers.set(account, (readers.get(account) ?? 0) + 1);
      }
      return () => {
        for (const account of distinct) {
          if (writes) writers.delete(account);
          else if ((readers.get(account) ?? 0) <= 1) readers.delete(account);
          else readers.set(account, (readers.get(account) ?? 0) - 1);
        }
      };
    },
  };
}

export interface CallCount {
  readonly observed: number;
  readonly minimum: number;
  readonly requests: number;
}

/** Upstream calls of `count` requests per workload, one at a time, after one unmeasured request (sign-in, snapshots). */
export async function countCalls(running: RunningPeer, workloads: readonly Workload<never>[], data: BenchData, fleet: Fleet, { count, seed }: { count: number; seed: number }): Promise<Record<string, CallCount>> {
  const random = seededRandom(seed);
  const counts: Record<string, CallCount> = {};
  for (const workload of workloads) {
    await send(running.url, workload.request(running.peer.kind, workload.sample(random, data)));
    const before = await fleet.counters();
    let minimum = 0;
    for (let i = 0; i < count; i++) {
      const params = workload.sample(random, data);
      minimum += minimumCalls(workload.rounds(params));
      await send(running.url, workload.request(running.peer.kind, params));
    }
    const after = await fleet.counters();
    const observed = VENDOR_IDS.reduce((sum, vendor) => sum + after[vendor].requests - before[vendor].requests, 0);
    counts[workload.name] = { observed, minimum, requests: count };
  }
  return counts;
}
