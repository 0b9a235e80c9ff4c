/**
 * Idle RSS of peers, just after start: `npx tsx bench/tools/idle-rss.ts [peers] [rounds]` (defaults:
 * floor,switchboard, 3). Each round starts every peer in turn against the bench simulators, waits
 * 1.5 s and reads its RSS from /proc. For before/after figures of start-up memory (what a module
 * costs loaded), side by side in one run.
 */
import { buildPeers } from '../build.js';
import { startFleet } from '../fleet.js';
import { PEER_ENV, PEERS } from '../peers/index.js';
import { rssBytes, startChild } from '../processes.js';

const [peerNames = 'floor,switchboard', rounds = '3'] = process.argv.slice(2);
const built = buildPeers();
const fleet = await startFleet(null, built);
const megabytes: Record<string, number[]> = {};
try {
  for (let round = 0; round < Number(rounds); round++) {
    for (const name of peerNames.split(',')) {
      const peer = PEERS.find((candidate) => candidate.name === name);
      if (!peer) throw new Error(`peers: ${PEERS.map((p) => p.name).join(', ')}`);
      const child = await startChild(built(peer.entry), { core: null, env: { ...fleet.peerEnv, ...PEER_ENV, ...peer.env, PORT: '0' } });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      (megabytes[name] ??= []).push(Math.round(rssBytes(child.pid) / 1048576));
      await child.stop();
    }
  }
  for (const [name, values] of Object.entries(megabytes)) console.log(`${name.padEnd(20)} idle RSS MB: ${values.join(', ')}`);
} finally {
  await fleet.stop();
}
