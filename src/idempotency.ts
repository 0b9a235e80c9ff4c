import { createHash } from 'node:crypto';

/**
 * Idempotent mutations: a client that retries a write with the same `idempotencyKey` gets the first
 * attempt's result, and the vendor sees one write. The store is an interface so replicas can later
 * share one (Redis, a database); the in-memory one serves a single process.
 */

export type Claim<R> =
  /** The key is new (or expired): run the mutation, then `complete` or `release`. */
  | { readonly state: 'claimed' }
  /** Same key, same payload, finished: return this. */
  | { readonly state: 'replay'; readonly result: R }
  /** Same key, same payload, still running in another request. */
  | { readonly state: 'in-progress' }
  /** Same key, different payload: a client bug, or two clients sharing a key. */
  | { readonly state: 'mismatch' };

export interface IdempotencyStore<R> {
  claim(key: string, fingerprint: string): Promise<Claim<R>>;
  /** Stores the result for replays. */
  complete(key: string, result: R): Promise<void>;
  /** Forgets the key, so a retry runs again (for results that certainly changed nothing). */
  release(key: string): Promise<void>;
}

export interface MemoryStoreOptions {
  /** How long a finished key is remembered. @default 24 h */
  ttlMs?: number;
  now?: () => number;
}

export function createMemoryIdempotencyStore<R>({ ttlMs = 24 * 60 * 60 * 1000, now = Date.now }: MemoryStoreOptions = {}): IdempotencyStore<R> {
  const entries = new Map<string, { fingerprint: string; result?: R; done: boolean; expiresAt: number }>();
  const sweep = () => {
    const at = now();
    for (const [key, entry] of entries) if (entry.done && entry.expiresAt <= at) entries.delete(key);
  };
  return {
    async claim(key, fingerprint) {
      const entry = entries.get(key);
      if (entry && (!entry.done || entry.expiresAt > now())) {
        if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
        return entry.done ? { state: 'replay', result: entry.result as R } : { state: 'in-progress' };
      }
      if (entries.size % 1024 === 0) sweep();
      entries.set(key, { fingerprint, done: false, expiresAt: Infinity });
      return { state: 'claimed' };
    },
    async complete(key, result) {
      const entry = entries.get(key);
      if (entry) Object.assign(entry, { result, done: true, expiresAt: now() + ttlMs });
    },
    async release(key) {
      entries.delete(key);
    },
  };
}

/** A stable digest of a mutation's input: key order does not matter, values do. */
export function fingerprintOf(operation: string, input: unknown): string {
  return createHash('sha256').update(`${operation}\n${stableJson(input)}`).digest('base64url');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
