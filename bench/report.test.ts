/**
 * From measurements to verdicts: medians, ratios, targets at their thresholds, flags, and the
 * Markdown report. Hand-made measurements only, so each figure and verdict is known in advance.
 */
import { describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import type { CallCount, CheckResult } from './check.js';
import { OURS, PEERS } from './peers/index.js';
import { planFor } from './plan.js';
import { renderMarkdown, spread, summarise, type Calibration, type Measurement, type RunRecord, type Summary } from './report.js';
import type { ScenarioMeasurement } from './scenarios.js';
import { WORKLOADS, type Account, type BenchData, type Person } from './workloads.js';

const MB = 1024 * 1024;
const account = (vendor: VendorId, index: number): Account => ({ vendor, vendorUserId: `${vendor.slice(0, 2)}-${index}` });
const person = (email: string, vendors: readonly VendorId[], index: number): Person => ({ email, accounts: vendors.map((vendor) => account(vendor, index)) });
const data: BenchData = {
  accounts: Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, Array.from({ length: 24 }, (_, i) => account(vendor, i))])) as Record<VendorId, Account[]>,
  peopleInFour: [person('a@example.com', VENDOR_IDS, 0), person('b@example.com', VENDOR_IDS, 1)],
  // Both with a CommPeak account, so the fixed profile's fastest answer is 60 + 60 ms for either.
  peopleInThree: [person('c@example.com', ['rinkel', 'dialpad', 'commpeak'], 2), person('d@example.com', ['rinkel', 'imichat', 'commpeak'], 3)],
};

const plan = planFor('quick');
const peers = PEERS.filter((peer) => (plan.peers ?? []).includes(peer.name));
/** Ceilings far above anything measured here, so only the flags a test sets up appear. */
const calibration: Calibration = { generatorReqPerSec: 1e6, simulatorCallsPerSec: 1e7, seconds: 1 };

type Cell = Pick<Measurement, 'profile' | 'workload' | 'peer'>;
function measurement(cell: Cell, over: Partial<Measurement> = {}): Measurement {
  return {
    rep: 1,
    level: null,
    offered: null,
    reqPerSec: 100,
    completed: 200,
    failed: 0,
    latencyP50: 10,
    latencyP99: 20,
    upstreamCallsPerOp: 4,
    newUpstreamConnections: 0,
    usage: { cpu: 0.5, cpuSeconds: 1, rssSteady: 100 * MB, rssPeak: 150 * MB },
    failureSample: null,
    generatorCpu: 0.3,
    ...cell,
    ...over,
  };
}
/** One closed-loop measurement per peer and workload of the quick plan's zero profile, at `reqPerSec[peer]`. */
function closedLoop(reqPerSec: Record<string, number>, workloads = ['one-user', 'person-4-vendors', 'users-20-per-vendor', 'update-person-3-vendors']): Measurement[] {
  return workloads.flatMap((workload) => Object.entries(reqPerSec).map(([peer, rate]) => measurement({ profile: 'zero', workload, peer }, { reqPerSec: rate })));
}
const count = (observed: number, minimum: number): CallCount => ({ observed, minimum, requests: 10 });
const exactCalls = { [OURS]: { 'one-user': count(10, 10), 'person-4-vendors': count(40, 40) } };

const summary = (measurements: readonly Measurement[], calls: RunRecord['calls'] = exactCalls) => summarise(measurements, calls, plan, data, peers, calibration);
function verdict(result: Summary, about: string): boolean {
  const target = result.targets.find((t) => t.target.includes(about));
  if (!target) throw new Error(`no target about ${about}`);
  return target.met;
}

describe('spread', () => {
  it('takes the middle value of an odd count, the mean of the middle two of an even one', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spread([7])).toEqual({ median: 7, min: 7, max: 7 });
    expect(spread([-5, 5])).toEqual({ median: 0, min: -5, max: 5 });
  });

  it('sorts numerically, leaves its input alone, and gives zeros when empty', () => {
    // A default (string) sort would put 100 before 9 and take 100 as the median.
    expect(spread([10, 9, 100])).toEqual({ median: 10, min: 9, max: 100 });
    const values = [3, 1, 2];
    spread(values);
    expect(values).toEqual([3, 1, 2]);
    expect(spread([])).toEqual({ median: 0, min: 0, max: 0 });
  });
});

describe('summarise', () => {
  it('aggregates repetitions by cell with medians, MB and CPU per request', () => {
    const reps = [100, 200, 600].map((reqPerSec, i) =>
      measurement({ profile: 'zero', workload: 'person-4-vendors', peer: OURS }, { rep: i + 1, reqPerSec, failed: i, usage: { cpu: 1, cpuSeconds: 2 * (i + 1), rssSteady: (50 + 10 * i) * MB, rssPeak: 90 * MB } }),
    );
    const [aggregate] = summary(reps).aggregates;
    expect(summary(reps).aggregates).toHaveLength(1);
    expect(aggregate?.reqPerSec).toEqual({ median: 200, min: 100, max: 600 });
    expect(aggregate?.rssSteadyMB).toEqual({ median: 60, min: 50, max: 70 });
    // 2, 4, 6 CPU seconds over 200 answers each: 10, 20, 30 ms per request.
    expect(aggregate?.cpuMsPerRequest).toEqual({ median: 20, min: 10, max: 30 });
    expect(aggregate?.failed).toBe(0 + 1 + 2);
  });

  it('keeps levels apart: a fixed-load run is not a repetition of the maximum', () => {
    const result = summary([
      measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: OURS }, { reqPerSec: 100 }),
      measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: OURS }, { reqPerSec: 25, level: 0.25, offered: 25 }),
    ]);
    expect(result.aggregates.map((a) => [a.level, a.reqPerSec.median])).toEqual([
      [null, 100],
      [0.25, 25],
    ]);
  });

  it('gives throughput ratios as ours ÷ theirs over medians, at the maximum only', () => {
    const cell = { profile: 'zero', workload: 'person-4-vendors' };
    const measurements = [
      ...[100, 200, 600].map((reqPerSec) => measurement({ ...cell, peer: OURS }, { reqPerSec })),
      // Median 400, mean 900: a mean would give 0.33.
      ...[300, 400, 2000].map((reqPerSec) => measurement({ ...cell, peer: 'floor' }, { reqPerSec })),
      ...[50, 100, 150].map((reqPerSec) => measurement({ ...cell, peer: 'apollo-default' }, { reqPerSec })),
      // A fixed-load run of ours must not enter the ratio.
      measurement({ ...cell, peer: OURS }, { reqPerSec: 5000, level: 0.25 }),
    ];
    const ratios = summary(measurements).throughputRatios;
    expect(ratios).toEqual([
      { profile: 'zero', workload: 'person-4-vendors', peer: 'floor', ratio: 0.5 },
      { profile: 'zero', workload: 'person-4-vendors', peer: 'apollo-default', ratio: 2 },
    ]);
  });

  it('gives call ratios from the call counts of every peer', () => {
    const calls = { [OURS]: { 'one-user': count(10, 10) }, floor: { 'person-4-vendors': count(50, 40) } };
    expect(summary([], calls).callRatios).toEqual([
      { peer: OURS, workload: 'one-user', observed: 10, minimum: 10, ratio: 1 },
      { peer: 'floor', workload: 'person-4-vendors', observed: 50, minimum: 40, ratio: 1.25 },
    ]);
  });

  it('divides p50 at 25 % load by the fastest possible answer, for latency profiles only', () => {
    const fixed = plan.cells.find((cell) => cell.profile.name === 'fixed')!;
    const withBoth = { ...plan, cells: [...plan.cells, { ...fixed, workloads: WORKLOADS.filter((w) => w.name === 'update-person-3-vendors') }] };
    const result = summarise([
      // summarise only looks at a workload's latency when ours was measured at the maximum too.
      ...closedLoop({ [OURS]: 100 }, ['person-4-vendors', 'update-person-3-vendors']).map((m) => ({ ...m, profile: 'fixed' })),
      measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: OURS }, { level: 0.25, latencyP50: 66 }),
      measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: 'floor' }, { level: 0.25, latencyP50: 90 }),
      measurement({ profile: 'fixed', workload: 'update-person-3-vendors', peer: OURS }, { level: 0.25, latencyP50: 132 }),
      measurement({ profile: 'zero', workload: 'person-4-vendors', peer: OURS }, { level: 0.25, latencyP50: 1 }),
    ], exactCalls, withBoth, data, peers, calibration);
    expect(result.latencyOverCriticalPath).toEqual([
      { profile: 'fixed', workload: 'person-4-vendors', peer: 'floor', p50: 90, criticalPathMs: 60, ratio: 1.5 },
      { profile: 'fixed', workload: 'person-4-vendors', peer: OURS, p50: 66, criticalPathMs: 60, ratio: 1.1 },
      { profile: 'fixed', workload: 'update-person-3-vendors', peer: OURS, p50: 132, criticalPathMs: 120, ratio: 1.1 },
    ]);
  });
});

describe('targets', () => {
  it('upstream calls: met at exactly 1.00 on every workload, not at 1.25 on one, not when unmeasured', () => {
    expect(verdict(summary([], exactCalls), 'upstream calls')).toBe(true);
    // Other peers' call counts do not decide our target.
    expect(verdict(summary([], { ...exactCalls, floor: { 'one-user': count(30, 10) } }), 'upstream calls')).toBe(true);
    expect(verdict(summary([], { [OURS]: { ...exactCalls[OURS], 'users-20-per-vendor': count(100, 80) } }), 'upstream calls')).toBe(false);
    expect(verdict(summary([], { [OURS]: { 'one-user': count(9, 10) } }), 'upstream calls')).toBe(false);
    const unmeasured = summary([], {});
    expect(verdict(unmeasured, 'upstream calls')).toBe(false);
    expect(unmeasured.targets.find((t) => t.target.includes('upstream calls'))?.measured).toBe('not measured');
  });

  it('floor: met at 0.6×, not at 0.59×', () => {
    expect(verdict(summary(closedLoop({ [OURS]: 60, floor: 100 })), 'floor')).toBe(true);
    expect(verdict(summary(closedLoop({ [OURS]: 59, floor: 100 })), 'floor')).toBe(false);
    // One workload below is enough to miss it.
    const mixed = [...closedLoop({ [OURS]: 60, floor: 100 }, ['one-user']), ...closedLoop({ [OURS]: 59, floor: 100 }, ['person-4-vendors'])];
    expect(verdict(summary(mixed), 'floor')).toBe(false);
    expect(verdict(summary(closedLoop({ [OURS]: 60 })), 'floor')).toBe(false);
  });

  it('Apollo: met at 2× on multi-vendor workloads, not at 1.99×; one-vendor workloads do not count', () => {
    expect(verdict(summary(closedLoop({ [OURS]: 200, 'apollo-default': 100 })), 'Apollo')).toBe(true);
    expect(verdict(summary(closedLoop({ [OURS]: 199, 'apollo-default': 100 })), 'Apollo')).toBe(false);
    const oneVendorSlow = [...closedLoop({ [OURS]: 100, 'apollo-default': 100 }, ['one-user']), ...closedLoop({ [OURS]: 200, 'apollo-default': 100 }, ['person-4-vendors'])];
    expect(verdict(summary(oneVendorSlow), 'Apollo')).toBe(true);
  });

  it('latency: met at p50 = 1.10 × the critical path, not above', () => {
    const at = (p50: number) =>
      summary([
        measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: OURS }),
        measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: OURS }, { level: 0.25, latencyP50: p50 }),
      ]);
    expect(verdict(at(66), 'critical path')).toBe(true);
    expect(verdict(at(66.6), 'critical path')).toBe(false);
    expect(verdict(summary([]), 'critical path')).toBe(false);
  });

  it('RSS: steady RSS ÷ the floor\'s on the same cell, met at 1.0×, not above, whichever of our cells is the most', () => {
    const usage = (mb: number) => ({ usage: { cpu: 1, cpuSeconds: 1, rssSteady: mb * MB, rssPeak: 300 * MB } });
    const rss = (oursMb: number) => [
      measurement({ profile: 'zero', workload: 'one-user', peer: OURS }, usage(100)),
      measurement({ profile: 'zero', workload: 'one-user', peer: 'floor' }, usage(200)),
      measurement({ profile: 'zero', workload: 'person-4-vendors', peer: OURS }, usage(oursMb)),
      measurement({ profile: 'zero', workload: 'person-4-vendors', peer: 'floor' }, usage(150)),
      // Another peer's memory is neither ours nor the floor's.
      measurement({ profile: 'zero', workload: 'person-4-vendors', peer: 'apollo-default' }, usage(10)),
    ];
    expect(verdict(summary(rss(150)), 'RSS')).toBe(true);
    expect(verdict(summary(rss(151)), 'RSS')).toBe(false);
    expect(summary(rss(300)).targets.find((t) => t.target.includes('RSS'))?.measured).toBe('2.00× at most');
    expect(verdict(summary([measurement({ profile: 'zero', workload: 'one-user', peer: OURS })]), 'RSS')).toBe(false);
  });

  it('yoga-floor: met at 0.9×, not at 0.89×', () => {
    expect(verdict(summary(closedLoop({ [OURS]: 90, 'yoga-floor': 100 })), 'yoga-floor')).toBe(true);
    expect(verdict(summary(closedLoop({ [OURS]: 89, 'yoga-floor': 100 })), 'yoga-floor')).toBe(false);
    expect(verdict(summary(closedLoop({ [OURS]: 90 })), 'yoga-floor')).toBe(false);
  });

  it('Apollo: only zero latency counts', () => {
    const fixedOnly = [measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: OURS }, { reqPerSec: 300 }), measurement({ profile: 'fixed', workload: 'person-4-vendors', peer: 'apollo-default' }, { reqPerSec: 100 })];
    expect(verdict(summary(fixedOnly), 'Apollo')).toBe(false);
  });

  const scenario = (scenarioName: string, peer: string, over: { reqPerSec?: number; callsPerOp?: number; answeredShare?: number; worst?: number | null } = {}): ScenarioMeasurement => ({
    scenario: scenarioName,
    peer,
    rep: 1,
    offered: null,
    sent: 100,
    answeredShare: over.answeredShare ?? 1,
    vendorWorstSecond: over.worst ?? null,
    result: { ...measurement({ profile: 'fixed', workload: 'hot-set', peer }, { reqPerSec: over.reqPerSec ?? 100, upstreamCallsPerOp: over.callsPerOp ?? 1 }) },
  });
  const withScenarios = (list: ScenarioMeasurement[]) => summarise([], exactCalls, plan, data, peers, calibration, list);

  it('hot set: calls ÷ minimum ≤ 0.2 and ≥ 3× req/s with the cache on, each at its threshold', () => {
    const hot = (onRate: number, onCalls: number) => withScenarios([scenario('hot-set', OURS, { reqPerSec: 100 }), scenario('hot-set', `${OURS}-cache`, { reqPerSec: onRate, callsPerOp: onCalls })]);
    expect(verdict(hot(300, 0.2), 'cache on ≥ 3×')).toBe(true);
    expect(verdict(hot(299, 0.2), 'cache on ≥ 3×')).toBe(false);
    expect(verdict(hot(300, 0.2), 'hot set with the cache on')).toBe(true);
    expect(verdict(hot(300, 0.21), '≤ 0.2')).toBe(false);
    expect(verdict(withScenarios([]), '≤ 0.2')).toBe(false);
  });

  it('cache targets: not judged when the gateway does not read CACHE_TTL_MS, however the rows came out', () => {
    const rows = [scenario('hot-set', OURS, { reqPerSec: 100 }), scenario('hot-set', `${OURS}-cache`, { reqPerSec: 900, callsPerOp: 0.1 }), scenario('dialpad-quota', `${OURS}-cache`, { answeredShare: 1, worst: 20 })];
    const inert = summarise([], exactCalls, plan, data, peers, calibration, rows, { cacheTtlMs: false, redisUrl: false });
    for (const about of ['cache on ≥ 3×', '≤ 0.2', 'Dialpad']) {
      expect(verdict(inert, about)).toBe(false);
      expect(inert.targets.find((t) => t.target.includes(about))?.measured).toBe('not measured: CACHE_TTL_MS is inert at this commit');
    }
    const live = summarise([], exactCalls, plan, data, peers, calibration, rows, { cacheTtlMs: true, redisUrl: true });
    for (const about of ['cache on ≥ 3×', '≤ 0.2', 'Dialpad']) expect(verdict(live, about)).toBe(true);
  });

  it('Dialpad at 5× quota: met at 99 % answered and 20 in the worst second; not at 98.9 %, 21, or unread', () => {
    const quota = (answeredShare: number, worst: number | null) => withScenarios([scenario('dialpad-quota', `${OURS}-cache`, { answeredShare, worst })]);
    expect(verdict(quota(0.99, 20), 'Dialpad')).toBe(true);
    expect(verdict(quota(0.989, 20), 'Dialpad')).toBe(false);
    expect(verdict(quota(1, 21), 'Dialpad')).toBe(false);
    expect(verdict(quota(1, null), 'Dialpad')).toBe(false);
    // The worst second is the worst repetition's, not the median's.
    const reps = withScenarios([scenario('dialpad-quota', `${OURS}-cache`, { worst: 18 }), { ...scenario('dialpad-quota', `${OURS}-cache`, { worst: 25 }), rep: 2 }, { ...scenario('dialpad-quota', `${OURS}-cache`, { worst: 19 }), rep: 3 }]);
    expect(reps.scenarioRows[0]?.vendorWorstSecond).toBe(25);
  });

  it('writes one headline line per target with its verdict', () => {
    const result = summary(closedLoop({ [OURS]: 60, floor: 100 }));
    expect(result.headline).toHaveLength(result.targets.length);
    expect(result.headline.filter((line) => line.startsWith('MET '))).toHaveLength(result.targets.filter((t) => t.met).length);
  });
});

describe('flags', () => {
  const cell = { profile: 'zero', workload: 'one-user' };
  const flagsOf = (over: Partial<Measurement>, on: Calibration = calibration) => summarise([measurement({ ...cell, peer: OURS }, over)], {}, plan, data, peers, on).aggregates[0]?.flags;

  it('flags nothing on a clean cell', () => {
    expect(flagsOf({})).toEqual([]);
    expect(flagsOf({ generatorCpu: 0.9 })).toEqual([]);
  });

  it('flags a busy generator core and failed requests', () => {
    expect(flagsOf({ generatorCpu: 0.95 })).toEqual(['generator core 95 % busy']);
    expect(flagsOf({ failed: 3 })).toEqual(['3 failed requests']);
  });

  it('flags cells near the generator or simulator ceiling', () => {
    const low: Calibration = { generatorReqPerSec: 1000, simulatorCallsPerSec: 2000, seconds: 1 };
    expect(flagsOf({ reqPerSec: 801, upstreamCallsPerOp: 1 }, low)).toEqual(['near the generator ceiling']);
    expect(flagsOf({ reqPerSec: 500, upstreamCallsPerOp: 4 }, low)).toEqual(['2000 upstream calls/s, near the simulators\' ceiling']);
    expect(flagsOf({ reqPerSec: 400, upstreamCallsPerOp: 4 }, low)).toEqual([]);
  });
});

describe('peers slower than they should be', () => {
  it('flags a cell where the floor is slower than a GraphQL peer, or yoga-floor slower than Switchboard, and nothing else', () => {
    const result = summary([...closedLoop({ floor: 100, 'yoga-floor': 80, [OURS]: 90, 'apollo-default': 50 }, ['one-user']), ...closedLoop({ floor: 100, 'yoga-floor': 80, [OURS]: 70, 'apollo-default': 50 }, ['person-4-vendors'])]);
    expect(result.orderFlags).toEqual([{ profile: 'zero', workload: 'one-user', faster: 'yoga-floor', slower: OURS, fasterReqPerSec: 80, slowerReqPerSec: 90 }]);
    const floorSlow = summary(closedLoop({ floor: 40, [OURS]: 90 }, ['users-20-per-vendor']));
    expect(floorSlow.orderFlags.map((f) => `${f.faster}<${f.slower}`)).toEqual([`floor<${OURS}`]);
    // Nothing answered (under 1 req/s) is a flag of its own, not an order.
    expect(summary(closedLoop({ floor: 0.2, [OURS]: 0.6 }, ['users-20-per-vendor'])).orderFlags).toEqual([]);
  });

  it('flags a scenario where a floor row is slower than the Switchboard row beside it (cache off against off, on against on)', () => {
    const row = (peer: string, reqPerSec: number): ScenarioMeasurement => ({
      scenario: 'hot-set',
      peer,
      rep: 1,
      offered: null,
      sent: 100,
      answeredShare: 1,
      vendorWorstSecond: null,
      result: measurement({ profile: 'fixed', workload: 'hot-set', peer }, { reqPerSec }),
    });
    const flags = (rows: ScenarioMeasurement[]) => summarise([], {}, plan, data, peers, calibration, rows).orderFlags.map((f) => `${f.profile}/${f.workload}: ${f.faster}<${f.slower}`);
    expect(flags([row('floor', 500), row(OURS, 400), row('floor-cache', 900), row(`${OURS}-cache`, 800)])).toEqual([]);
    // The floor without a cache is not held against Switchboard with one.
    expect(flags([row('floor', 500), row(`${OURS}-cache`, 800)])).toEqual([]);
    expect(flags([row('floor', 500), row(OURS, 400), row('floor-cache', 700), row(`${OURS}-cache`, 800)])).toEqual([`scenario/hot-set: floor-cache<${OURS}-cache`]);
    expect(flags([row('floor', 300), row(OURS, 400)])).toEqual([`scenario/hot-set: floor<${OURS}`]);
  });
});

describe('renderMarkdown', () => {
  const check: CheckResult = { requests: 10, identical: 10, mismatches: [], passed: true, askedAgain: 0, answerMs: {} };
  const measurements = [...closedLoop({ [OURS]: 60, floor: 100, 'apollo-default': 20 }), measurement({ profile: 'zero', workload: 'one-user', peer: 'floor' }, { rep: 2, reqPerSec: 100, failed: 2 })];
  const calls = Object.fromEntries(peers.map((peer) => [peer.name, exactCalls[OURS]]));
  const record: RunRecord = {
    mode: 'quick',
    startedAt: '2026-01-01T00:00:00.000Z',
    seconds: 100,
    commit: 'abc1234',
    machine: { cpus: 2, model: 'Test CPU', node: 'v20.0.0', pinned: false },
    plan: { ...plan, cells: plan.cells.map((cell) => ({ profile: cell.profile, workloads: cell.workloads.map((w) => w.name), levels: cell.levels })) },
    peers: peers.map(({ name, title, kind }) => ({ name, title, kind })),
    workloads: plan.cells.flatMap((cell) => cell.workloads.map(({ name, title }) => ({ name, title }))),
    calibration,
    check,
    calls,
    measurements,
    idleRssMB: { floor: 60, [OURS]: 120 },
    scenarios: { definitions: [], measurements: [], notes: [], gateway: { cacheTtlMs: false, redisUrl: false } },
    estimateSeconds: 170,
    summary: summary(measurements, calls),
  };
  const markdown = renderMarkdown(record, 'bench/results/quick.json');

  it('holds the targets table, one row per target with its verdict', () => {
    expect(markdown).toContain('## Targets');
    expect(markdown).toContain('| Target | Measured (Switchboard) | Verdict |');
    for (const target of record.summary.targets) expect(markdown).toContain(`| ${target.target} | ${target.measured} | ${target.met ? 'met' : '**not met**'} |`);
    expect(record.summary.targets.some((t) => t.met)).toBe(true);
    expect(record.summary.targets.some((t) => !t.met)).toBe(true);
  });

  it('names every peer and shows the ratios and flags', () => {
    for (const peer of peers) {
      expect(markdown).toContain(`**${peer.name}**`);
      expect(markdown).toContain(`ours ÷ ${peer.name === OURS ? 'floor' : peer.name}`);
    }
    expect(markdown).toContain('0.60×');
    expect(markdown).toContain('3.00×');
    expect(markdown).toContain('bench/results/quick.json');
    expect(markdown).toMatch(/⚑ zero \/ one-user \/ floor: 2 failed requests/);
  });
});
