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

/** An answer as compared: writes stamp `updatedAt` with the vendor's clock, so it is left out there. */
function comparable(answer: Answer, writes: boolean): string {
  if ('error' in answer || !writes) return JSON.stringify(answer);
  return JSON.stringify({ users: answer.users.map((user) => (user ? { ...user, updatedAt: undefined } : user)) });
}

export async function checkAnswers(peers: readonly RunningPeer[], workloads: readonly Workload<never>[], data: BenchData, { requests, seed }: { requests: number; seed: number }): Promise<CheckResult> {
  const random = seededRandom(seed);
  const mismatches: CheckResult['mismatches'][number][] = [];
  let identical = 0;
  for (let i = 0; i < requests; i++) {
    const workload = workloads[i % workloads.length] as Workload<never>;
    const params = workload.sample(random, data);
    const answers: Record<string, string> = {};
    // One peer after another: a write's answer is the account after it, the same whoever wrote last.
    for (const { peer, url } of peers) {
      const { status, body } = await send(url, workload.request(peer.kind, params));
      answers[peer.name] = comparable(workload.answer(peer.kind, status, body), workload.writes);
    }
    const distinct = new Set(Object.values(answers));
    const failed = Object.values(answers).some((answer) => answer.startsWith('{"error"'));
    if (distinct.size === 1 && !failed) identical++;
    else if (mismatches.length < 5) mismatches.push({ workload: workload.name, answers });
  }
  return { requests, identical, mismatches, passed: identical === requests };
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
