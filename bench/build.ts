/**
 * Peers run as plain JavaScript, as a deployment would run them, not under tsx: tsx's loader thread
 * and source maps add ~90 MB of RSS to every process and make every `new Error()` cost a source-map
 * lookup, which would measure the dev tool instead of the peer. Each run transpiles src/ and bench/
 * (type-stripping only, one file per file, with esbuild, which tsx already brings) into bench/.build/,
 * where Node finds the project's node_modules by walking up as usual.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = new URL('../', import.meta.url).pathname;
export const BUILD_DIR = join(ROOT, 'bench/.build');

/**
 * Transpiles the peers' sources; returns the path in the build of an entry (a .ts path under the
 * project, or under one of `others`: checkouts of other revisions, built beside it for before/after runs).
 */
export function buildPeers(others: readonly string[] = []): (entry: string) => string {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const roots = [{ root: ROOT, out: BUILD_DIR }, ...others.map((root, i) => ({ root: join(root, '/'), out: join(BUILD_DIR, `other-${i}`) }))];
  for (const { root, out } of roots) buildTree(root, out);
  return (entry) => {
    // The longest matching root wins: another checkout may live inside this one.
    const match = roots.filter(({ root }) => entry.startsWith(root)).sort((a, b) => b.root.length - a.root.length)[0];
    if (!match) throw new Error(`${entry} is in no built tree`);
    return join(match.out, entry.slice(match.root.length).replace(/\.ts$/, '.js'));
  };
}

function buildTree(root: string, out: string): void {
  const sources = ['src', 'bench'].flatMap((dir) =>
    (readdirSync(join(root, dir), { recursive: true }) as string[]).map((file) => join(dir, file)).filter((file) => !file.startsWith('bench/.build') && !file.startsWith('bench/results')),
  );
  const code = sources.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  buildSync({ entryPoints: code.map((file) => join(root, file)), outdir: out, outbase: root, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  // Files read at run time next to the code (the Apollo peer's SDL).
  for (const asset of sources.filter((file) => file.endsWith('.graphql'))) {
    mkdirSync(dirname(join(out, asset)), { recursive: true });
    copyFileSync(join(root, asset), join(out, asset));
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
}
