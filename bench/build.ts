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

/** Transpiles the peers' sources; returns the path of `entry` (a .ts path under the project) in the build. */
export function buildPeers(): (entry: string) => string {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const sources = ['src', 'bench'].flatMap((dir) =>
    (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).map((file) => join(dir, file)).filter((file) => !file.startsWith('bench/.build') && !file.startsWith('bench/results')),
  );
  const code = sources.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  buildSync({ entryPoints: code.map((file) => join(ROOT, file)), outdir: BUILD_DIR, outbase: ROOT, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  // Files read at run time next to the code (the Apollo peer's SDL).
  for (const asset of sources.filter((file) => file.endsWith('.graphql'))) {
    mkdirSync(dirname(join(BUILD_DIR, asset)), { recursive: true });
    copyFileSync(join(ROOT, asset), join(BUILD_DIR, asset));
  }
  writeFileSync(join(BUILD_DIR, 'package.json'), '{ "type": "module" }\n');
  return (entry) => join(BUILD_DIR, entry.slice(ROOT.length).replace(/\.ts$/, '.js'));
}
