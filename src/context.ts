import type { GraphQLError } from 'graphql';
import type { Principal } from './auth.js';
import type { Directory } from './connectors/directory.js';
import type { IdempotencyStore } from './idempotency.js';
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
  readonly metrics: Metrics;
  /**
   * Errors for list fields that still return data (a vendor failed while the others answered). The
   * partial-results plugin appends them to the response's `errors`, each with its field path.
   */
  readonly partialErrors: GraphQLError[];
  /** Aborts when the client goes away or the request deadline passes; passed to every vendor call. */
  readonly signal: AbortSignal;
}
