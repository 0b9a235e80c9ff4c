/**
 * Summarises a V8 .cpuprofile: `npx tsx bench/tools/top-functions.ts <file> [n] [last seconds]` prints the functions
 * with the most self time, and the packages (by node_modules path) that own it.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const [file, count = '30', lastSeconds = '4'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
// Only the last `lastSeconds` of the profile: start-up (module loading, compilation) is not the load.
const self = new Map<number, number>();
let elapsed = profile.timeDeltas.reduce((a, b) => a + b, 0);
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  if (elapsed <= Number(lastSeconds) * 1e6) self.set(id, (self.get(id) ?? 0) + delta);
  elapsed -= delta;
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const time = self.get(node.id) ?? 0;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\/\/work\/main\//, '');
  byFunction.set(`${functionName || '(anonymous)'} ${where}:${lineNumber}`, (byFunction.get(`${functionName || '(anonymous)'} ${where}:${lineNumber}`) ?? 0) + time);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') || url === '' ? `(node ${functionName.startsWith('(') ? functionName : 'internals'})` : where.split('/').slice(0, 2).join('/'));
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
}
const show = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(count)).forEach(([name, time]) => console.log(`${((time / total) * 100).toFixed(1).padStart(5)} %  ${name}`));
console.log('— by package —');
show(byPackage);
console.log('— by function —');
show(byFunction);
