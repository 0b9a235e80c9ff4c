/**
 * The entity cache: accounts by `vendor:vendorUserId`, as text, shared by every replica with Redis.
 *
 * Every key has a generation that a write bumps (`invalidate`). A reader notes the generation before
 * it calls the vendor and stores what it read only if the generation is still the same, so a read
 * that started before a write answered can never put the old account back after the write dropped
 * it, on this replica or any other.
 */
export interface CacheStore {
  /** Each key's cached text (null on a miss) and its generation now. */
  get(keys: readonly string[]): Promise<{ value: string | null; generation: string }[]>;
  /** Each key's generation alone (cheap: no value is read). */
  generations(keys: readonly string[]): Promise<string[]>;
  /** Stores `value` for `ttlMs` if `key` is still at `generation`. */
  set(key: string, value: string, generation: string, ttlMs: number): Promise<void>;
  /** A write to the account answered (or may have): drop it and start a new generation. */
  invalidate(key: string): Promise<void>;
  /**
   * Asks to be the one replica that loads `key` now (others wait for the cache to fill). True: load
   * it, then `unlock`. Held at most `ms`.
   */
  lock(key: string, ms: number): Promise<boolean>;
  unlock(key: string): Promise<void>;
}
