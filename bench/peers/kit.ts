/**
 * What the benchmark's peer gateways share, so that they differ only in what the benchmark compares
 * (server, GraphQL engine, HTTP client, batching) and never in what they answer:
 *
 * - the vendors' request shapes, wire validation and canonical mapping: each peer drives Switchboard's
 *   own vendor clients (`src/connectors/<vendor>/client.ts`) and pure mapping functions over an
 *   `HttpClient` of its own making, so "same fields, same values" holds by construction;
 * - the answer shape: `toApiUser` gives the fields the benchmark operations select, serialised the
 *   way Switchboard's schema serialises them (global id, enum names, ISO dates);
 * - the directory snapshot `updateUsersByEmail` needs for vendors without an email search. A scan runs
 *   once per `DIRECTORY_TTL_MS` whatever the load, so every peer takes it from Switchboard's connectors
 *   rather than re-implementing four pagination styles it would spend no measurable time in.
 */
import { encodeGlobalID, decodeGlobalID } from '@pothos/plugin-relay';
import { loadConfig } from '../../src/config.js';
import { createCommpeakClient } from '../../src/connectors/commpeak/client.js';
import { planCommpeakUpdate, readCommpeakUser } from '../../src/connectors/commpeak/mapping.js';
import { createDialpadClient } from '../../src/connectors/dialpad/client.js';
import { holdsEmail, planDialpadUpdate, readDialpadUser } from '../../src/connectors/dialpad/mapping.js';
import { createDirectory, type Directory } from '../../src/connectors/directory.js';
import type { HttpClient } from '../../src/connectors/http.js';
import { createImichatClient } from '../../src/connectors/imichat/client.js';
import { planImichatUpdate, readImichatUser } from '../../src/connectors/imichat/mapping.js';
import type { ImichatToken } from '../../src/connectors/imichat/token.js';
import { createImichatToken } from '../../src/connectors/imichat/token.js';
import { createConnector, type VendorCredentials } from '../../src/connectors/registry.js';
import { createRinkelClient } from '../../src/connectors/rinkel/client.js';
import { planRinkelUpdate, readRinkelUser } from '../../src/connectors/rinkel/mapping.js';
import { VENDOR_IDS, type CanonicalPatch, type CanonicalUser, type UpdatePlan, type UserConnector, type VendorId } from '../../src/connectors/types.js';

/** Where each vendor is and how to sign in, read from the same environment the gateway reads. */
export interface VendorEndpoint<V extends VendorId = VendorId> {
  readonly baseUrl: string;
  readonly credentials: VendorCredentials[V];
  readonly concurrency: number;
  readonly timeoutMs: number;
}

export type VendorEndpoints = { readonly [V in VendorId]: VendorEndpoint<V> };

export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): VendorEndpoints {
  const config = loadConfig(env);
  const endpoints = {} as Record<VendorId, VendorEndpoint>;
  for (const vendor of VENDOR_IDS) {
    const settings = config.vendors[vendor];
    if (settings.mode !== 'LIVE' || !settings.baseUrl || !settings.credentials) throw new Error(`peer: ${vendor} base URL and credentials must be set`);
    endpoints[vendor] = { baseUrl: settings.baseUrl, credentials: settings.credentials, concurrency: settings.concurrency, timeoutMs: settings.timeoutMs };
  }
  return endpoints as VendorEndpoints;
}

/** A user as the benchmark operations select it (`fragment BenchUser` in bench/operations.ts). */
export interface ApiUser {
  id: string;
  vendor: string;
  vendorUserId: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  email: string | null;
  emails: readonly string[];
  phoneNumber: string | null;
  status: string;
  availability: string | null;
  language: string | null;
  timeZone: string | null;
  jobTitle: string | null;
  extension: string | null;
  isAdmin: boolean | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** Switchboard's `User.id`: a Relay global id over `vendor:vendorUserId`. */
export function globalUserId(vendor: VendorId, vendorUserId: string): string {
  return encodeGlobalID('User', `${vendor}:${vendorUserId}`);
}

/** The account a global id names, or null when it names none. */
export function parseUserId(id: string): { vendor: VendorId; vendorUserId: string } | null {
  try {
    const { typename, id: key } = decodeGlobalID(id);
    const colon = key.indexOf(':');
    const vendor = key.slice(0, colon) as VendorId;
    const vendorUserId = key.slice(colon + 1);
    return typename === 'User' && colon > 0 && VENDOR_IDS.includes(vendor) && vendorUserId !== '' ? { vendor, vendorUserId } : null;
  } catch {
    return null;
  }
}

export function toApiUser(user: CanonicalUser): ApiUser {
  return {
    id: globalUserId(user.vendor, user.vendorUserId),
    vendor: user.vendor.toUpperCase(),
    vendorUserId: user.vendorUserId,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: user.fullName,
    email: user.email,
    emails: user.emails,
    phoneNumber: user.phoneNumber,
    status: user.status,
    availability: user.availability,
    language: user.language,
    timeZone: user.timeZone,
    jobTitle: user.jobTitle,
    extension: user.extension,
    isAdmin: user.isAdmin,
    createdAt: user.createdAt?.toISOString() ?? null,
    updatedAt: user.updatedAt?.toISOString() ?? null,
  };
}

/**
 * One vendor as a peer drives it: read one account, write one, plan a write, all in canonical terms.
 * Built per `HttpClient`, so a peer that makes its HTTP clients per request (Apollo's RESTDataSource
 * idiom) builds these per request too; they are closures over the client and cost nothing to make.
 */
export interface PeerVendor {
  getUser(vendorUserId: string, signal?: AbortSignal): Promise<CanonicalUser>;
  /** Sends a body from `plan`; reads the account back when the vendor's answer carries none. */
  updateUser(vendorUserId: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<CanonicalUser>;
  plan(current: CanonicalUser, patch: CanonicalPatch): UpdatePlan;
}

export type PeerVendors = { readonly [V in VendorId]: PeerVendor } & {
  /** Dialpad's `?email=` search: the accounts holding this address among their addresses. */
  dialpadByEmail(email: string, signal?: AbortSignal): Promise<CanonicalUser[]>;
};

/**
 * IMIchat signs in once per hour, not once per request: the token outlives any per-request client, so
 * it is made once per peer, over an `HttpClient` the peer keeps for the purpose.
 */
export function createSharedImichatToken(http: HttpClient, endpoint: VendorEndpoint<'imichat'>): ImichatToken {
  return createImichatToken(http, { apiKey: endpoint.credentials.apiKey, domain: endpoint.credentials.domain });
}

export function createPeerVendors(endpoints: VendorEndpoints, httpFor: (vendor: VendorId) => HttpClient, imichatToken: ImichatToken): PeerVendors {
  const rinkel = createRinkelClient(httpFor('rinkel'), endpoints.rinkel.credentials.apiKey);
  const dialpad = createDialpadClient(httpFor('dialpad'), endpoints.dialpad.credentials.apiKey);
  const imichat = createImichatClient(httpFor('imichat'), imichatToken, endpoints.imichat.credentials.teamId);
  const commpeak = createCommpeakClient(httpFor('commpeak'), endpoints.commpeak.credentials.username, endpoints.commpeak.credentials.password);

  function vendor<W>(
    client: { getUser(id: string, signal?: AbortSignal): Promise<W>; updateUser(id: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<W | null> },
    decode: (wire: W) => CanonicalUser,
    plan: (current: CanonicalUser, patch: CanonicalPatch, own: undefined) => UpdatePlan,
  ): PeerVendor {
    return {
      getUser: async (id, signal) => decode(await client.getUser(id, signal)),
      async updateUser(id, body, signal) {
        const written = await client.updateUser(id, body, signal);
        return decode(written ?? (await client.getUser(id, signal)));
      },
      plan: (current, patch) => plan(current, patch, undefined),
    };
  }

  return {
    rinkel: vendor(rinkel, (payload) => readRinkelUser(payload), planRinkelUpdate),
    dialpad: vendor(dialpad, (payload) => readDialpadUser(payload), planDialpadUpdate),
    imichat: vendor(imichat, (payload) => readImichatUser(payload), planImichatUpdate),
    commpeak: vendor(commpeak, (payload) => readCommpeakUser(payload), planCommpeakUpdate),
    async dialpadByEmail(email, signal) {
      const found = await dialpad.findByEmail(email, signal);
      return found.map((payload) => readDialpadUser(payload)).filter((user) => holdsEmail(user, email));
    },
  };
}

/** A peer's reads of single accounts, shared across its requests (see `createSharedReads`). */
export interface SharedReads {
  read(vendor: VendorId, vendorUserId: string): Promise<CanonicalUser>;
  /** A write changed this account: the next read goes to the vendor. */
  forget(vendor: VendorId, vendorUserId: string): void;
}

/**
 * Reads of one account in flight at the same moment share one vendor call, across requests: what
 * Switchboard's shared reads do with the entity cache off (src/stores/cache/user-reads.ts). A floor
 * without it loses to Switchboard whenever concurrent requests name the same accounts (the bench's
 * people are few), and a floor that loses anywhere is not a floor. With `ttlMs` > 0 (the gateway's
 * `CACHE_TTL_MS`, read by the caller) an answer is also kept that long in a plain Map: the floor of a
 * gateway with an entity cache. Writes do not read through it (they read fresh, as Switchboard's do)
 * and `forget` what they wrote.
 */
export function createSharedReads(vendors: PeerVendors, { ttlMs = 0 }: { ttlMs?: number } = {}): SharedReads {
  const inflight = new Map<string, Promise<CanonicalUser>>();
  const kept = new Map<string, { user: CanonicalUser; until: number }>();
  /** Writes per account: a read that began before a write must not keep what it read. */
  const writes = new Map<string, number>();
  return {
    read(vendor, vendorUserId) {
      const key = `${vendor}:${vendorUserId}`;
      const hit = ttlMs > 0 ? kept.get(key) : undefined;
      if (hit && hit.until > Date.now()) return Promise.resolve(hit.user);
      let read = inflight.get(key);
      if (!read) {
        const started = vendors[vendor].getUser(vendorUserId);
        const generation = writes.get(key) ?? 0;
        // Only this read's own entry goes: after a `forget`, a newer read may hold the key.
        const settle = () => void (inflight.get(key) === started && inflight.delete(key));
        started.then(
          (user) => {
            settle();
            if (ttlMs > 0 && (writes.get(key) ?? 0) === generation) kept.set(key, { user, until: Date.now() + ttlMs });
          },
          settle,
        );
        inflight.set(key, (read = started));
      }
      return read;
    },
    forget(vendor, vendorUserId) {
      const key = `${vendor}:${vendorUserId}`;
      kept.delete(key);
      // A read in flight now began before the write: it is not joined, and what it reads is not kept.
      inflight.delete(key);
      writes.set(key, (writes.get(key) ?? 0) + 1);
    },
  };
}

/** The directory snapshot for email lookups (see the module comment), over Switchboard's connectors. */
export function createPeerDirectory(endpoints: VendorEndpoints): Directory & { close(): Promise<void> } {
  const connectors = {} as Record<VendorId, UserConnector>;
  for (const vendor of VENDOR_IDS) {
    const { baseUrl, credentials, concurrency, timeoutMs } = endpoints[vendor];
    connectors[vendor] = createConnector(vendor, { baseUrl, timeoutMs, concurrency, ...credentials } as never);
  }
  // The gateway's own setting, so every peer's snapshots live as long as Switchboard's.
  const directory = createDirectory(connectors, { ttlMs: loadConfig().directoryTtlMs });
  return { ...directory, close: async () => void (await Promise.all(Object.values(connectors).map((connector) => connector.close()))) };
}

/**
 * One person's accounts, as Switchboard's `usersByEmail` finds them: Dialpad by its search, the other
 * vendors' candidates from the snapshot, each confirmed by a fresh read through `load` (the peer's
 * request-scoped loader, so a read already made in the request is not repeated).
 */
export async function findPerson(
  vendors: PeerVendors,
  directory: Directory,
  email: string,
  load: (vendor: VendorId, vendorUserId: string) => Promise<CanonicalUser>,
  signal?: AbortSignal,
): Promise<CanonicalUser[]> {
  const needle = email.toLowerCase();
  const holds = (user: CanonicalUser) => user.emails.some((address) => address.toLowerCase() === needle);
  const perVendor = await Promise.all(
    VENDOR_IDS.map(async (vendor) => {
      if (vendor === 'dialpad') return vendors.dialpadByEmail(email, signal);
      const candidates = (await directory.list(vendor, signal)).filter(holds);
      const fresh = await Promise.all(candidates.map((user) => load(vendor, user.vendorUserId)));
      return fresh.filter(holds);
    }),
  );
  return perVendor.flat();
}

/**
 * One account's write as Switchboard makes it for `updateUsersByEmail` and `updateUser`: plan against
 * the current account (read through `load`), then write once. Fields the vendor cannot take are
 * skipped; the benchmark only sends fields every vendor it writes to can take.
 */
export async function updateAccount(
  vendors: PeerVendors,
  current: CanonicalUser,
  patch: CanonicalPatch,
  signal?: AbortSignal,
): Promise<CanonicalUser> {
  const vendor = vendors[current.vendor];
  const plan = vendor.plan(current, patch);
  if (Object.keys(plan.body).length === 0) return current;
  return vendor.updateUser(current.vendorUserId, plan.body, signal);
}
