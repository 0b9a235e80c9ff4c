/**
 * The peers a benchmark compares, each a process of its own started from its entry point with the
 * simulators' environment. `kind` says which form of the operations it answers (bench/operations.ts).
 */
import type { PeerKind } from '../workloads.js';

export interface Peer {
  readonly name: string;
  readonly title: string;
  readonly kind: PeerKind;
  readonly entry: string;
  readonly env?: Readonly<Record<string, string>>;
}

const entry = (file: string) => new URL(file, import.meta.url).pathname;

export const PEERS: readonly Peer[] = [
  { name: 'floor', title: 'Floor: Fastify + undici, hand-written fan-out, no GraphQL', kind: 'rest', entry: entry('./floor.ts') },
  { name: 'yoga-floor', title: 'yoga-floor: graphql-yoga, the same schema shape, the floor\'s bare fan-out (no resilience, quota, auth, metrics, logs, tracing)', kind: 'graphql', entry: entry('./yoga-floor.ts') },
  { name: 'apollo-default', title: 'Apollo Server 5 + RESTDataSource (default fetcher, node-fetch)', kind: 'graphql', entry: entry('./apollo.ts'), env: { APOLLO_FETCHER: 'default' } },
  { name: 'apollo-undici', title: 'Apollo Server 5 + RESTDataSource (undici fetch)', kind: 'graphql', entry: entry('./apollo.ts'), env: { APOLLO_FETCHER: 'undici' } },
  { name: 'switchboard', title: 'Switchboard as shipped (Yoga + Pothos + dataloader + undici)', kind: 'graphql', entry: entry('./switchboard.ts') },
];

/**
 * `BENCH_BASELINE=<checkout>` adds Switchboard as built from another checkout (a git worktree of an
 * earlier commit holding this file at bench/peers/switchboard.ts), for before/after figures in one run.
 */
export const BASELINE = process.env.BENCH_BASELINE || null;
if (BASELINE) {
  (PEERS as Peer[]).push({ name: 'switchboard-before', title: `Switchboard before, as built from ${BASELINE}`, kind: 'graphql', entry: `${BASELINE.replace(/\/$/, '')}/bench/peers/switchboard.ts` });
}

/**
 * What every peer runs with, in every run and tool: quiet logs, no auth, vendor limits off (the
 * simulators' are off too; IMIchat's daily 10,000 would throttle a long run).
 */
export const PEER_ENV: Readonly<Record<string, string>> = { LOG_LEVEL: 'warn', AUTH: 'none', DIALPAD_RATE_LIMITS: '', IMICHAT_RATE_LIMITS: '', NODE_ENV: 'development' };

/** The peer every ratio is "ours over theirs" from. */
export const OURS = 'switchboard';
