/** The two plans: what the issue asks of each, and that the estimate printed before a run adds up. */
import { describe, expect, it } from 'vitest';
import { PEERS } from './peers/index.js';
import { cellPeers, estimateSeconds, planFor, scenarioPeersOf } from './plan.js';
import { SCENARIOS } from './scenarios.js';

const peersOf = (mode: 'full' | 'quick') => {
  const plan = planFor(mode);
  return PEERS.filter((peer) => (plan.peers ?? [peer.name]).includes(peer.name));
};

describe('full plan', () => {
  const plan = planFor('full');
  it('is the issue\'s method: 3 repetitions, 10 s windows, the 25 % level, every peer and scenario', () => {
    expect(plan.repetitions).toBe(3);
    expect(plan.seconds).toBe(10);
    expect(plan.rateSeconds).toBe(10);
    expect(plan.cells.some((cell) => cell.levels.includes(0.25))).toBe(true);
    expect(peersOf('full').map((peer) => peer.name).sort()).toEqual(PEERS.map((peer) => peer.name).sort());
    expect(plan.scenarios.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    for (const scenario of plan.scenarios) expect(scenarioPeersOf(plan, scenario)).toEqual(scenario.peers);
  });

  it('is estimated to finish within 45 minutes', () => {
    expect(estimateSeconds(plan, peersOf('full'))).toBeLessThanOrEqual(45 * 60);
  });
});

describe('quick plan', () => {
  const plan = planFor('quick');
  it('is estimated under 3 minutes and runs every scenario, the quota one on its target row', () => {
    expect(estimateSeconds(plan, peersOf('quick'))).toBeLessThan(180);
    expect(plan.scenarios.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    const quota = plan.scenarios.find((s) => s.name === 'dialpad-quota')!;
    expect(scenarioPeersOf(plan, quota).map((peer) => peer.name)).toEqual(['switchboard-cache']);
  });
});

describe('estimateSeconds', () => {
  it('grows with repetitions, windows and peers, and charges a quota row without a cache for its queue', () => {
    const plan = planFor('full');
    const peers = peersOf('full');
    const base = estimateSeconds(plan, peers);
    expect(estimateSeconds({ ...plan, repetitions: 4 }, peers)).toBeGreaterThan(base);
    expect(estimateSeconds({ ...plan, seconds: 20 }, peers)).toBeGreaterThan(base);
    expect(estimateSeconds(plan, peers.slice(0, 2))).toBeLessThan(base);
    const quotaOnly = { ...plan, cells: [], scenarios: plan.scenarios.filter((s) => s.name === 'dialpad-quota') };
    const cacheOff = estimateSeconds({ ...quotaOnly, scenarioPeers: { 'dialpad-quota': ['switchboard'] } }, peers);
    const cacheOn = estimateSeconds({ ...quotaOnly, scenarioPeers: { 'dialpad-quota': ['switchboard-cache'] } }, peers);
    expect(cacheOff).toBeGreaterThan(cacheOn + 100);
  });

  it('counts a cell\'s own peers only', () => {
    const plan = planFor('full');
    const fixed = plan.cells.find((cell) => cell.profile.name === 'fixed')!;
    expect(cellPeers(fixed, peersOf('full')).map((peer) => peer.name)).not.toContain('apollo-undici');
    expect(cellPeers({ ...fixed, peers: undefined }, peersOf('full'))).toHaveLength(PEERS.length);
  });
});
