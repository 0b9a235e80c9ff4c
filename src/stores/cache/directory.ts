import type { Directory } from '../../connectors/directory.js';
import type { CanonicalUser, UserConnector, VendorId } from '../../connectors/types.js';
import { abortable } from '../../resilience/deadline.js';
import { decodeJson, encodeJson } from '../json.js';
import type { CacheStore } from './index.js';
import { directoryKey } from './user-reads.js';

/**
 * The vendors' list snapshots through the entity cache (`CACHE_TTL_MS` on): one replica's scan serves
 * every replica, and a write through any replica (`UserReads.invalidate`) starts a new generation of
 * its vendor's snapshot, so the next list on any replica reads the vendor again. Each replica keeps
 * the decoded snapshot while its generation holds and checks the generation (one small read) before
 * each use. When the cache store fails, the replica's own directory serves.
 */
export function createSharedDirectory(
  connectors: Readonly<Partial<Record<VendorId, UserConnector>>>,
  { cache, ttlMs, local, now = Date.now }: { cache: CacheStore; ttlMs: number; local: Directory; now?: () => number },
): Directory {
  const held = new Map<VendorId, { generation: string; users: Promise<CanonicalUser[]>; expiresAt: number }>();

  /** The snapshot to use, wrapped: this rejects only when the cache store fails, never for a failed scan. */
  async function shared(vendor: VendorId, connector: UserConnector): Promise<{ users: Promise<CanonicalUser[]> }> {
    const key = directoryKey(vendor);
    const [generation = '0'] = await cache.generations([key]);
    const mine = held.get(vendor);
    if (mine && mine.generation === generation && mine.expiresAt > now()) return { users: mine.users };
    const [stored] = await cache.get([key]);
    let users: Promise<CanonicalUser[]>;
    if (stored?.value != null && stored.generation === generation) {
      users = Promise.resolve(decodeJson(stored.value) as CanonicalUser[]);
    } else {
      // Shared by every request of this replica that arrives while it runs (see createDirectory).
      users = connector.listAllUsers().then(uniqueById);
      if (ttlMs > 0) void users.then((list) => cache.set(key, encodeJson(list), generation, ttlMs)).catch(() => {});
    }
    const entry = { generation, users, expiresAt: now() + ttlMs };
    held.set(vendor, entry);
    users.catch(() => {
      if (held.get(vendor) === entry) held.delete(vendor);
    });
    return { users };
  }

  return {
    async list(vendor, signal) {
      const connector = connectors[vendor];
      if (!connector) return [];
      let users: Promise<readonly CanonicalUser[]>;
      try {
        ({ users } = await shared(vendor, connector));
      } catch {
        // Only the cache store failed here (a failed scan rejects the snapshot below, not this).
        return local.list(vendor, signal);
      }
      return signal ? abortable(users, signal) : users;
    },
    update(user) {
      local.update(user);
      const mine = held.get(user.vendor);
      if (mine) held.set(user.vendor, { ...mine, users: mine.users.then((list) => list.map((existing) => (existing.vendorUserId === user.vendorUserId ? user : existing))) });
    },
    invalidate(vendor) {
      local.invalidate(vendor);
      if (vendor) held.delete(vendor);
      else held.clear();
    },
  };
}

function uniqueById(users: CanonicalUser[]): CanonicalUser[] {
  const seen = new Set<string>();
  return users.filter((user) => !seen.has(user.vendorUserId) && seen.add(user.vendorUserId));
}
