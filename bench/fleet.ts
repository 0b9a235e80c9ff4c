/**
 * The simulated vendors during a benchmark: one child process holding all four, steered through
 * their `/__admin` endpoints (latency profile, vendor limits off, call and connection counters), and
 * read once through Switchboard's own connectors to learn which accounts and people exist.
 */
import { createConnector, CREDENTIAL_ENV, SANDBOX_CREDENTIALS } from '../src/connectors/registry.js';
import { VENDOR_IDS, type CanonicalUser, type VendorId } from '../src/connectors/types.js';
import { startChild, type Child } from './processes.js';
import type { Account, BenchData, Person } from './workloads.js';

export interface Profile {
  readonly name: string;
  readonly title: string;
  /** Median answer time per vendor, ms. */
  readonly latency: Readonly<Record<VendorId, number>>;
  /** Log-normal jitter with p99 ≈ 3 × median, when true; else every answer takes exactly `latency`. */
  readonly jitter: boolean;
}

/** Dialpad's published limits (VENDORS.md), as its simulator starts. */
const DIALPAD_PUBLISHED = { perSecond: 20, perMinute: 1200 } as const;

/** The most arrivals within any one second (a sliding window: each arrival opens one) between `from` and `to`. */
export function worstSecond(arrivals: readonly number[], from: number, to: number): number {
  const inside = arrivals.filter((at) => at >= from && at <= to).sort((a, b) => a - b);
  let worst = 0;
  for (let first = 0, last = 0; first < inside.length; first++) {
    while (last < inside.length && (inside[last] as number) < (inside[first] as number) + 1000) last++;
    worst = Math.max(worst, last - first);
  }
  return worst;
}

const HETEROGENEOUS = { rinkel: 5, dialpad: 15, imichat: 30, commpeak: 60 } as const;

export const PROFILES: readonly Profile[] = [
  { name: 'zero', title: 'Vendors answer at once', latency: { rinkel: 0, dialpad: 0, imichat: 0, commpeak: 0 }, jitter: false },
  { name: 'fixed', title: 'Fixed 5 / 15 / 30 / 60 ms (Rinkel / Dialpad / IMIchat / CommPeak)', latency: HETEROGENEOUS, jitter: false },
  { name: 'jitter', title: 'Log-normal, median 5 / 15 / 30 / 60 ms, p99 ≈ 3 × median', latency: HETEROGENEOUS, jitter: true },
];

export interface VendorCounters {
  readonly requests: number;
  readonly connectionsOpened: number;
}

export interface Fleet {
  readonly child: Child;
  readonly urls: Readonly<Record<VendorId, string>>;
  /** The environment that points a gateway (any peer) at these simulators. */
  readonly peerEnv: Readonly<Record<string, string>>;
  setProfile(profile: Profile): Promise<void>;
  counters(): Promise<Record<VendorId, VendorCounters>>;
  /** Dialpad's published limits (20 a second, 1,200 a minute per endpoint) on or off at the simulator. */
  setDialpadLimits(on: boolean): Promise<void>;
  /** A vendor's simulator back to its seed: data, default settings (limits on), no faults, empty windows and records. */
  resetVendor(vendor: VendorId): Promise<void>;
  /** Arrival times (epoch ms) of the requests a vendor's simulator still holds in its log, oldest first. */
  arrivals(vendor: VendorId): Promise<number[]>;
  readData(): Promise<BenchData>;
  stop(): Promise<void>;
}

/** `built` maps a .ts entry to what runs (the plain-JavaScript build); tools may run the .ts as is. */
export async function startFleet(core: number | null, built: (entry: string) => string = (entry) => entry): Promise<Fleet> {
  const child = await startChild(built(new URL('./sim-process.ts', import.meta.url).pathname), { core });
  const urls = JSON.parse(child.ready) as Record<VendorId, string>;
  const admin = async (vendor: VendorId, method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${urls[vendor]}/__admin${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`${vendor} admin ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  // Load runs would spend Dialpad's 20 req/s and IMIchat's 10,000 a day in a blink: both off, save
  // where a workload is about the quota (setDialpadLimits).
  const setDialpadLimits = async (on: boolean) => void (await admin('dialpad', 'PATCH', '/settings', on ? DIALPAD_PUBLISHED : { perSecond: null, perMinute: null }));
  await setDialpadLimits(false);
  await admin('imichat', 'PATCH', '/settings', { dailyQuota: null });

  const peerEnv: Record<string, string> = {};
  for (const vendor of VENDOR_IDS) {
    peerEnv[`${vendor.toUpperCase()}_BASE_URL`] = urls[vendor];
    for (const [key, name] of Object.entries(CREDENTIAL_ENV[vendor])) peerEnv[name] = (SANDBOX_CREDENTIALS[vendor] as Record<string, string>)[key] ?? '';
  }

  return {
    child,
    urls,
    peerEnv,
    async setProfile(profile) {
      for (const vendor of VENDOR_IDS) {
        const ms = profile.latency[vendor];
        const rules = ms === 0 ? [] : [{ kind: 'latency', ms, ...(profile.jitter ? { jitterMs: 2 * ms, distribution: 'lognormal' } : {}) }];
        await admin(vendor, 'PUT', '/faults', rules);
      }
    },
    async counters() {
      const entries = await Promise.all(
        VENDOR_IDS.map(async (vendor) => {
          const summary = (await admin(vendor, 'GET', '')) as { totals: { requests: number }; connections: { opened: number } };
          return [vendor, { requests: summary.totals.requests, connectionsOpened: summary.connections.opened }] as const;
        }),
      );
      return Object.fromEntries(entries) as Record<VendorId, VendorCounters>;
    },
    setDialpadLimits,
    resetVendor: async (vendor) => void (await admin(vendor, 'POST', '/reset')),
    async arrivals(vendor) {
      const log = (await admin(vendor, 'GET', '/requests')) as { entries: { at: number }[] };
      return log.entries.map((entry) => entry.at);
    },
    readData: () => readData(urls),
    stop: () => child.stop(),
  };
}

/** Every account, and the people the seed spreads over several vendors, read with Switchboard's connectors. */
async function readData(urls: Readonly<Record<VendorId, string>>): Promise<BenchData> {
  const lists = await Promise.all(
    VENDOR_IDS.map(async (vendor) => {
      const connector = createConnector(vendor, { baseUrl: urls[vendor], timeoutMs: 10_000, concurrency: 4, ...SANDBOX_CREDENTIALS[vendor] } as never);
      try {
        return await connector.listAllUsers();
      } finally {
        await connector.close();
      }
    }),
  );
  const users = lists.flat();
  const accounts = Object.fromEntries(VENDOR_IDS.map((vendor, i) => [vendor, (lists[i] ?? []).map(toAccount)])) as Record<VendorId, Account[]>;

  const byAddress = new Map<string, CanonicalUser[]>();
  for (const user of users) {
    for (const address of new Set(user.emails.map((email) => email.toLowerCase()))) byAddress.set(address, [...(byAddress.get(address) ?? []), user]);
  }
  const people: Person[] = [];
  for (const [email, holders] of byAddress) {
    const vendors = new Set(holders.map((user) => user.vendor));
    // One account per vendor, so "the person's accounts" is unambiguous.
    if (vendors.size !== holders.length) continue;
    people.push({ email, accounts: VENDOR_IDS.flatMap((vendor) => holders.filter((user) => user.vendor === vendor).map(toAccount)) });
  }
  return {
    accounts,
    peopleInFour: people.filter((person) => person.accounts.length === 4),
    peopleInThree: people.filter((person) => person.accounts.length === 3),
  };
}

function toAccount(user: CanonicalUser): Account {
  return { vendor: user.vendor, vendorUserId: user.vendorUserId };
}
