import { abortable } from '../resilience/deadline.js';
import { asUpstreamError } from '../errors.js';
import { carryUnreadable } from './drift.js';
import type { CanonicalUser, UserConnector, VendorId } from './types.js';

/**
 * A short-lived copy of each vendor's whole user list, for what the vendors cannot do themselves:
 * list across vendors with filters and stable cursors, and find a person by email where there is no
 * email search. A snapshot is read with `listAllUsers` (its cost is documented per connector), kept
 * for `ttlMs`, and shared by all requests; concurrent readers of an expired snapshot share one scan.
 * A failed scan is not cached, so the next request tries again.
 */

export interface DirectoryOptions {
  /** How long a snapshot serves before the next reader rescans. 0 rescans for every request. @default 30000 */
  ttlMs?: number;
  now?: () => number;
}

export interface Directory {
  /**
   * The vendor's users in its own list order. A list that left out records without a usable id says
   * so through `unreadableIn(list)` (drift.ts): callers report it and serve the rest.
   */
  list(vendor: VendorId, signal?: AbortSignal): Promise<readonly CanonicalUser[]>;
  /** Replaces one user in a live snapshot, so a write through the gateway shows in lists at once. */
  update(user: CanonicalUser): void;
  /** Drops a vendor's snapshot (or all of them). */
  invalidate(vendor?: VendorId): void;
}

interface Snapshot {
  readonly users: Promise<CanonicalUser[]>;
  readonly expiresAt: number;
}

export function createDirectory(connectors: Readonly<Partial<Record<VendorId, UserConnector>>>, { ttlMs = 30_000, now = Date.now }: DirectoryOptions = {}): Directory {
  const snapshots = new Map<VendorId, Snapshot>();

  return {
    list(vendor, signal) {
      const connector = connectors[vendor];
      if (!connector) return Promise.resolve([]);
      const current = snapshots.get(vendor);
      if (current && current.expiresAt > now()) return current.users;
      // The scan is shared by every request that arrives while it runs, so no single request's
      // abort signal may cancel it; each caller still stops waiting when its own signal fires.
      const users = connector.listAllUsers().then((all) => carryUnreadable(uniqueById(all), all) as CanonicalUser[]);
      const snapshot = { users, expiresAt: now() + ttlMs };
      snapshots.set(vendor, snapshot);
      users.catch(() => {
        if (snapshots.get(vendor) === snapshot) snapshots.delete(vendor);
      });
      // A caller whose deadline ends while the scan runs gets the vendor's coded error, not the bare abort.
      return signal ? abortable(users, signal).catch((error: unknown) => Promise.reject(asUpstreamError(error, vendor, signal))) : users;
    },
    update(user) {
      const snapshot = snapshots.get(user.vendor);
      if (!snapshot) return;
      const users = snapshot.users.then((list) => carryUnreadable(list.map((existing) => (existing.vendorUserId === user.vendorUserId ? user : existing)), list) as CanonicalUser[]);
      snapshots.set(user.vendor, { users, expiresAt: snapshot.expiresAt });
    },
    invalidate(vendor) {
      if (vendor) snapshots.delete(vendor);
      else snapshots.clear();
    },
  };
}

/**
 * Page-numbered scans can see a user twice when someone is added while they run (everyone shifts one
 * place down); the first sighting wins. A user deleted mid-scan can likewise be missed until the next one.
 */
function uniqueById(users: CanonicalUser[]): CanonicalUser[] {
  const seen = new Set<string>();
  return users.filter((user) => !seen.has(user.vendorUserId) && seen.add(user.vendorUserId));
}
