/**
 * The vendor requests behind a few requests of one workload, peer by peer:
 * `npx tsx bench/tools/call-log.ts [workload] [peers] [count]` (defaults: update-user,
 * floor,yoga-floor,switchboard, 4). Each request is sent alone and followed by the lines each
 * simulator logged for it (`vendor METHOD /path`). For finding why a peer's calls per operation
 * differ from the minimum: this is how the bench's no-op writes and `updateUsersByEmail`'s second
 * read of each account were found (docs/PERFORMANCE.md, Benchmarks 2, item 1b).
 */
import { buildPeers } from '../build.js';
import { startFleet } from '../fleet.js';
import { PEER_ENV, PEERS } from '../peers/index.js';
import { startChild } from '../processes.js';
import { VENDOR_IDS } from '../../src/connectors/types.js';
import { seededRandom, WORKLOADS } from '../workloads.js';

const [workloadName = 'update-user', peerNames = 'floor,yoga-floor,switchboard', count = '4'] = process.argv.slice(2);
const workload = WORKLOADS.find((candidate) => candidate.name === workloadName);
if (!workload) throw new Error(`workloads: ${WORKLOADS.map((w) => w.name).join(', ')}`);
const built = buildPeers();
const fleet = await startFleet(null, built);
const logged = async () =>
  Object.fromEntries(
    await Promise.all(
      VENDOR_IDS.map(async (vendor) => [vendor, ((await (await fetch(`${fleet.urls[vendor]}/__admin/requests`)).json()) as { entries: { method: string; url: string }[] }).entries] as const),
    ),
  );
try {
  const data = await fleet.readData();
  for (const name of peerNames.split(',')) {
    const peer = PEERS.find((candidate) => candidate.name === name);
    if (!peer) throw new Error(`peers: ${PEERS.map((p) => p.name).join(', ')}`);
    const child = await startChild(built(peer.entry), { core: null, env: { ...fleet.peerEnv, ...PEER_ENV, ...peer.env, PORT: '0' } });
    try {
      const url = child.ready.split(' ')[0] as string;
      const random = seededRandom(7);
      for (let i = 0; i < Number(count); i++) {
        const call = workload.request(peer.kind, workload.sample(random, data));
        const before = await logged();
        const response = await fetch(url + call.path, { method: call.method, headers: { 'content-type': 'application/json' }, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
        await response.text();
        const after = await logged();
        const lines = VENDOR_IDS.flatMap((vendor) => after[vendor]!.slice(before[vendor]!.length).map((entry) => `${vendor} ${entry.method} ${entry.url}`));
        console.log(`${name} #${i + 1}: HTTP ${response.status}, ${lines.length} vendor requests\n  ${lines.join('\n  ')}`);
      }
    } finally {
      await child.stop();
    }
  }
} finally {
  await fleet.stop();
}
