/**
 * One load run against one peer: closed loop with autocannon (maximum throughput) or paced at a fixed
 * rate (latency at a given load, see paced.ts). Each request is drawn afresh by the workload (random
 * accounts per request), answers are checked cheaply for errors, and the peer and the generator side
 * are measured over exactly the measured window.
 */
import autocannon from 'autocannon';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import type { Fleet, VendorCounters } from './fleet.js';
import { cpuSeconds, watch, type Usage } from './processes.js';
import { paced, type PacedResult } from './paced.js';
import { seededRandom, type BenchData, type HttpCall, type PeerKind, type Workload } from './workloads.js';

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
  const warm = options.warmupSeconds > 0 ? await drive({ ...options, seconds: options.warmupSeconds, seed: options.seed + 1 }) : null;
  // A closed-loop window only a few answers long measures the window, not the peer (2 s against 2-s
  // answers reads as 0 req/s): it is stretched to four warm-up medians, at most five times its planned
  // length. A warm-up that got no answer at all (a peer starved of CPU by a busy machine) gets the five
  // times. A paced window is not: its requests are due at the rate whatever the answers take.
  const wanted = options.rate ? 0 : warm && warm.completed === 0 ? Infinity : Math.ceil(((warm?.latencyP50 ?? 0) * 4) / 1000);
  const seconds = Math.max(options.seconds, Math.min(options.seconds * 5, wanted));
  const before = await fleet.counters();
  const peer = watch(peerPid);
  const generatorBefore = process.cpuUsage();
  const simulatorBefore = cpuSeconds(fleet.child.pid);
  const started = performance.now();
  const run = await drive({ ...options, seconds });
  const wall = (performance.now() - started) / 1000;
  const generatorCpu = (cpuSecondsOf(generatorBefore) + cpuSeconds(fleet.child.pid) - simulatorBefore) / wall;
  const usage = peer.stop();
  const after = await fleet.counters();
  return {
    reqPerSec: run.completed / run.seconds,
    completed: run.completed,
    failed: run.failed,
    latencyP50: run.latencyP50,
    latencyP99: run.latencyP99,
    // Over requests sent, not answered: calls of requests still in flight when the window closes count too.
    upstreamCallsPerOp: run.sent > 0 ? sumOver(after, before, 'requests') / run.sent : 0,
    newUpstreamConnections: sumOver(after, before, 'connectionsOpened'),
    usage,
    failureSample: run.failureSample,
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

/** Under load an answer is checked cheaply: a GraphQL error or a mutation result other than a success fails it. */
const FAILED_RESULT = /"__typename":"(?!UpdateUserSuccess")/;
const isFailure = (status: number, body: string) => status !== 200 || body.includes('"errors"') || FAILED_RESULT.test(body);

/** A fixed offered load (paced, open loop) when `rate` is set; else autocannon's closed loop. */
function drive(options: LoadOptions): Promise<PacedResult> {
  const random = seededRandom(options.seed);
  const next = () => options.workload.request(options.kind, options.workload.sample(random, options.data));
  if (options.rate) return paced(options.url, { rate: options.rate, seconds: options.seconds, connections: options.connections, next, failed: isFailure });
  return closedLoop(options, next);
}

async function closedLoop({ url, connections, seconds }: LoadOptions, next: () => HttpCall): Promise<PacedResult> {
  let bodyErrors = 0;
  let failureSample: string | null = null;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 20,
    requests: [
      {
        setupRequest: (request) => {
          const call = next();
          return {
            ...request,
            method: call.method,
            path: call.path,
            headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
            body: call.body === undefined ? undefined : JSON.stringify(call.body),
          } as autocannon.Request;
        },
        onResponse: (status, body) => {
          if (!isFailure(status, body)) return;
          if (status === 200) bodyErrors++;
          failureSample ??= `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  return {
    completed: result['2xx'] - bodyErrors,
    failed: result.non2xx + bodyErrors + result.errors + result.timeouts,
    sent: result.requests.sent,
    seconds: result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    failureSample,
  };
}
