/**
 * Profiles one peer under one workload: `npx tsx bench/tools/profile-peer.ts <peer> <workload> [seconds]`
 * writes a V8 CPU profile of the peer process to bench/results/profiles/ (open it in Chrome DevTools)
 * and prints the run's figures (PROFILE=0: no profile; PEER_NODE_ARGS: extra Node flags for the peer,
 * e.g. V8 heap sizes). For finding where a peer's time goes, not for comparing peers.
 */
import { buildPeers } from '../build.js';
import { startFleet } from '../fleet.js';
import { runLoad } from '../load.js';
import { PEER_ENV, PEERS } from '../peers/index.js';
import { pinSelf, startChild } from '../processes.js';
import { WORKLOADS } from '../workloads.js';

const [peerName = 'switchboard', workloadName = 'one-user', seconds = '5'] = process.argv.slice(2);
const peer = PEERS.find((candidate) => candidate.name === peerName);
const workload = WORKLOADS.find((candidate) => candidate.name === workloadName);
if (!peer || !workload) throw new Error(`peers: ${PEERS.map((p) => p.name).join(', ')}; workloads: ${WORKLOADS.map((w) => w.name).join(', ')}`);
pinSelf(1);
const built = buildPeers();
const fleet = await startFleet(1, built);
try {
  const data = await fleet.readData();
  const dir = new URL('../results/profiles/', import.meta.url).pathname;
  const child = await startChild(built(peer.entry), {
    core: 0,
    env: { ...fleet.peerEnv, ...PEER_ENV, ...peer.env, PORT: '0' },
    nodeArgs: [...(process.env.PROFILE === '0' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`]), ...(process.env.PEER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
  });
  try {
    const result = await runLoad({ url: child.ready.split(' ')[0]!, kind: peer.kind, workload, data, connections: 50, warmupSeconds: 2, seconds: Number(seconds), seed: 1 }, child.pid, fleet);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await child.stop();
  }
  console.log(`profile written to ${dir}`);
} finally {
  await fleet.stop();
}
