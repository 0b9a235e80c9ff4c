/**
 * What a benchmark run measures and for how long. `quick` runs the same code over fewer cells and
 * shorter windows, to finish in under three minutes; `full` is the method in full.
 */
import { PROFILES, type Profile } from './fleet.js';
import { WORKLOADS, type Workload } from './workloads.js';

export interface Cell {
  readonly profile: Profile;
  readonly workloads: readonly Workload<never>[];
  /** Fractions of the slowest peer's maximum at which latency is measured under a fixed offered load. */
  readonly levels: readonly number[];
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
  readonly seed: number;
}

const byName = (...names: string[]) => WORKLOADS.filter((workload) => names.includes(workload.name));
const profile = (name: string) => PROFILES.find((candidate) => candidate.name === name) as Profile;

export function planFor(mode: 'full' | 'quick'): Plan {
  if (mode === 'quick') {
    // Under 3 minutes on two cores: Apollo with its default fetcher only (the undici variant runs in
    // full), the multi-vendor workloads plus the one-vendor baseline, short windows, and 400 of the full
    // run's 1,000 answer checks (four peers answering 1,000 requests take two minutes on two cores).
    return {
      mode,
      repetitions: 1,
      connections: 50,
      peers: ['floor', 'apollo-default', 'switchboard'],
      peerWarmupSeconds: 10,
      warmupSeconds: 1,
      seconds: 2,
      rateSeconds: 2,
      rateWarmupSeconds: 1,
      checkRequests: 400,
      countRequests: 5,
      cells: [
        { profile: profile('zero'), workloads: byName('one-user', 'person-4-vendors', 'users-20-per-vendor', 'update-person-3-vendors'), levels: [] },
        { profile: profile('fixed'), workloads: byName('person-4-vendors', 'update-person-3-vendors'), levels: [0.25] },
      ],
      seed: 20261125,
    };
  }
  return {
    mode,
    repetitions: 3,
    connections: 50,
    peerWarmupSeconds: 30,
    warmupSeconds: 5,
    seconds: 30,
    rateSeconds: 10,
    rateWarmupSeconds: 2,
    checkRequests: 1000,
    countRequests: 50,
    cells: PROFILES.map((each) => ({ profile: each, workloads: WORKLOADS, levels: [0.25, 0.5, 0.75] })),
    seed: 20261125,
  };
}
