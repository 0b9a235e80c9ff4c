/**
 * Idempotent mutations: a client that retries a write with the same `idempotencyKey` gets the result
 * of every account that was (or may have been) written, and the vendor sees one write. Keys are
 * claimed atomically (one claim wins on any replica); results are kept 24 h.
 *
 * The one replay rule (also in the schema descriptions and the README): a replay returns the stored
 * result of every account that was written or may have been (`UNKNOWN`); an account whose result
 * certainly changed nothing (`NOT_APPLIED`, a refusal before any write) is attempted again under the
 * same key. So a finished entry may be *partial*: it holds the written accounts' results, and the next
 * request with the key claims it again to attempt the rest.
 */

export type Claim<R> =
  /** Run the mutation, then `complete` or `release`. `kept`: results already written under this key (a partial entry). */
  | { readonly state: 'claimed'; readonly token: string; readonly kept: R | null }
  /** Same key, same payload, finished with nothing left to attempt: return this. */
  | { readonly state: 'replay'; readonly result: R }
  /** Same key, same payload, still running in another request (on any replica). */
  | { readonly state: 'in-progress' }
  /** Same key, different payload: a client bug, or two clients sharing a key. */
  | { readonly state: 'mismatch' };

export interface IdempotencyStore<R> {
  /** `key` is already scoped to the caller and operation; `leaseMs` bounds a claim whose holder died. */
  claim(key: string, fingerprint: string, leaseMs: number): Promise<Claim<R>>;
  /** Stores the results to replay; `partial` when some accounts changed nothing and may be attempted again. */
  complete(key: string, token: string, result: R, partial: boolean): Promise<void>;
  /** Gives the claim up: back to the partial entry it had, or forgotten. */
  release(key: string, token: string): Promise<void>;
}

/** Results are kept this long after the last write under a key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The store cannot be reached: a keyed write is refused, since its key could not be checked or kept. */
export class StoreUnavailableError extends Error {
  constructor(store: string, options?: { cause?: unknown }) {
    super(`The shared ${store} store (Redis) is not reachable.`, options);
    this.name = 'StoreUnavailableError';
  }
}
