/**
 * `npm run bench` / `npm run bench:quick`: the side-by-side benchmark.
 *
 *   1. pin this process (the load generator) and the simulators to one core, each peer to the other;
 *   2. calibrate: what the generator can push at most, and what the simulators can serve at most;
 *   3. start every peer and check that all give identical answers to the same randomised requests,
 *      and count each peer's upstream calls per operation against the minimum;
 *   4. warm each peer up once, then per latency profile: closed-loop maximum throughput of every peer
 *      (one peer under load at a time, the others idle; peer order shuffled per repetition), then
 *      latency at fixed loads set from the slowest peer's maximum;
 *   5. write bench/results/<mode>-<time>.json and docs/BENCHMARKS.md from it.
 *
 * Options: `--quick` (see plan.ts), `--peers=floor,switchboard` (a subset), `--check-only` (stop after step 3);
 * env `BENCH_BASELINE=<checkout>` adds Switchboard from another revision as peer `switchboard-before`.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { SANDBOX_CREDENTIALS } from '../src/connectors/registry.js';
import { buildPeers } from './build.js';
import { checkAnswers, countCalls, type CallCount, type CheckResult, type RunningPeer } from './check.js';
import { PROFILES, startFleet, type Fleet, type Profile } from './fleet.js';
import { runLoad, type LoadOptions } from './load.js';
import { BASELINE, PEER_ENV, PEERS, type Peer } from './peers/index.js';
import { cellPeers, estimateSeconds, planFor, scenarioPeersOf, type Plan } from './plan.js';
import { CAN_PIN, pin, pinSelf, rssBytes, startChild, type Child } from './processes.js';
import { hasRedis, startRedis, type RedisServer } from './redis.js';
import { renderMarkdown, spread, summarise, type Calibration, type Measurement, type RunRecord } from './report.js';
import { needsRedis, runScenario, shuffled, type ScenarioMeasurement } from './scenarios.js';
import { seededRandom, WORKLOADS, type BenchData } from './workloads.js';

const PEER_CORE = 0;
const GENERATOR_CORE = 1;


const mode = process.argv.includes('--quick') ? 'quick' : 'full';
const only = process.argv.find((arg) => arg.startsWith('--peers='))?.slice('--peers='.length).split(',');
const plan = planFor(mode);
const peers = PEERS.filter((peer) => (only ?? plan.peers ?? [peer.name]).includes(peer.name));
const pinned = cpus().length >= 2 && pinSelf(GENERATOR_CORE);
const core = (which: number) => (pinned ? which : null);
const started = Date.now();
/** Where each entry point runs from: the plain-JavaScript build (see build.ts). */
const built = buildPeers(BASELINE ? [BASELINE] : []);
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const estimate = estimateSeconds(plan, peers);
log(`${mode} benchmark, estimated ${Math.floor(estimate / 60)} min ${estimate % 60} s (a slow peer's stretched windows come on top): ${plan.repetitions} repetition(s), ${plan.seconds} s windows, ${plan.cells.length} latency profile(s), ${plan.scenarios.length} scenario(s)`);
log(`peers: ${peers.map((peer) => peer.name).join(', ')}; ${pinned ? `peers on core ${PEER_CORE}, generator and simulators on core ${GENERATOR_CORE}` : CAN_PIN ? 'one core only: nothing pinned' : 'no taskset: nothing pinned'}`);
const fleet = await startFleet(core(GENERATOR_CORE), built);
/** The peers, started once (see `LivePeer`). */
const live = new Map<string, LivePeer>();
/** RSS of each peer just after it started, before any request. */
const idleRss: Record<string, number> = {};
let fleetData: BenchData;
let redis: RedisServer | null = null;
try {
  const data = await fleet.readData();
  fleetData = data;
  log(`simulators hold ${Object.values(data.accounts).reduce((sum, list) => sum + list.length, 0)} accounts; ${data.peopleInFour.length} people in four vendors, ${data.peopleInThree.length} in three`);

  const calibration = await calibrate(fleet, data, plan);
  log(`calibration: generator ceiling ${Math.round(calibration.generatorReqPerSec)} req/s, simulator ceiling ${Math.round(calibration.simulatorCallsPerSec)} calls/s`);

  const { check, calls } = await checkPeers(fleet, data, plan);
  log(`answers: ${check.identical}/${check.requests} identical across peers${check.askedAgain ? ` (${check.askedAgain} asked again alone)` : ''}`);
  for (const [peer, spent] of Object.entries(check.answerMs)) log(`  ${peer.padEnd(15)} ms answering: ${Object.entries(spent).map(([workload, ms]) => `${workload} ${Math.round(ms)}`).join(', ')}`);
  if (!check.passed) {
    console.error(JSON.stringify(check.mismatches, null, 2));
    throw new Error('peers disagree: no load is run on peers that do not give the same answers');
  }

  const measurements: Measurement[] = [];
  const cells = process.argv.includes('--check-only') ? [] : plan.cells;
  const load = (running: RunningPeer, pid: number, options: Omit<LoadOptions, 'url' | 'kind' | 'data' | 'connections'>) =>
    runLoad({ url: running.url, kind: running.peer.kind, data, connections: plan.connections, ...options }, pid, fleet);

  // Closed-loop maxima: one peer at a time, each through every profile, order shuffled per repetition.
  for (let rep = 1; rep <= plan.repetitions && cells.length > 0; rep++) {
    for (const peer of shuffled(peers, plan.seed + rep)) {
      await withPeer(peer, async (running, pid) => {
        for (const cell of cells) {
          if (!cellPeers(cell, peers).includes(peer)) continue;
          await fleet.setProfile(cell.profile);
          for (const workload of cell.workloads) {
            const result = await load(running, pid, { workload, warmupSeconds: plan.warmupSeconds, seconds: plan.seconds, seed: plan.seed + rep });
            measurements.push({ profile: cell.profile.name, workload: workload.name, peer: peer.name, rep, level: null, offered: null, ...result });
            log(`  max  ${cell.profile.name.padEnd(6)} ${peer.name.padEnd(15)} ${workload.name.padEnd(24)} ${result.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${result.latencyP50} ms  ${result.failed ? `FAILED ${result.failed}: ${result.failureSample}` : ''}`);
          }
        }
      });
    }
  }

  // Latency at fixed loads, set from the slowest peer's median maximum of the same cell.
  const withLevels = cells.filter((cell) => cell.levels.length > 0);
  for (let rep = 1; rep <= plan.repetitions && withLevels.length > 0; rep++) {
    for (const peer of shuffled(peers, plan.seed + 100 + rep)) {
      await withPeer(peer, async (running, pid) => {
        for (const cell of withLevels) {
          if (!cellPeers(cell, peers).includes(peer)) continue;
          await fleet.setProfile(cell.profile);
          for (const workload of cell.workloads) {
            const maxima = cellPeers(cell, peers).map((each) => spread(measurements.filter((m) => m.profile === cell.profile.name && m.workload === workload.name && m.peer === each.name && m.level === null).map((m) => m.reqPerSec)).median);
            for (const level of cell.levels) {
              const offered = Math.min(...maxima) * level;
              // A peer that answered nothing has no maximum to take a share of: nothing to offer.
              if (offered < 1) {
                log(`  ${String(level * 100).padStart(3)}% ${cell.profile.name.padEnd(6)} ${peer.name.padEnd(15)} ${workload.name.padEnd(24)} skipped: the slowest peer's maximum was ${Math.min(...maxima).toFixed(1)} req/s`);
                continue;
              }
              const result = await load(running, pid, { workload, warmupSeconds: plan.rateWarmupSeconds, seconds: plan.rateSeconds, rate: offered, seed: plan.seed + rep });
              measurements.push({ profile: cell.profile.name, workload: workload.name, peer: peer.name, rep, level, offered, ...result });
              log(`  ${String(level * 100).padStart(3)}% ${cell.profile.name.padEnd(6)} ${peer.name.padEnd(15)} ${workload.name.padEnd(24)} ${offered.toFixed(0).padStart(6)} offered  p50 ${result.latencyP50} ms  p99 ${result.latencyP99} ms`);
            }
          }
        }
      });
    }
  }

  // The peers of the matrix are done: stopped, so each scenario's peers have the peer core alone.
  await Promise.all([...live.values()].map(({ child }) => child.stop()));
  live.clear();
  const scenarioMeasurements: ScenarioMeasurement[] = [];
  const scenarioNotes: string[] = [];
  if (!process.argv.includes('--check-only') && !only && !BASELINE) {
    if (plan.scenarios.some(needsRedis)) {
      if (await hasRedis()) redis = await startRedis(core(GENERATOR_CORE));
      else scenarioNotes.push('No redis-server on this machine: the REDIS_URL rows were skipped (apt-get install redis-server).');
    }
    for (const scenario of plan.scenarios) {
      log(`scenario ${scenario.name}: ${scenario.title}`);
      const { measurements: taken, skipped } = await runScenario(scenario, scenarioPeersOf(plan, scenario), {
        fleet,
        data,
        plan,
        redisUrl: redis?.url ?? null,
        log,
        start: async (peer, env) => {
          const child = await startChild(built(peer.entry), { core: core(PEER_CORE), env: { ...fleet.peerEnv, ...PEER_ENV, ...peer.env, ...env, PORT: '0' } });
          return { url: child.ready.split(' ')[0] as string, pid: child.pid, stop: () => child.stop() };
        },
      });
      scenarioMeasurements.push(...taken);
      scenarioNotes.push(...skipped.map((reason) => `${scenario.name}: ${reason}`));
    }
  }

  const knobs = gatewayKnobs();
  const record: RunRecord = {
    mode,
    startedAt: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    commit: gitCommit(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, pinned },
    plan: { ...plan, cells: plan.cells.map((cell) => ({ profile: cell.profile, workloads: cell.workloads.map((workload) => workload.name), levels: cell.levels })) },
    peers: peers.map(({ name, title, kind }) => ({ name, title, kind })),
    workloads: WORKLOADS.map(({ name, title }) => ({ name, title })),
    calibration,
    check,
    calls,
    measurements,
    idleRssMB: Object.fromEntries(Object.entries(idleRss).map(([name, bytes]) => [name, Math.round((bytes / 1024 / 1024) * 10) / 10])),
    scenarios: { definitions: plan.scenarios, measurements: scenarioMeasurements, notes: scenarioNotes, gateway: knobs },
    estimateSeconds: estimate,
    summary: summarise(measurements, calls, plan, data, peers, calibration, scenarioMeasurements, knobs),
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  const jsonPath = new URL(`./results/${mode}-${stamp}.json`, import.meta.url);
  writeFileSync(jsonPath, `${JSON.stringify(record, null, 2)}\n`);
  // docs/BENCHMARKS.md shows the latest complete run of all peers; partial runs only leave their JSON.
  if (cells.length > 0 && !only && !BASELINE) {
    mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
    writeFileSync(new URL('../docs/BENCHMARKS.md', import.meta.url), renderMarkdown(record, `bench/results/${mode}-${stamp}.json`));
  }
  log(`wrote ${jsonPath.pathname}${cells.length > 0 && !only && !BASELINE ? ' and docs/BENCHMARKS.md' : ''}`);
  for (const line of record.summary.headline) console.log(line);
} finally {
  await Promise.all([...live.values()].map(({ child }) => child.stop()));
  await fleet.stop();
  await redis?.stop();
}

/**
 * Every peer is started once and stays up, idle, while the others are measured, so each is warmed up
 * once (JIT, pools, snapshots) instead of at every phase; only one peer is ever under load.
 */
interface LivePeer {
  readonly running: RunningPeer;
  readonly child: Child;
  warm: boolean;
}
async function startPeers(): Promise<LivePeer[]> {
  const children = await Promise.all(peers.map((peer) => startChild(built(peer.entry), { core: null, env: { ...fleet.peerEnv, ...PEER_ENV, ...peer.env, PORT: '0' } })));
  peers.forEach((peer, i) => (idleRss[peer.name] = rssBytes(children[i]!.pid)));
  peers.forEach((peer, i) => live.set(peer.name, { running: { peer, url: children[i]!.ready.split(' ')[0] as string }, child: children[i]!, warm: false }));
  return [...live.values()];
}

/** Hands over a live peer, warming it up on every workload the first time (unmeasured). */
async function withPeer(peer: Peer, body: (running: RunningPeer, pid: number) => Promise<void>): Promise<void> {
  const entry = live.get(peer.name);
  if (!entry) throw new Error(`peer ${peer.name} is not running`);
  if (!entry.warm) {
    await fleet.setProfile(PROFILES[0] as Profile);
    const workloads = [...new Set(plan.cells.filter((cell) => cellPeers(cell, peers).includes(peer)).flatMap((cell) => cell.workloads))];
    for (const workload of workloads) {
      await runLoad({ url: entry.running.url, kind: peer.kind, workload, data: fleetData, connections: plan.connections, warmupSeconds: 0, seconds: plan.peerWarmupSeconds / workloads.length, seed: plan.seed - 1 }, entry.child.pid, fleet);
    }
    entry.warm = true;
  }
  await body(entry.running, entry.child.pid);
}

async function checkPeers(fleet: Fleet, data: Awaited<ReturnType<Fleet['readData']>>, plan: Plan): Promise<{ check: CheckResult; calls: Record<string, Record<string, CallCount>> }> {
  // All peers answer side by side here, on both cores; under load each has the peer core to itself.
  const running = (await startPeers()).map((each) => each.running);
  const check = await checkAnswers(running, WORKLOADS, data, { requests: plan.checkRequests, seed: plan.seed });
  log(`checked ${check.requests} requests on every peer; counting upstream calls`);
  const calls: Record<string, Record<string, CallCount>> = {};
  for (const each of running) calls[each.peer.name] = await countCalls(each, WORKLOADS, data, fleet, { count: plan.countRequests, seed: plan.seed + 7 });
  if (pinned) for (const { child } of live.values()) pin(child.pid, PEER_CORE);
  return { check, calls };
}

/** The generator's ceiling against a bare server on the peer core, and the simulators' against one simulator route. */
async function calibrate(fleet: Fleet, data: BenchData, plan: Plan): Promise<Calibration> {
  const seconds = Math.max(2, Math.min(plan.seconds, 5));
  const target = await startChild(built(new URL('./calibrate-server.ts', import.meta.url).pathname), { core: core(PEER_CORE) });
  let generatorReqPerSec: number;
  try {
    await autocannon({ url: target.ready, connections: plan.connections, duration: 1 });
    const result = await autocannon({ url: target.ready, connections: plan.connections, duration: seconds });
    generatorReqPerSec = result['2xx'] / result.duration;
  } finally {
    await target.stop();
  }
  const random = seededRandom(plan.seed);
  const ids = data.accounts.rinkel.map((account) => account.vendorUserId);
  const simulatorRun = (duration: number) => autocannon({
    url: fleet.urls.rinkel,
    connections: plan.connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', path: `${new URL(fleet.urls.rinkel).pathname.replace(/\/$/, '')}/users/${ids[Math.floor(random() * ids.length)]}`, headers: { 'x-rinkel-api-key': SANDBOX_CREDENTIALS.rinkel.apiKey } }) as autocannon.Request }],
  });
  await simulatorRun(1);
  const result = await simulatorRun(seconds);
  return { generatorReqPerSec, simulatorCallsPerSec: result['2xx'] / result.duration, seconds };
}

/**
 * Whether this checkout's gateway reads the settings the scenarios turn on (issue 13's CACHE_TTL_MS and
 * REDIS_URL): a setting no source file names does nothing, and the report says so next to its rows.
 */
function gatewayKnobs(): { cacheTtlMs: boolean; redisUrl: boolean } {
  const names = (setting: string) => {
    try {
      execSync(`grep -rqF ${setting} src`, { cwd: new URL('../', import.meta.url).pathname, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return { cacheTtlMs: names('CACHE_TTL_MS'), redisUrl: names('REDIS_URL') };
}


/** The commit measured, marked `+dirty` when tracked code differs from it (results and docs excepted: runs write them). */
function gitCommit(): string {
  try {
    const git = (args: string) => execSync(`git ${args}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const changed = git("status --porcelain --untracked-files=no -- . ':!bench/results' ':!docs'");
    return `${git('rev-parse --short HEAD')}${changed ? '+dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

