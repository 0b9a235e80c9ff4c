/**
 * What a benchmark run measures and for how long. `quick` runs the same code over fewer cells, peers
 * and shorter windows, to finish in under three minutes; `full` is the method (3 repetitions,
 * peer order shuffled, 10 s windows after warm-up, the load levels the targets are about) sized to
 * finish within 45 minutes on the project's 2-core machine. `estimateSeconds` says how long before it starts.
 */
import { PROFILES, type Profile } from './fleet.js';
import { QUOTA_OVERLOAD, SCENARIOS, type Scenario, type ScenarioPeer } from './scenarios.js';
import { WORKLOADS, type Workload } from './workloads.js';

export interface Cell {
  readonly profile: Profile;
  readonly workloads: readonly Workload<never>[];
  /** Fractions of the slowest peer's maximum at which latency is measured under a fixed offered load. */
  readonly levels: readonly number[];
  /** The peers measured in this cell (every peer of the run when absent). */
  readonly peers?: readonly string[];
}

export interface Plan {
  readonly mode: 'full' | 'quick';
  readonly repetitions: number;
  readonly connections: number;
  readonly warmupSeconds: number;
  /** Load on every workload before a peer's first measurement, unmeasured: JIT, connection pools, snapshots. */
  readonly peerWarmupSeconds: number;
  /** Peers the mode runs (all of them when absent). */
  readonly peers?: readonly string[];
  /** Closed-loop (maximum throughput) window. */
  readonly seconds: number;
  /** Fixed-load window, and its warm-up. */
  readonly rateSeconds: number;
  readonly rateWarmupSeconds: number;
  /** Randomised requests every peer must answer identically before any load. */
  readonly checkRequests: number;
  /** Requests per workload and peer, one at a time, for the upstream call count. */
  readonly countRequests: number;
  readonly cells: readonly Cell[];
  /** Cache, quota and store workloads (scenarios.ts), each on peers started for it. */
  readonly scenarios: readonly Scenario[];
  /** Unmeasured load on each scenario peer before its first run. */
  readonly scenarioWarmupSeconds: number;
  /** Per scenario, the peers this mode runs (all of the scenario's when absent). */
  readonly scenarioPeers?: Readonly<Record<string, readonly string[]>>;
  readonly seed: number;
}

const byName = (...names: string[]) => WORKLOADS.filter((workload) => names.includes(workload.name));
const profile = (name: string) => PROFILES.find((candidate) => candidate.name === name) as Profile;

export function planFor(mode: 'full' | 'quick'): Plan {
  if (mode === 'quick') {
    // Under 3 minutes on two cores: three zero-latency workloads (the cheap path, a person, the wide
    // read where a slow floor shows), one latency cell at 25 % load, every scenario with short windows,
    // and 120 of the full run's answer checks. Apollo with its default fetcher only.
    return {
      mode,
      repetitions: 1,
      connections: 50,
      peers: ['floor', 'yoga-floor', 'apollo-default', 'switchboard'],
      peerWarmupSeconds: 4,
      warmupSeconds: 1,
      seconds: 2,
      rateSeconds: 2,
      rateWarmupSeconds: 1,
      checkRequests: 120,
      countRequests: 5,
      cells: [
        { profile: profile('zero'), workloads: byName('one-user', 'person-4-vendors', 'users-20-per-vendor'), levels: [] },
        { profile: profile('fixed'), workloads: byName('person-4-vendors'), levels: [0.25] },
      ],
      scenarios: SCENARIOS,
      scenarioWarmupSeconds: 1,
      // With the cache off, Switchboard answers Dialpad reads at the quota's 20 a second, so 5× the
      // quota for 3 s takes 15 s to drain: quick runs the row the target is about.
      scenarioPeers: { 'dialpad-quota': ['switchboard-cache'], 'hot-set': ['switchboard', 'switchboard-cache'] },
      seed: 20261125,
    };
  }
  return {
    mode,
    repetitions: 3,
    connections: 50,
    peerWarmupSeconds: 15,
    warmupSeconds: 2,
    seconds: 10,
    rateSeconds: 10,
    rateWarmupSeconds: 2,
    checkRequests: 400,
    countRequests: 30,
    cells: [
      // Zero latency: every peer is CPU-bound; the throughput targets (Apollo, floor, yoga-floor).
      // update-user is left out: one-user's read and then one write to the same vendor, where
      // update-person-3-vendors covers writes with fan-out; its 3 × 5 runs would take the plan past 45 min.
      { profile: profile('zero'), workloads: byName('one-user', 'person-4-vendors', 'users-20-per-vendor', 'aliases-duplicates', 'update-person-3-vendors'), levels: [] },
      // Vendor latency: the 25 % load level the latency target is about, on the multi-vendor
      // workloads (aliases-duplicates has person-4-vendors' shape, one round of four accounts). Apollo's
      // undici fetcher only at zero latency: with vendor latency the fetcher's CPU does not show.
      { profile: profile('fixed'), workloads: byName('person-4-vendors', 'users-20-per-vendor', 'update-person-3-vendors'), levels: [0.25], peers: ['floor', 'yoga-floor', 'apollo-default', 'switchboard'] },
    ],
    scenarios: SCENARIOS,
    scenarioWarmupSeconds: 3,
    seed: 20261125,
  };
}

/** The peers a scenario runs in this plan. */
export function scenarioPeersOf(plan: Plan, scenario: Scenario): ScenarioPeer[] {
  const only = plan.scenarioPeers?.[scenario.name];
  return scenario.peers.filter((peer) => !only || only.includes(peer.name));
}

/** The peers a cell measures, of the run's. */
export function cellPeers<T extends { name: string }>(cell: Cell, peers: readonly T[]): T[] {
  return peers.filter((peer) => !cell.peers || cell.peers.includes(peer.name));
}

/**
 * Seconds the plan takes, from its windows (a closed-loop window a slow peer stretches, see load.ts,
 * is not foreseen). Per-run overheads are what this machine showed: ~0.5 s of counters and start per
 * run, ~0.25 s per answer check per peer under load from six other engineers, ~4 s to start a peer.
 */
export function estimateSeconds(plan: Plan, peers: readonly { name: string }[]): number {
  const run = (warmup: number, seconds: number) => warmup + seconds + 0.5;
  let total = 10 + 2 * Math.max(2, Math.min(plan.seconds, 5)) + 4; // build, simulators, calibration
  total += (plan.checkRequests / 16) * 0.25 * peers.length * 2 + plan.countRequests * 0.05 * WORKLOADS.length * peers.length;
  total += peers.length * plan.peerWarmupSeconds;
  for (const cell of plan.cells) {
    const perPeer = cell.workloads.length * (run(plan.warmupSeconds, plan.seconds) + cell.levels.length * run(plan.rateWarmupSeconds, plan.rateSeconds));
    total += plan.repetitions * cellPeers(cell, peers).length * perPeer;
  }
  for (const scenario of plan.scenarios) {
    // Behind a quota, a peer without a cache answers at the quota's rate: offered ÷ quota times as long.
    const slowdown = scenario.dialpadLimits ? QUOTA_OVERLOAD : 1;
    const pause = scenario.dialpadLimits ? 0.5 : 0; // the simulator's reset between runs
    for (const peer of scenarioPeersOf(plan, scenario)) {
      const factor = peer.env.CACHE_TTL_MS && peer.env.CACHE_TTL_MS !== '0' ? 1 : slowdown;
      total += 4 + factor * plan.scenarioWarmupSeconds + plan.repetitions * (pause + factor * run(scenario.rate ? plan.rateWarmupSeconds : plan.warmupSeconds, plan.seconds));
    }
  }
  return Math.round(total);
}
