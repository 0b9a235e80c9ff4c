import type { GraphQLError } from 'graphql';
import type { Principal } from './auth.js';
import type { Directory } from './connectors/directory.js';
import type { IdempotencyStore } from './stores/idempotency/index.js';
import type { UserReads } from './stores/cache/user-reads.js';
import type { StoreState } from './stores/redis.js';
import type { Metrics } from './resilience/metrics.js';
import type { UpdateResult } from './update-results.js';
import type { UserConnector, VendorId } from './connectors/types.js';
import type { VendorStatus } from './vendors.js';

/** What every resolver gets. Built per request by `createContext`; the connectors are shared, the rest is not. */
export interface Context {
  /** Who is calling, and with which scopes (everyone, with all of them, when auth is off). */
  readonly principal: Principal;
  /** Enabled vendors only; a vendor that is off has no connector. */
  readonly connectors: Readonly<Partial<Record<VendorId, UserConnector>>>;
  readonly directory: Directory;
  readonly vendorStatus: VendorStatus;
  /** Results of mutations sent with an `idempotencyKey`, shared by all requests. */
  readonly idempotency: IdempotencyStore<UpdateResult | UpdateResult[]>;
  /** Account reads by id, shared by all requests: coalesced, and through the entity cache when on. */
  readonly reads: UserReads;
  /** The request said `Cache-Control: no-cache`: no cached account and no older load is used. */
  readonly readFresh: boolean;
  /** The shared store's state (MEMORY, REDIS_UP, REDIS_DOWN). */
  readonly storeState: () => StoreState;
  readonly metrics: Metrics;
  /**
   * Errors for list fields that still return data (a vendor failed while the others answered). The
   * partial-results plugin appends them to the response's `errors`, each with its field path.
   */
  readonly partialErrors: GraphQLError[];
  /** Aborts when the client goes away or the request deadline passes; passed to every vendor call. */
  readonly signal: AbortSignal;
}
