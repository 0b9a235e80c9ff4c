/**
 * One load run against one peer with autocannon, programmatically: each request is drawn afresh by the
 * workload (random accounts per request), answers are checked cheaply for errors, and the peer and
 * the generator side are measured over exactly the measured window.
 */
import autocannon from 'autocannon';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import type { Fleet, VendorCounters } from './fleet.js';
import { cpuSeconds, watch, type Usage } from './processes.js';
import { seededRandom, type BenchData, type PeerKind, type Workload } from './workloads.js';

export interface LoadOptions {
  readonly url: string;
  readonly kind: PeerKind;
  readonly workload: Workload<never>;
  readonly data: BenchData;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Requests per second offered across all connections; absent: closed loop, as fast as answered. */
  readonly rate?: number;
  readonly seed: number;
}

export interface LoadResult {
  /** Answered with 2xx and no error in the body, per second. */
  readonly reqPerSec: number;
  readonly completed: number;
  /** Non-2xx answers, bodies carrying errors, and connection errors or timeouts. */
  readonly failed: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly upstreamCallsPerOp: number;
  readonly newUpstreamConnections: number;
  /** The peer process over the measured window. */
  readonly usage: Usage;
  /** The first failed answer's status and body start, to say why without rerunning. */
  readonly failureSample: string | null;
  /** Load generator and simulators together: CPU seconds per wall second on their core. */
  readonly generatorCpu: number;
}

/** Runs a warm-up (discarded), then the measured run; `peerPid` and `fleet` are measured around the latter. */
export async function runLoad(options: LoadOptions, peerPid: number, fleet: Fleet): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await cannon({ ...options, seconds: options.warmupSeconds, seed: options.seed + 1 });
  const before = await fleet.counters();
  const peer = watch(peerPid);
  const generatorBefore = process.cpuUsage();
  const simulatorBefore = cpuSeconds(fleet.child.pid);
  const started = performance.now();
  const { result, bodyErrors, failureSample } = await cannon(options);
  const wall = (performance.now() - started) / 1000;
  const generatorCpu = (cpuSecondsOf(generatorBefore) + cpuSeconds(fleet.child.pid) - simulatorBefore) / wall;
  const usage = peer.stop();
  const after = await fleet.counters();

  const answered = result['2xx'];
  const completed = answered - bodyErrors;
  const calls = sumOver(after, before, 'requests');
  return {
    reqPerSec: completed / result.duration,
    completed,
    failed: result.non2xx + bodyErrors + result.errors + result.timeouts,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    // Over requests sent, not answered: calls of requests still in flight when the window closes count too.
    upstreamCallsPerOp: result.requests.sent > 0 ? calls / result.requests.sent : 0,
    newUpstreamConnections: sumOver(after, before, 'connectionsOpened'),
    usage,
    failureSample,
    generatorCpu,
  };
}

function cpuSecondsOf(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function sumOver(after: Record<VendorId, VendorCounters>, before: Record<VendorId, VendorCounters>, key: keyof VendorCounters): number {
  return VENDOR_IDS.reduce((sum, vendor) => sum + after[vendor][key] - before[vendor][key], 0);
}

const FAILED_RESULT = /"__typename":"(?!UpdateUserSuccess")/;

async function cannon({ url, kind, workload, data, connections, seconds, rate, seed }: LoadOptions): Promise<{ result: autocannon.Result; bodyErrors: number; failureSample: string | null }> {
  const random = seededRandom(seed);
  let bodyErrors = 0;
  let failureSample: string | null = null;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(rate ? { overallRate: Math.max(1, Math.round(rate)) } : {}),
    timeout: 20,
    requests: [
      {
        setupRequest: (request) => {
          const call = workload.request(kind, workload.sample(random, data));
          return {
            ...request,
            method: call.method,
            path: call.path,
            headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
            body: call.body === undefined ? undefined : JSON.stringify(call.body),
          } as autocannon.Request;
        },
        // Full checks happen before any load (check.ts); under load, an error anywhere in a 200 body
        // (a GraphQL error, a mutation result other than a success) counts the request as failed.
        onResponse: (status, body) => {
          const failed = status !== 200 || body.includes('"errors"') || FAILED_RESULT.test(body);
          if (failed && status === 200) bodyErrors++;
          if (failed) failureSample ??= `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  return { result, bodyErrors, failureSample };
}
