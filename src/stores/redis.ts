import { Redis } from 'ioredis';

/**
 * The one Redis connection a process shares among its stores.
 *
 * ioredis rather than node-redis: its `enableOfflineQueue: false` makes every command fail at once
 * while the connection is down (node-redis queues or throws per command type), which is exactly what
 * a store needs to fall back instead of stalling requests; it reconnects on its own with a strategy we
 * choose; `defineCommand` loads Lua scripts once and calls them by SHA (EVALSHA, with EVAL after a
 * restarted Redis forgot them); and `keyPrefix` scopes every key, script keys included, so two
 * deployments can share one Redis. It is maintained by Redis Ltd. beside node-redis.
 */

export type StoreState = 'MEMORY' | 'REDIS_UP' | 'REDIS_DOWN';

export interface RedisConnection {
  readonly client: Redis;
  /** True while commands can be sent. */
  isUp(): boolean;
  close(): Promise<void>;
}

export interface RedisOptions {
  /** `redis://` or `rediss://` (TLS). */
  url: string;
  /** Put before every key. @default 'switchboard:' */
  keyPrefix?: string;
  /** A command that takes longer fails (the store then falls back). @default 1000 */
  commandTimeoutMs?: number;
  /** Called on connection errors and state changes, at most once per state change. */
  onStateChange?: (up: boolean, error?: Error) => void;
}

export function connectRedis({ url, keyPrefix = 'switchboard:', commandTimeoutMs = 1000, onStateChange }: RedisOptions): RedisConnection {
  const client = new Redis(url, {
    keyPrefix,
    // Fail fast while disconnected: stores fall back (reads without cache, local quota share) and
    // keyed writes are refused, instead of every request waiting for a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    // Try again every 0.2–1 s for ever: Redis coming back is picked up within a second, no restart.
    retryStrategy: (times) => Math.min(times * 200, 1000),
    // A Redis that answers LOADING or READONLY (failover) is treated as down until it is not.
    reconnectOnError: (error) => /READONLY|LOADING/.test(error.message),
  });
  let up = false;
  const set = (next: boolean, error?: Error) => {
    if (next === up) return;
    up = next;
    onStateChange?.(next, error);
  };
  client.on('ready', () => set(true));
  client.on('close', () => set(false));
  client.on('end', () => set(false));
  // Without a listener, ioredis reports connection errors as unhandled 'error' events.
  client.on('error', (error: Error) => set(false, error));
  return {
    client,
    isUp: () => up && client.status === 'ready',
    close: async () => {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
