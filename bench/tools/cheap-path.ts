/**
 * Where the cheap path's time goes: `npx tsx bench/tools/cheap-path.ts [rounds=3] [seconds=5] [variant,...]`
 * serves each layer of cheap-path-server.ts in a process of its own (one core; the generator on the
 * other), and drives them in interleaved rounds (every variant once per round, order shuffled), so a
 * machine that gets busier or quieter during the run moves every variant alike. Prints, per variant,
 * the median req/s and the peer's CPU per answered request over the rounds: CPU per request is the
 * figure to read on a shared machine, since it does not count time the process spent waiting for a core.
 */
import autocannon from 'autocannon';
import { buildPeers } from '../build.js';
import { globalUserId } from '../peers/kit.js';
import { ONE_USER } from '../operations.js';
import { cpuSeconds, pinSelf, startChild, type Child } from '../processes.js';
import { spread } from '../report.js';
import { seededRandom } from '../workloads.js';
import { VARIANTS } from './cheap-path-server.js';

const [rounds = '3', seconds = '5', only] = process.argv.slice(2);
const variants = only ? only.split(',') : [...VARIANTS];
pinSelf(1);
const built = buildPeers();
const server = built(new URL('./cheap-path-server.ts', import.meta.url).pathname);
const bodyFor = (variant: string) =>
  JSON.stringify(variant.startsWith('yoga-static') ? { query: '{ hello }' } : { query: ONE_USER, variables: { id: globalUserId('rinkel', 'abc') } });

const children = new Map<string, Child>();
const results = new Map<string, { reqPerSec: number; cpuUsPerRequest: number }[]>();
// `<variant>@production` runs the variant with NODE_ENV=production (graphql-js then skips its
// cross-realm instanceof checks); without it, NODE_ENV=development as the benchmark peers had it.
for (const variant of variants) {
  const [name, env] = variant.split('@');
  children.set(variant, await startChild(server, { core: 0, env: { CHEAP_PATH_VARIANT: name!, NODE_ENV: env === 'production' ? 'production' : 'development' } }));
}

try {
  for (let round = 1; round <= Number(rounds); round++) {
    const random = seededRandom(round);
    const order = [...variants].sort(() => random() - 0.5);
    for (const variant of order) {
      const child = children.get(variant)!;
      const body = bodyFor(variant);
      const run = (duration: number) => autocannon({ url: child.ready, connections: 50, duration, method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await run(2);
      const cpuBefore = cpuSeconds(child.pid);
      const result = await run(Number(seconds));
      const cpu = cpuSeconds(child.pid) - cpuBefore;
      const answered = result['2xx'];
      if (result.non2xx > 0 || answered === 0) throw new Error(`${variant}: ${result.non2xx} non-2xx answers, ${answered} 2xx`);
      const entry = { reqPerSec: answered / result.duration, cpuUsPerRequest: (cpu * 1e6) / answered };
      results.set(variant, [...(results.get(variant) ?? []), entry]);
      console.log(`round ${round} ${variant.padEnd(20)} ${entry.reqPerSec.toFixed(0).padStart(6)} req/s  ${entry.cpuUsPerRequest.toFixed(0).padStart(5)} µs CPU/req`);
    }
  }
  console.log('\n| Variant | req/s, median (min–max) | CPU µs per request, median (min–max) |\n|---|---|---|');
  for (const variant of variants) {
    const list = results.get(variant) ?? [];
    const rate = spread(list.map((r) => r.reqPerSec));
    const cpu = spread(list.map((r) => r.cpuUsPerRequest));
    console.log(`| ${variant} | ${rate.median.toFixed(0)} (${rate.min.toFixed(0)}–${rate.max.toFixed(0)}) | ${cpu.median.toFixed(0)} (${cpu.min.toFixed(0)}–${cpu.max.toFixed(0)}) |`);
  }
} finally {
  await Promise.all([...children.values()].map((child) => child.stop()));
}
