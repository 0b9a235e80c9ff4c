/**
 * Workloads about what caching, shared stores and the outbound quota change (issues 13 and 16), each
 * run on peers started for it with the settings it is about, after the side-by-side matrix:
 *
 * - `hot-set`: Zipf reads over all accounts, Switchboard with the entity cache off and on
 *   (`CACHE_TTL_MS`), the floor beside each (its cache a plain Map); req/s and upstream calls per operation.
 * - `dialpad-quota`: Dialpad-only reads offered at 5× its published 20 a second, with the simulator
 *   holding Dialpad's limits and Switchboard its quota, cache off and on: the share answered, p99, and
 *   the vendor's worst second from the simulator's own arrival log.
 * - `one-user-redis`: the one-user read with `REDIS_URL` (a real `redis-server` the run starts) against
 *   the memory stores.
 *
 * The settings are named as issue 13 names them. A Switchboard that does not know one yet ignores it,
 * so these rows then measure the same gateway twice; the report says so (`inert`), it never fakes a cache.
 */
import { PROFILES, worstSecond, type Fleet, type Profile } from './fleet.js';
import { runLoad, type LoadResult } from './load.js';
import { PEERS, type Peer } from './peers/index.js';
import { seededRandom, WORKLOADS, type BenchData, type Workload } from './workloads.js';

/** Dialpad's published rate (VENDORS.md), and how far above it the quota workload offers. */
export const DIALPAD_PER_SECOND = 20;
export const QUOTA_OVERLOAD = 5;
/** Entity cache lifetime for the "cache on" peers: longer than any run, so the hot set stays warm. */
export const BENCH_CACHE_TTL_MS = '60000';

export interface ScenarioPeer {
  /** Row name in the report. */
  readonly name: string;
  /** The peer it is started from (PEERS). */
  readonly base: string;
  readonly title: string;
  /** Added to the base peer's environment; `REDIS_URL: REDIS` is replaced by the run's redis-server. */
  readonly env: Readonly<Record<string, string>>;
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly profile: string;
  readonly workload: string;
  readonly peers: readonly ScenarioPeer[];
  /** Offered req/s (paced); absent: closed loop. */
  readonly rate?: number;
  /** Dialpad's published limits held by its simulator while the scenario runs. */
  readonly dialpadLimits: boolean;
}

/** Placeholder for the run's own redis-server URL. */
export const REDIS = '<redis>';
const PUBLISHED_QUOTA = { DIALPAD_RATE_LIMITS: '20/1s,1200/60s' };

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'hot-set',
    title: `Hot set: one user by Zipf (s = 1.1) over all accounts, vendors at 5 / 15 / 30 / 60 ms, closed loop`,
    profile: 'fixed',
    workload: 'hot-set',
    dialpadLimits: false,
    peers: [
      { name: 'floor', base: 'floor', title: 'the floor (no cache)', env: { CACHE_TTL_MS: '0' } },
      { name: 'floor-cache', base: 'floor', title: `the floor with a plain Map as its cache, CACHE_TTL_MS=${BENCH_CACHE_TTL_MS}`, env: { CACHE_TTL_MS: BENCH_CACHE_TTL_MS } },
      { name: 'switchboard', base: 'switchboard', title: 'Switchboard, entity cache off', env: { CACHE_TTL_MS: '0' } },
      { name: 'switchboard-cache', base: 'switchboard', title: `Switchboard, CACHE_TTL_MS=${BENCH_CACHE_TTL_MS}`, env: { CACHE_TTL_MS: BENCH_CACHE_TTL_MS } },
    ],
  },
  {
    name: 'dialpad-quota',
    title: `Dialpad reads offered at ${QUOTA_OVERLOAD}× its ${DIALPAD_PER_SECOND} req/s (paced), Dialpad's limits on at the simulator, Switchboard's quota on`,
    profile: 'fixed',
    workload: 'dialpad-reads',
    rate: DIALPAD_PER_SECOND * QUOTA_OVERLOAD,
    dialpadLimits: true,
    peers: [
      { name: 'switchboard', base: 'switchboard', title: 'Switchboard, quota on, entity cache off', env: { ...PUBLISHED_QUOTA, CACHE_TTL_MS: '0' } },
      { name: 'switchboard-cache', base: 'switchboard', title: `Switchboard, quota on, CACHE_TTL_MS=${BENCH_CACHE_TTL_MS}`, env: { ...PUBLISHED_QUOTA, CACHE_TTL_MS: BENCH_CACHE_TTL_MS } },
    ],
  },
  {
    name: 'one-user-redis',
    title: 'One user from one vendor, zero latency, closed loop: memory stores against Redis',
    profile: 'zero',
    workload: 'one-user',
    dialpadLimits: false,
    peers: [
      { name: 'switchboard', base: 'switchboard', title: 'Switchboard, memory stores', env: {} },
      { name: 'switchboard-redis', base: 'switchboard', title: 'Switchboard, REDIS_URL (the run\'s redis-server)', env: { REDIS_URL: REDIS } },
    ],
  },
];

export interface ScenarioMeasurement {
  readonly scenario: string;
  readonly peer: string;
  readonly rep: number;
  readonly offered: number | null;
  /** Requests due (paced) or sent (closed loop) in the window. */
  readonly sent: number;
  /** Answered well ÷ sent. */
  readonly answeredShare: number;
  /** Dialpad arrivals in its worst second over warm-up and window (quota scenario), else null. */
  readonly vendorWorstSecond: number | null;
  readonly result: LoadResult;
}

/** The plan's windows a scenario runs by (plan.ts's Plan has them all). */
export interface ScenarioTiming {
  readonly repetitions: number;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly rateWarmupSeconds: number;
  readonly scenarioWarmupSeconds: number;
  readonly seed: number;
}

export interface ScenarioContext {
  readonly fleet: Fleet;
  readonly data: BenchData;
  readonly plan: ScenarioTiming;
  readonly redisUrl: string | null;
  /** Starts a peer with extra environment, pinned as the matrix's peers are; resolves to its URL and pid. */
  start(peer: Peer, env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }>;
  log(message: string): void;
}

export function peerOf(scenarioPeer: ScenarioPeer): Peer {
  const base = PEERS.find((peer) => peer.name === scenarioPeer.base);
  if (!base) throw new Error(`scenario peer ${scenarioPeer.name}: no peer ${scenarioPeer.base}`);
  return base;
}

/** A scenario's peers need Redis only when one names it; without a redis-server those rows are skipped. */
export function needsRedis(scenario: Scenario): boolean {
  return scenario.peers.some((peer) => Object.values(peer.env).includes(REDIS));
}

/** `peers`: the scenario's peers this run takes (plan.ts `scenarioPeersOf`). */
export async function runScenario(scenario: Scenario, peers: readonly ScenarioPeer[], context: ScenarioContext): Promise<{ measurements: ScenarioMeasurement[]; skipped: string[] }> {
  const { fleet, data, plan, log } = context;
  const workload = WORKLOADS.find((candidate) => candidate.name === scenario.workload) as Workload<never>;
  const profile = PROFILES.find((candidate) => candidate.name === scenario.profile) as Profile;
  const skipped: string[] = [];
  const runnable = peers.filter((peer) => {
    if (Object.values(peer.env).includes(REDIS) && !context.redisUrl) {
      skipped.push(`${peer.name}: no redis-server on this machine`);
      return false;
    }
    return true;
  });
  const measurements: ScenarioMeasurement[] = [];
  await fleet.setProfile(profile);
  await fleet.setDialpadLimits(scenario.dialpadLimits);
  const started = await Promise.all(
    runnable.map(async (each) => {
      const env = Object.fromEntries(Object.entries(each.env).map(([name, value]) => [name, value === REDIS ? (context.redisUrl as string) : value]));
      return { each, peer: peerOf(each), ...(await context.start(peerOf(each), env)) };
    }),
  );
  try {
    for (const { each, peer, url, pid } of started) {
      // Unmeasured: JIT and pools. Paced like the measured run, so a quota is not spent on warm-up alone.
      await runLoad({ url, kind: peer.kind, workload, data, connections: plan.connections, warmupSeconds: 0, seconds: plan.scenarioWarmupSeconds, rate: scenario.rate, seed: plan.seed - 2 }, pid, fleet);
      log(`  warm ${scenario.name} ${each.name}`);
    }
    for (let rep = 1; rep <= plan.repetitions; rep++) {
      for (const { each, peer, url, pid } of shuffled(started, plan.seed + 200 + rep)) {
        // Dialpad's windows (a second and, per endpoint, a minute) start empty for every run, so one
        // peer's calls never count against the next peer's: its simulator goes back to its seed, with
        // its published limits on, and the profile's latency is put back.
        if (scenario.dialpadLimits) {
          await fleet.resetVendor('dialpad');
          await fleet.setProfile(profile);
          await fleet.setDialpadLimits(true);
        }
        const from = Date.now();
        const result = await runLoad({ url, kind: peer.kind, workload, data, connections: plan.connections, warmupSeconds: scenario.rate ? plan.rateWarmupSeconds : plan.warmupSeconds, seconds: plan.seconds, rate: scenario.rate, seed: plan.seed + rep }, pid, fleet);
        const to = Date.now();
        const vendorWorstSecond = scenario.dialpadLimits ? worstSecond(await fleet.arrivals('dialpad'), from, to) : null;
        const sent = result.completed + result.failed;
        measurements.push({ scenario: scenario.name, peer: each.name, rep, offered: scenario.rate ?? null, sent, answeredShare: sent > 0 ? result.completed / sent : 0, vendorWorstSecond, result });
        log(`  ${scenario.name.padEnd(15)} ${each.name.padEnd(18)} ${result.reqPerSec.toFixed(0).padStart(6)} req/s  answered ${sent > 0 ? ((result.completed / sent) * 100).toFixed(1) : '0'} %  p99 ${result.latencyP99} ms  calls/op ${result.upstreamCallsPerOp.toFixed(2)}${vendorWorstSecond === null ? '' : `  Dialpad worst second ${vendorWorstSecond}`}`);
      }
    }
  } finally {
    await Promise.all(started.map(({ stop }) => stop()));
    await fleet.setDialpadLimits(false);
  }
  return { measurements, skipped };
}

export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
