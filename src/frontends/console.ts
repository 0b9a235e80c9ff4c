import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

/**
 * The reference console's built files (console/ → dist/console by Vite). `npm start` runs from source,
 * so the console is built on start when its sources changed since the last build (a hash of them is
 * kept beside the build); a production start from `npm run build`'s dist/ serves what was built then.
 */

/** The checkout (or installed package) root: the nearest folder above this file with a package.json. */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export interface ConsoleBuild {
  /** Where the built files are (index.html, assets/). */
  dir: string;
  /** Whether this call built them (false: the last build was current). */
  built: boolean;
}

const HASH_FILE = '.source-hash';

/** A hash of everything the build reads from console/ (sources, config, generated documents). */
async function sourceHash(sourceDir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') await walk(path);
      } else {
        hash.update(relative(sourceDir, path)).update('\0').update(await readFile(path)).update('\0');
      }
    }
  };
  await walk(sourceDir);
  return hash.digest('hex');
}

const readText = (path: string) => readFile(path, 'utf8').catch(() => null);

/**
 * Builds the console when its sources changed. Several processes may start at once (replicas, test
 * workers): one builds into a folder of its own and renames it into place, under a lock folder; the
 * others wait for the lock to go and then find the build current.
 */
export async function ensureConsoleBuilt(root = projectRoot(), logger?: Logger): Promise<ConsoleBuild> {
  const sourceDir = join(root, 'console');
  const dir = join(root, 'dist', 'console');
  if (!existsSync(join(sourceDir, 'vite.config.ts'))) {
    // An installed build without sources (npm run build, then a production start): serve what is there.
    if (existsSync(join(dir, 'index.html'))) return { dir, built: false };
    throw new Error(`The console is neither built (${dir}) nor buildable (no ${sourceDir})`);
  }
  const hash = await sourceHash(sourceDir);
  if ((await readText(join(dir, HASH_FILE))) === hash) return { dir, built: false };
  // Vite is a development dependency: without it (npm ci --omit=dev) the last build is what there is.
  const vite = await import('vite').catch(() => null);
  if (!vite) {
    if (existsSync(join(dir, 'index.html'))) {
      logger?.warn('console: its sources changed since the last build, but Vite is not installed to rebuild it');
      return { dir, built: false };
    }
    throw new Error('The console is not built and Vite is not installed: run npm ci (with dev dependencies) or npm run build');
  }
  const lock = join(root, 'dist', '.console-build.lock');
  await mkdir(join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than two minutes belongs to a build that died.
      const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 120_000) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      if ((await readText(join(dir, HASH_FILE))) === hash) return { dir, built: false };
    }
  }
  // A process that exits mid-build (SIGTERM) must not leave the others waiting on its lock.
  const release = () => rmSync(lock, { recursive: true, force: true });
  process.once('exit', release);
  try {
    if ((await readText(join(dir, HASH_FILE))) === hash) return { dir, built: false };
    logger?.info('console: sources changed since the last build; building it (Vite)');
    const staging = `${dir}.${process.pid}`;
    await vite.build({ configFile: join(sourceDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    await writeFile(join(staging, HASH_FILE), hash);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    return { dir, built: true };
  } finally {
    process.off('exit', release);
    release();
  }
}
