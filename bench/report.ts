/**
 * From raw measurements to what the issue asks for: medians with min–max over repetitions, ratios of
 * Switchboard against each peer, the targets with their verdicts, flags on cells the generator side
 * may have limited, and docs/BENCHMARKS.md.
 */
import type { CallCount, CheckResult } from './check.js';
import { PROFILES, type Profile } from './fleet.js';
import type { LoadResult } from './load.js';
import { OURS, type Peer } from './peers/index.js';
import type { Plan } from './plan.js';
import type { Scenario, ScenarioMeasurement } from './scenarios.js';
import { criticalPathMs, seededRandom, WORKLOADS, type BenchData } from './workloads.js';

export interface Measurement extends LoadResult {
  readonly profile: string;
  readonly workload: string;
  readonly peer: string;
  readonly rep: number;
  /** Fraction of the slowest peer's maximum; null for the closed-loop maximum. */
  readonly level: number | null;
  readonly offered: number | null;
}

export interface Calibration {
  readonly generatorReqPerSec: number;
  readonly simulatorCallsPerSec: number;
  readonly seconds: number;
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface Aggregate {
  readonly profile: string;
  readonly workload: string;
  readonly peer: string;
  readonly level: number | null;
  readonly reqPerSec: Spread;
  readonly latencyP50: Spread;
  readonly latencyP99: Spread;
  readonly upstreamCallsPerOp: Spread;
  readonly newUpstreamConnections: Spread;
  readonly rssSteadyMB: Spread;
  readonly rssPeakMB: Spread;
  /** Peer CPU per answered request, ms. */
  readonly cpuMsPerRequest: Spread;
  /** Peer CPU, cores busy. */
  readonly cpu: Spread;
  readonly failed: number;
  readonly flags: readonly string[];
}

export interface Target {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface Summary {
  readonly aggregates: readonly Aggregate[];
  /** `ours ÷ peer` req/s at the closed-loop maximum, per profile, workload and peer. */
  readonly throughputRatios: readonly { profile: string; workload: string; peer: string; ratio: number }[];
  /** p50 ÷ the fastest possible answer (slowest vendor per round) at 25 % load, per profile with latency. */
  readonly latencyOverCriticalPath: readonly { profile: string; workload: string; peer: string; p50: number; criticalPathMs: number; ratio: number }[];
  readonly callRatios: readonly { peer: string; workload: string; observed: number; minimum: number; ratio: number }[];
  readonly resourceRatios: readonly { profile: string; workload: string; peer: string; cpuPerRequest: number; rssSteady: number }[];
  /** Cells at the maximum where a peer that should be faster (SHOULD_BE_FASTER) was slower. */
  readonly orderFlags: readonly { profile: string; workload: string; faster: string; slower: string; fasterReqPerSec: number; slowerReqPerSec: number }[];
  /** The scenarios' figures, medians over repetitions (the worst second: the worst of them). */
  readonly scenarioRows: readonly ScenarioRow[];
  readonly targets: readonly Target[];
  readonly headline: readonly string[];
}

export interface ScenarioRow {
  readonly scenario: string;
  readonly peer: string;
  readonly reqPerSec: Spread;
  readonly answeredShare: Spread;
  readonly latencyP50: Spread;
  readonly latencyP99: Spread;
  readonly upstreamCallsPerOp: Spread;
  readonly vendorWorstSecond: number | null;
  readonly rssSteadyMB: Spread;
  readonly failed: number;
}

export interface RunRecord {
  readonly mode: Plan['mode'];
  readonly startedAt: string;
  readonly seconds: number;
  readonly commit: string;
  readonly machine: { cpus: number; model: string; node: string; pinned: boolean };
  readonly plan: Omit<Plan, 'cells'> & { cells: { profile: Profile; workloads: string[]; levels: readonly number[] }[] };
  readonly peers: readonly Pick<Peer, 'name' | 'title' | 'kind'>[];
  readonly workloads: readonly { name: string; title: string }[];
  readonly calibration: Calibration;
  readonly check: CheckResult;
  readonly calls: Record<string, Record<string, CallCount>>;
  readonly measurements: readonly Measurement[];
  /** Each peer's RSS just after it started, before any request. */
  readonly idleRssMB: Record<string, number>;
  readonly scenarios: {
    readonly definitions: readonly Scenario[];
    readonly measurements: readonly ScenarioMeasurement[];
    /** Rows skipped and why. */
    readonly notes: readonly string[];
    /** Whether the gateway's source reads the scenarios' settings at all (false: those rows measure it unchanged). */
    readonly gateway: { readonly cacheTtlMs: boolean; readonly redisUrl: boolean };
  };
  /** What the plan was estimated to take before it started, seconds. */
  readonly estimateSeconds: number;
  readonly summary: Summary;
}

/**
 * Pairs where the first should answer more requests a second than the second on every cell: the
 * floor does least of all, and yoga-floor is Switchboard's framework without Switchboard. A cell where
 * it is not so is flagged: either the faster peer has a bug or the cell measured noise.
 */
export const SHOULD_BE_FASTER: readonly (readonly [string, string])[] = [
  ['floor', 'yoga-floor'],
  ['floor', 'apollo-default'],
  ['floor', 'apollo-undici'],
  ['floor', OURS],
  ['yoga-floor', OURS],
];

/** The same for the scenarios' rows (scenarios.ts): each floor row against the Switchboard row it stands beside. */
export const SCENARIO_SHOULD_BE_FASTER: readonly (readonly [string, string])[] = [
  ['floor', OURS],
  ['floor-cache', `${OURS}-cache`],
];

/** Workloads that touch several vendors in one operation: where fan-out and batching show. */
export const MULTI_VENDOR = ['person-4-vendors', 'users-20-per-vendor', 'aliases-duplicates', 'update-person-3-vendors'];
const MB = 1024 * 1024;

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: 0, min: 0, max: 0 };
  const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

export function summarise(
  measurements: readonly Measurement[],
  calls: RunRecord['calls'],
  plan: Plan,
  data: BenchData,
  peers: readonly Peer[],
  calibration: Calibration,
  scenarioMeasurements: readonly ScenarioMeasurement[] = [],
  /** Whether the gateway reads the scenarios' settings; a target about an inert one is not measured. */
  knobs: RunRecord['scenarios']['gateway'] = { cacheTtlMs: true, redisUrl: true },
): Summary {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = [m.profile, m.workload, m.peer, m.level].join('|');
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const aggregates: Aggregate[] = [...groups.values()].map((group) => {
    const first = group[0]!;
    const flags = new Set<string>();
    for (const m of group) {
      if (m.generatorCpu > 0.9) flags.add(`generator core ${(m.generatorCpu * 100).toFixed(0)} % busy`);
      const callsPerSec = m.reqPerSec * m.upstreamCallsPerOp;
      if (callsPerSec > 0.8 * calibration.simulatorCallsPerSec) flags.add(`${callsPerSec.toFixed(0)} upstream calls/s, near the simulators' ceiling`);
      if (m.reqPerSec > 0.8 * calibration.generatorReqPerSec) flags.add('near the generator ceiling');
      if (m.failed > 0) flags.add(`${m.failed} failed requests`);
      if (m.completed === 0) flags.add('nothing answered in the window (a peer starved of CPU, or answers slower than 5 windows)');
    }
    return {
      profile: first.profile,
      workload: first.workload,
      peer: first.peer,
      level: first.level,
      reqPerSec: spread(group.map((m) => m.reqPerSec)),
      latencyP50: spread(group.map((m) => m.latencyP50)),
      latencyP99: spread(group.map((m) => m.latencyP99)),
      upstreamCallsPerOp: spread(group.map((m) => m.upstreamCallsPerOp)),
      newUpstreamConnections: spread(group.map((m) => m.newUpstreamConnections)),
      rssSteadyMB: spread(group.map((m) => m.usage.rssSteady / MB)),
      rssPeakMB: spread(group.map((m) => m.usage.rssPeak / MB)),
      cpuMsPerRequest: spread(group.map((m) => (m.completed > 0 ? (m.usage.cpuSeconds * 1000) / m.completed : 0))),
      cpu: spread(group.map((m) => m.usage.cpu)),
      failed: group.reduce((sum, m) => sum + m.failed, 0),
      flags: [...flags],
    };
  });
  const find = (profile: string, workload: string, peer: string, level: number | null) => aggregateOf(aggregates, profile, workload, peer, level);

  const others = peers.filter((peer) => peer.name !== OURS);
  const throughputRatios: Summary['throughputRatios'][number][] = [];
  const resourceRatios: Summary['resourceRatios'][number][] = [];
  const latencyOverCriticalPath: Summary['latencyOverCriticalPath'][number][] = [];
  for (const cell of plan.cells) {
    for (const workload of cell.workloads) {
      const ours = find(cell.profile.name, workload.name, OURS, null);
      for (const peer of others) {
        const theirs = find(cell.profile.name, workload.name, peer.name, null);
        // A peer that answered nothing in the window has no ratio to give (it would read as ×∞).
        if (!ours || !theirs || theirs.reqPerSec.median === 0) continue;
        throughputRatios.push({ profile: cell.profile.name, workload: workload.name, peer: peer.name, ratio: ours.reqPerSec.median / theirs.reqPerSec.median });
        resourceRatios.push({
          profile: cell.profile.name,
          workload: workload.name,
          peer: peer.name,
          cpuPerRequest: ours.cpuMsPerRequest.median / theirs.cpuMsPerRequest.median,
          rssSteady: ours.rssSteadyMB.median / theirs.rssSteadyMB.median,
        });
      }
      if (!cell.levels.includes(0.25) || Object.values(cell.profile.latency).every((ms) => ms === 0)) continue;
      const critical = medianCriticalPath(workload.name, cell.profile, data);
      for (const peer of peers) {
        const at25 = find(cell.profile.name, workload.name, peer.name, 0.25);
        if (at25) latencyOverCriticalPath.push({ profile: cell.profile.name, workload: workload.name, peer: peer.name, p50: at25.latencyP50.median, criticalPathMs: critical, ratio: at25.latencyP50.median / critical });
      }
    }
  }
  const callRatios = Object.entries(calls).flatMap(([peer, perWorkload]) =>
    Object.entries(perWorkload).map(([workload, count]) => ({ peer, workload, observed: count.observed, minimum: count.minimum, ratio: count.observed / count.minimum })),
  );

  const orderFlags: Summary['orderFlags'][number][] = [];
  for (const cell of plan.cells) {
    for (const workload of cell.workloads) {
      for (const [faster, slower] of SHOULD_BE_FASTER) {
        const a = find(cell.profile.name, workload.name, faster, null);
        const b = find(cell.profile.name, workload.name, slower, null);
        // A cell where either answered (almost) nothing is flagged as such under Flags, not here.
        if (a && b && a.reqPerSec.median >= 1 && b.reqPerSec.median >= 1 && a.reqPerSec.median < b.reqPerSec.median) {
          orderFlags.push({ profile: cell.profile.name, workload: workload.name, faster, slower, fasterReqPerSec: a.reqPerSec.median, slowerReqPerSec: b.reqPerSec.median });
        }
      }
    }
  }
  const scenarioRows = summariseScenarios(scenarioMeasurements);
  for (const scenario of new Set(scenarioRows.map((row) => row.scenario))) {
    for (const [faster, slower] of SCENARIO_SHOULD_BE_FASTER) {
      const a = scenarioRows.find((row) => row.scenario === scenario && row.peer === faster);
      const b = scenarioRows.find((row) => row.scenario === scenario && row.peer === slower);
      if (a && b && a.reqPerSec.median >= 1 && b.reqPerSec.median >= 1 && a.reqPerSec.median < b.reqPerSec.median) {
        orderFlags.push({ profile: 'scenario', workload: scenario, faster, slower, fasterReqPerSec: a.reqPerSec.median, slowerReqPerSec: b.reqPerSec.median });
      }
    }
  }
  const targets = evaluateTargets({ aggregates, throughputRatios, latencyOverCriticalPath, callRatios, scenarioRows }, knobs);
  const headline = [
    ...targets.map((target) => `${target.met ? 'MET    ' : 'NOT MET'}  ${target.target}: ${target.measured}`),
  ];
  return { aggregates, throughputRatios, latencyOverCriticalPath, callRatios, resourceRatios, orderFlags, scenarioRows, targets, headline };
}

function summariseScenarios(measurements: readonly ScenarioMeasurement[]): ScenarioRow[] {
  const groups = new Map<string, ScenarioMeasurement[]>();
  for (const m of measurements) groups.set(`${m.scenario}|${m.peer}`, [...(groups.get(`${m.scenario}|${m.peer}`) ?? []), m]);
  return [...groups.values()].map((group) => {
    const worst = group.map((m) => m.vendorWorstSecond).filter((n): n is number => n !== null);
    return {
      scenario: group[0]!.scenario,
      peer: group[0]!.peer,
      reqPerSec: spread(group.map((m) => m.result.reqPerSec)),
      answeredShare: spread(group.map((m) => m.answeredShare)),
      latencyP50: spread(group.map((m) => m.result.latencyP50)),
      latencyP99: spread(group.map((m) => m.result.latencyP99)),
      upstreamCallsPerOp: spread(group.map((m) => m.result.upstreamCallsPerOp)),
      vendorWorstSecond: worst.length > 0 ? Math.max(...worst) : null,
      rssSteadyMB: spread(group.map((m) => m.result.usage.rssSteady / MB)),
      failed: group.reduce((sum, m) => sum + m.result.failed, 0),
    };
  });
}

/** The aggregate of one cell: a peer on a workload under a profile, at a load level (null: maximum). */
function aggregateOf(aggregates: readonly Aggregate[], profile: string, workload: string, peer: string, level: number | null): Aggregate | undefined {
  return aggregates.find((a) => a.profile === profile && a.workload === workload && a.peer === peer && a.level === level);
}

/** The median fastest-possible answer of a workload's requests under a profile (vendor medians). */
function medianCriticalPath(workloadName: string, profile: Profile, data: BenchData): number {
  const workload = WORKLOADS.find((candidate) => candidate.name === workloadName)!;
  const random = seededRandom(1);
  const paths = Array.from({ length: 501 }, () => criticalPathMs(workload.rounds(workload.sample(random, data)), profile.latency));
  return spread(paths).median;
}

function evaluateTargets(
  { aggregates, throughputRatios, latencyOverCriticalPath, callRatios, scenarioRows }: Pick<Summary, 'aggregates' | 'throughputRatios' | 'latencyOverCriticalPath' | 'callRatios' | 'scenarioRows'>,
  knobs: RunRecord['scenarios']['gateway'],
): Target[] {
  const fmt = (value: number) => value.toFixed(2);
  const range = (values: number[]) => (values.length === 0 ? 'not measured' : `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`);
  const oursCalls = callRatios.filter((ratio) => ratio.peer === OURS);
  const latency = latencyOverCriticalPath.filter((ratio) => ratio.peer === OURS && MULTI_VENDOR.includes(ratio.workload));
  const apollo = throughputRatios.filter((ratio) => ratio.profile === 'zero' && ratio.peer.startsWith('apollo') && MULTI_VENDOR.includes(ratio.workload));
  const floor = throughputRatios.filter((ratio) => ratio.peer === 'floor');
  const yogaFloor = throughputRatios.filter((ratio) => ratio.peer === 'yoga-floor');
  // Steady RSS under load ÷ the floor's on the same cell (the peer process at its maximum).
  const rss = aggregates
    .filter((a) => a.peer === OURS && a.level === null)
    .flatMap((a) => {
      const floorCell = aggregates.find((b) => b.peer === 'floor' && b.level === null && b.profile === a.profile && b.workload === a.workload);
      return floorCell && floorCell.rssSteadyMB.median > 0 ? [a.rssSteadyMB.median / floorCell.rssSteadyMB.median] : [];
    });
  // A "cache on" row of a gateway that does not read CACHE_TTL_MS measured no cache: nothing to judge.
  const row = (scenario: string, peer: string) => (peer.endsWith('-cache') && !knobs.cacheTtlMs ? undefined : scenarioRows.find((r) => r.scenario === scenario && r.peer === peer));
  const unmeasured = knobs.cacheTtlMs ? 'not measured' : 'not measured: CACHE_TTL_MS is inert at this commit';
  const hotOff = row('hot-set', OURS);
  const hotOn = row('hot-set', `${OURS}-cache`);
  const quota = row('dialpad-quota', `${OURS}-cache`);
  return [
    { target: 'upstream calls ÷ minimum = 1.00 on every workload (cache off)', measured: range(oursCalls.map((r) => r.ratio)), met: oursCalls.length > 0 && oursCalls.every((r) => Math.abs(r.ratio - 1) < 0.005) },
    {
      target: 'upstream calls ÷ minimum ≤ 0.2 on the hot set with the cache on',
      measured: hotOn ? fmt(hotOn.upstreamCallsPerOp.median) : unmeasured,
      met: hotOn !== undefined && hotOn.upstreamCallsPerOp.median <= 0.2,
    },
    { target: 'p50 ÷ slowest-vendor critical path ≤ 1.10 at 25 % load (multi-vendor workloads)', measured: range(latency.map((r) => r.ratio)), met: latency.length > 0 && latency.every((r) => r.ratio <= 1.1) },
    { target: 'req/s ≥ 2× Apollo Server + RESTDataSource on multi-vendor workloads at zero latency', measured: range(apollo.map((r) => r.ratio)), met: apollo.length > 0 && apollo.every((r) => r.ratio >= 2) },
    { target: 'req/s ≥ 0.6× the floor on every workload', measured: range(floor.map((r) => r.ratio)), met: floor.length > 0 && floor.every((r) => r.ratio >= 0.6) },
    { target: 'req/s ≥ 0.9× yoga-floor on every workload', measured: range(yogaFloor.map((r) => r.ratio)), met: yogaFloor.length > 0 && yogaFloor.every((r) => r.ratio >= 0.9) },
    {
      target: 'hot set with the cache on ≥ 3× its req/s with the cache off',
      measured: hotOn && hotOff && hotOff.reqPerSec.median > 0 ? `${fmt(hotOn.reqPerSec.median / hotOff.reqPerSec.median)}×` : unmeasured,
      met: hotOn !== undefined && hotOff !== undefined && hotOff.reqPerSec.median > 0 && hotOn.reqPerSec.median >= 3 * hotOff.reqPerSec.median,
    },
    {
      target: 'Dialpad at 5× its quota with the cache on: ≥ 99 % answered, the vendor never above 20 in a second',
      measured: quota ? `${(quota.answeredShare.median * 100).toFixed(1)} % answered, worst second ${quota.vendorWorstSecond ?? 'not read'}` : unmeasured,
      met: quota !== undefined && quota.answeredShare.median >= 0.99 && quota.vendorWorstSecond !== null && quota.vendorWorstSecond <= 20,
    },
    { target: 'steady RSS under load ≤ 1.0× the floor\'s (same cell)', measured: rss.length === 0 ? 'not measured' : `${fmt(Math.max(...rss))}× at most`, met: rss.length > 0 && Math.max(...rss) <= 1 },
  ];
}

export function renderMarkdown(record: RunRecord, jsonPath: string): string {
  const { summary, plan } = record;
  const fmt = (value: number, digits = 0) => value.toFixed(digits);
  const spreadText = (s: Spread, digits = 0) => (plan.repetitions > 1 ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : fmt(s.median, digits));
  const peerNames = record.peers.map((peer) => peer.name);
  const title = (workload: string) => record.workloads.find((w) => w.name === workload)?.title ?? workload;
  const lines: string[] = [];
  const table = (head: string[], rows: string[][]) => {
    lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`), '');
  };

  lines.push(
    '# Benchmarks',
    '',
    `Generated by \`npm run bench${record.mode === 'quick' ? ':quick' : ''}\` on ${record.startedAt} (commit ${record.commit}, ${record.seconds} s against ${record.estimateSeconds} s estimated); do not edit by hand. Raw figures: \`${jsonPath}\`.`,
    ...(record.mode === 'quick' ? ['', '**A quick run** (one repetition, short windows, on a machine others share): it shows the harness works. Its figures are not evidence for or against the targets; the full run (`npm run bench`) is.'] : []),
    '',
    `Mode **${record.mode}**: ${plan.repetitions} repetition(s) with peer order shuffled, ${plan.connections} connections, closed loop ${plan.warmupSeconds} s warm-up + ${plan.seconds} s measured, fixed loads ${plan.rateWarmupSeconds} s + ${plan.rateSeconds} s. ` +
      (plan.repetitions > 1 ? 'Figures are medians with min–max over repetitions.' : 'One repetition: figures are single runs.'),
    `Machine: ${record.machine.cpus} × ${record.machine.model}, Node ${record.machine.node}; ${record.machine.pinned ? 'each peer pinned to core 0, the load generator (autocannon) and the simulators to core 1' : 'not pinned'}.`,
    '',
    '## Peers',
    '',
    ...record.peers.map((peer) => `- **${peer.name}**: ${peer.title}.`),
    '',
    'Every peer drives the same vendor clients and mapping (`bench/peers/kit.ts`), so they differ in server, GraphQL engine, HTTP client and batching only. Hive Gateway / Mesh is not a peer: it cannot give these answers from these REST vendors without hand-written resolvers (docs/PERFORMANCE.md, "yoga-floor, and why Hive Gateway / Mesh is not a peer").',
    '',
    '## Targets',
    '',
  );
  table(['Target', 'Measured (Switchboard)', 'Verdict'], summary.targets.map((t) => [t.target, t.measured, t.met ? 'met' : '**not met**']));

  lines.push('## Calibration and correctness', '');
  lines.push(
    `- Generator ceiling (autocannon against a bare node:http server on the peer core): **${fmt(record.calibration.generatorReqPerSec)} req/s**.`,
    `- Simulator ceiling (autocannon against one Rinkel route, sharing the generator core): **${fmt(record.calibration.simulatorCallsPerSec)} calls/s**.`,
    `- Answers: **${record.check.identical} of ${record.check.requests}** randomised requests answered identically by every peer before any load${record.check.askedAgain ? ` (${record.check.askedAgain} of them, failed or different side by side, asked again alone)` : ''}${record.check.passed ? '' : ' — FAILED, see the JSON'}.`,
    '',
  );

  lines.push('## Upstream calls per operation', '', 'Counted one request at a time from the simulators\' own counters; the minimum is what the answer needs (one GET per distinct account, a read before each write, Dialpad\'s email search).', '');
  const workloadsCounted = Object.keys(Object.values(record.calls)[0] ?? {});
  table(
    ['Workload', 'Minimum', ...peerNames],
    workloadsCounted.map((workload) => {
      const minimum = record.calls[peerNames[0]!]?.[workload];
      return [title(workload), minimum ? fmt(minimum.minimum / minimum.requests, 2) : '', ...peerNames.map((peer) => {
        const count = record.calls[peer]?.[workload];
        return count ? `${fmt(count.observed / count.requests, 2)} (× ${fmt(count.observed / count.minimum, 2)})` : '';
      })];
    }),
  );

  for (const profile of PROFILES) {
    const cell = plan.cells.find((c) => c.profile.name === profile.name);
    if (!cell) continue;
    lines.push(`## Profile \`${profile.name}\`: ${profile.title}`, '', '### Maximum throughput, req/s (closed loop)', '');
    const others = peerNames.filter((peer) => peer !== OURS);
    table(
      ['Workload', ...peerNames, ...others.map((peer) => `ours ÷ ${peer}`)],
      cell.workloads.map((workload) => [
        title(workload),
        ...peerNames.map((peer) => {
          const a = aggregateOf(summary.aggregates, profile.name, workload, peer, null);
          return a ? spreadText(a.reqPerSec) + (a.flags.length ? ' ⚑' : '') : '';
        }),
        ...others.map((peer) => {
          const r = summary.throughputRatios.find((x) => x.profile === profile.name && x.workload === workload && x.peer === peer);
          return r ? `${fmt(r.ratio, 2)}×` : '';
        }),
      ]),
    );
    const resources = summary.resourceRatios.filter((x) => x.profile === profile.name);
    if (resources.length > 0) {
      lines.push('### Ours ÷ each peer: CPU per request and steady RSS (lower is leaner)', '');
      table(
        ['Workload', ...others.map((peer) => `CPU/req ÷ ${peer}`), ...others.map((peer) => `RSS ÷ ${peer}`)],
        cell.workloads.map((workload) => [
          title(workload),
          ...others.map((peer) => { const r = resources.find((x) => x.workload === workload && x.peer === peer); return r ? `${fmt(r.cpuPerRequest, 2)}×` : ''; }),
          ...others.map((peer) => { const r = resources.find((x) => x.workload === workload && x.peer === peer); return r ? `${fmt(r.rssSteady, 2)}×` : ''; }),
        ]),
      );
    }
    lines.push('### Resources at maximum throughput (peer process)', '');
    table(
      ['Workload', ...peerNames.map((peer) => `${peer}: CPU ms/req · RSS steady/peak MB · new conns`)],
      cell.workloads.map((workload) => [
        title(workload),
        ...peerNames.map((peer) => {
          const a = aggregateOf(summary.aggregates, profile.name, workload, peer, null);
          return a ? `${fmt(a.cpuMsPerRequest.median, 2)} · ${fmt(a.rssSteadyMB.median)}/${fmt(a.rssPeakMB.median)} · ${fmt(a.newUpstreamConnections.median)}` : '';
        }),
      ]),
    );
    for (const level of cell.levels) {
      lines.push(`### Latency at ${level * 100} % of the slowest peer's maximum, p50 / p99 ms`, '');
      table(
        ['Workload', 'Offered req/s', ...peerNames],
        cell.workloads.map((workload) => {
          const first = record.measurements.find((m) => m.profile === profile.name && m.workload === workload && m.level === level);
          return [
            title(workload),
            first?.offered ? fmt(first.offered) : '',
            ...peerNames.map((peer) => {
              const a = aggregateOf(summary.aggregates, profile.name, workload, peer, level);
              return a ? `${spreadText(a.latencyP50)} / ${spreadText(a.latencyP99)}` : '';
            }),
          ];
        }),
      );
    }
    const critical = summary.latencyOverCriticalPath.filter((x) => x.profile === profile.name);
    if (critical.length > 0) {
      lines.push('### p50 at 25 % load ÷ the fastest possible answer', '', 'The fastest possible answer is the slowest vendor of each round that cannot overlap (a read, then its write), summed: the fan-out should cost the maximum, not the sum.', '');
      const workloads = [...new Set(critical.map((x) => x.workload))];
      table(
        ['Workload', 'Fastest possible, ms', ...peerNames],
        workloads.map((workload) => [
          title(workload),
          fmt(critical.find((x) => x.workload === workload)!.criticalPathMs),
          ...peerNames.map((peer) => {
            const r = critical.find((x) => x.workload === workload && x.peer === peer);
            return r ? `${fmt(r.ratio, 2)} (${fmt(r.p50)} ms)` : '';
          }),
        ]),
      );
    }
  }

  renderScenarios(record, lines, table);

  lines.push('## Memory', '', 'RSS of each peer process just after it started (idle), and steady RSS under load (the median of 4 samples a second over a maximum-throughput window) ÷ the floor\'s on the same cell.', '');
  table(['Peer', 'Idle RSS, MB', 'Steady RSS under load ÷ floor (min–max over cells)'], peerNames.map((peer) => {
    const ratios = summary.aggregates.filter((a) => a.peer === peer && a.level === null).flatMap((a) => {
      const floorCell = aggregateOf(summary.aggregates, a.profile, a.workload, 'floor', null);
      return floorCell && floorCell.rssSteadyMB.median > 0 ? [a.rssSteadyMB.median / floorCell.rssSteadyMB.median] : [];
    });
    return [peer, record.idleRssMB[peer] === undefined ? '' : fmt(record.idleRssMB[peer]!), ratios.length ? `${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}×` : ''];
  }));

  lines.push(
    '## Peers slower than they should be',
    '',
    `Pairs where the first should be faster on every cell: ${SHOULD_BE_FASTER.map(([a, b]) => `${a} > ${b}`).join(', ')}; in each scenario where both ran, ${SCENARIO_SHOULD_BE_FASTER.map(([a, b]) => `${a} > ${b}`).join(', ')}.`,
    '',
  );
  if (summary.orderFlags.length === 0) lines.push('None: on every cell at the maximum, each of these peers was at least as fast as the one it should beat.', '');
  else for (const f of summary.orderFlags) lines.push(`- ⚑ ${f.profile} / ${f.workload}: **${f.faster}** ${fmt(f.fasterReqPerSec)} req/s < ${f.slower} ${fmt(f.slowerReqPerSec)} req/s`);
  lines.push('');

  const flagged = summary.aggregates.filter((a) => a.flags.length > 0);
  lines.push('## Flags', '');
  if (flagged.length === 0) lines.push('No cell was flagged: the generator core stayed under 90 % busy, no cell came near the generator or simulator ceiling, and no request failed.', '');
  else for (const a of flagged) lines.push(`- ⚑ ${a.profile} / ${a.workload} / ${a.peer}${a.level === null ? '' : ` at ${a.level * 100} %`}: ${a.flags.join('; ')}`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function renderScenarios(record: RunRecord, lines: string[], table: (head: string[], rows: string[][]) => void): void {
  const { definitions, notes, gateway } = record.scenarios;
  if (definitions.length === 0) return;
  const fmt = (value: number, digits = 0) => value.toFixed(digits);
  const spreadText = (s: Spread, digits = 0) => (record.plan.repetitions > 1 ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : fmt(s.median, digits));
  lines.push('## Cache, quota and stores', '', 'Each on peers started for it, with the settings named below; upstream calls per operation from the simulators\' counters (the minimum with no cache is 1.00).', '');
  if (!gateway.cacheTtlMs) lines.push('- **`CACHE_TTL_MS` is inert at this commit**: no gateway source reads it, so the "cache on" rows measure Switchboard without a cache.');
  if (!gateway.redisUrl) lines.push('- **`REDIS_URL` is inert at this commit**: no gateway source reads it, so the Redis rows measure the memory stores.');
  for (const note of notes) lines.push(`- ${note}`);
  lines.push('');
  for (const scenario of definitions) {
    const rows = record.summary.scenarioRows.filter((row) => row.scenario === scenario.name);
    if (rows.length === 0) continue;
    lines.push(`### \`${scenario.name}\`: ${scenario.title}`, '');
    table(
      ['Peer', 'Settings', 'req/s', 'Answered', 'p50 / p99 ms', 'Upstream calls/op', ...(scenario.dialpadLimits ? ['Dialpad\'s worst second'] : []), 'Steady RSS MB'],
      rows.map((row) => {
        const peer = scenario.peers.find((each) => each.name === row.peer);
        return [
          row.peer,
          peer && Object.keys(peer.env).length ? Object.entries(peer.env).map(([name, value]) => `\`${name}=${value}\``).join(' ') : '—',
          spreadText(row.reqPerSec),
          `${fmt(row.answeredShare.median * 100, 1)} %`,
          `${spreadText(row.latencyP50)} / ${spreadText(row.latencyP99)}`,
          spreadText(row.upstreamCallsPerOp, 2),
          ...(scenario.dialpadLimits ? [row.vendorWorstSecond === null ? 'not read' : String(row.vendorWorstSecond)] : []),
          fmt(row.rssSteadyMB.median),
        ];
      }),
    );
  }
}
