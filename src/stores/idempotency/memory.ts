import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_TTL_MS, type Claim, type IdempotencyStore } from './index.js';

interface Entry<R> {
  fingerprint: string;
  /** The running claim's token; null when none runs. */
  token: string | null;
  result: R | null;
  partial: boolean;
  expiresAt: number;
}

/** The keys of one process (the default without `REDIS_URL`). */
export function createMemoryIdempotencyStore<R>({ ttlMs = IDEMPOTENCY_TTL_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {}): IdempotencyStore<R> {
  const entries = new Map<string, Entry<R>>();
  const sweep = () => {
    const at = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
  };
  return {
    async claim(key, fingerprint, leaseMs): Promise<Claim<R>> {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) {
        if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
        if (entry.token !== null) return { state: 'in-progress' };
        if (!entry.partial) return { state: 'replay', result: entry.result as R };
        entry.token = randomUUID();
        entry.expiresAt = Math.max(entry.expiresAt, now() + leaseMs);
        return { state: 'claimed', token: entry.token, kept: entry.result };
      }
      if (entries.size % 1024 === 0) sweep();
      const token = randomUUID();
      entries.set(key, { fingerprint, token, result: null, partial: false, expiresAt: now() + leaseMs });
      return { state: 'claimed', token, kept: null };
    },
    async complete(key, token, result, partial) {
      const entry = entries.get(key);
      if (entry?.token === token) Object.assign(entry, { token: null, result, partial, expiresAt: now() + ttlMs });
    },
    async release(key, token) {
      const entry = entries.get(key);
      if (entry?.token !== token) return;
      if (entry.result === null) entries.delete(key);
      else entry.token = null;
    },
  };
}
