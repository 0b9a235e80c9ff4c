/**
 * The benchmark's child processes: started pinned to a core where `taskset` exists, ready when they
 * print `ready <url>`, and watched from outside through /proc (CPU seconds, RSS) so that measuring a
 * peer costs the peer nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Whether `taskset` can pin here (Linux with util-linux); without it every process floats. */
export const CAN_PIN = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Moves a running process, all its threads, to `core`. */
export function pin(pid: number, core: number): boolean {
  return CAN_PIN && spawnSync('taskset', ['-a', '-cp', String(core), String(pid)]).status === 0;
}

/** Pins this very process (the load generator) to `core`. */
export function pinSelf(core: number): boolean {
  return pin(process.pid, core);
}

export interface Child {
  readonly pid: number;
  /** The first stdout line, minus `ready `. */
  readonly ready: string;
  /** Every stdout line after the ready line (a simulator prints its URLs there). */
  readonly lines: string[];
  stop(): Promise<void>;
}

/** Runs an entry point on `core`, with `env` added, and waits for its ready line. */
export async function startChild(
  entry: string,
  { core, env = {}, nodeArgs = [], readyLines = 1, timeoutMs = 30_000 }: { core: number | null; env?: Record<string, string>; nodeArgs?: string[]; readyLines?: number; timeoutMs?: number },
): Promise<Child> {
  // Built JavaScript runs on plain Node; a .ts entry (tools, tests) under tsx.
  const node = [process.execPath, ...nodeArgs, ...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), entry];
  const [command, ...args] = CAN_PIN && core !== null ? ['taskset', '-c', String(core), ...node] : node;
  const child = spawn(command as string, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const lines: string[] = [];
  const output = createInterface({ input: child.stdout! });
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} not ready after ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready\n${stderr}`)));
    output.on('line', (line) => {
      lines.push(line);
      if (lines.length === readyLines) {
        clearTimeout(timer);
        resolve(lines[0]!.replace(/^ready /, ''));
      }
    });
  });
  return { pid: child.pid!, ready, lines, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is parenthesised and may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident set size in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

export interface Usage {
  /** CPU seconds used per wall second (1.0 is one core, busy). */
  readonly cpu: number;
  readonly cpuSeconds: number;
  /** Median RSS over the samples, bytes. */
  readonly rssSteady: number;
  readonly rssPeak: number;
}

/** Samples a process every `everyMs` until `stop()`; CPU is the whole interval's, RSS per sample. */
export function watch(pid: number, everyMs = 250): { stop(): Usage } {
  const startedCpu = cpuSeconds(pid);
  const started = performance.now();
  const rss: number[] = [rssBytes(pid)];
  const timer = setInterval(() => rss.push(rssBytes(pid)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      rss.push(rssBytes(pid));
      const used = cpuSeconds(pid) - startedCpu;
      const sorted = [...rss].sort((a, b) => a - b);
      return { cpu: used / ((performance.now() - started) / 1000), cpuSeconds: used, rssSteady: sorted[Math.floor(sorted.length / 2)] ?? 0, rssPeak: sorted.at(-1) ?? 0 };
    },
  };
}
