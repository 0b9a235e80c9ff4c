import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../src/simulator/start.js';
import { freePort, startTestRedis, type TestRedis } from '../src/stores/testing.js';

// Three gateway processes (`tsx src/server.ts`, as `npm start` runs it) share one real redis-server
// and one set of vendors: simulators started once in this process, reached by the gateways only as
// live vendors through *_BASE_URL and the sandbox credentials. Every count below is read from the
// simulators' own request log and write ledger.

type Json = Record<string, unknown>;
interface Logged { at: number; method: string; url: string; status: number | null }

let redis: TestRedis;
let vendors: Simulators;
const replicas: { url: string; child: ChildProcess }[] = [];

async function startReplica(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`replica on ${port} exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((response) => response.ok, () => false)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`replica on ${port} did not start`);
}

async function gql<T = Json>(url: string, query: string, variables?: Json, headers: Record<string, string> = {}): Promise<{ data: T; errors?: { message: string; extensions?: Json }[] }> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data: T };
}

async function admin<T>(vendor: keyof Simulators, path: string, method = 'GET'): Promise<T> {
  const response = await fetch(`${vendors[vendor as 'rinkel'].url}/__admin/${path}`, { method });
  return (response.status === 204 ? null : await response.json()) as T;
}

const requests = async (vendor: 'rinkel' | 'dialpad') => (await admin<{ entries: Logged[] }>(vendor, 'requests')).entries;

/** The most calls the vendor saw in any one second, by its own arrival timestamps. */
function worstSecond(arrivals: readonly number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((start) => sorted.filter((at) => at >= start && at < start + 1000).length));
}

const USER = 'query ($v: Vendor!, $id: String!) { u: userByVendorId(vendor: $v, vendorUserId: $id) { vendorUserId firstName jobTitle } }';
const UPDATE = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) {
  __typename ... on UpdateUserSuccess { changes { field after } user { firstName } } ... on StoreUnavailableError { message retryable outcome } ... on Error { message } } }`;

let dialpadIds: string[] = [];
let rinkelIds: string[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  vendors = await startSimulators({ seed: 1, users: 200 });
  const dialpad = (await (await fetch(`${vendors.dialpad.url}/api/v2/users?state=all&limit=100`, { headers: { authorization: 'Bearer sandbox-dialpad-key' } })).json()) as { items: Json[] };
  dialpadIds = dialpad.items.map((user) => String(user.id));
  const rinkel = (await (await fetch(`${vendors.rinkel.url}/users?perPage=50`, { headers: { 'x-rinkel-api-key': 'sandbox-rinkel-key' } })).json()) as { data: Json[] };
  rinkelIds = rinkel.data.map((user) => String(user.id));
  const env = {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: 'replicas-test:',
    CACHE_TTL_MS: '60000',
    REPLICAS: '3',
    RINKEL_BASE_URL: vendors.rinkel.url ?? '', RINKEL_API_KEY: 'sandbox-rinkel-key',
    DIALPAD_BASE_URL: vendors.dialpad.url ?? '', DIALPAD_API_KEY: 'sandbox-dialpad-key',
    IMICHAT_BASE_URL: vendors.imichat.url ?? '', IMICHAT_API_KEY: 'sandbox-imichat-key', IMICHAT_DOMAIN: 'sandbox', IMICHAT_TEAM_ID: '1',
    COMMPEAK_BASE_URL: vendors.commpeak.url ?? '', COMMPEAK_USERNAME: 'sandbox', COMMPEAK_PASSWORD: 'sandbox',
  };
  replicas.push(...(await Promise.all([startReplica(env), startReplica(env), startReplica(env)])));
  // The listing above counted against Dialpad's own window: let it pass before the burst.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await admin('dialpad', 'records', 'DELETE');
}, 120_000);

afterAll(async () => {
  await Promise.all(replicas.map(({ child }) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))));
  await vendors?.close();
  await redis?.stop();
});

describe('three replicas on one Redis', () => {
  it('answer a 372-read Dialpad burst in full, one call per distinct account, never above 20 a second at the vendor', async () => {
    expect(dialpadIds.length).toBeGreaterThan(20);
    const ids = Array.from({ length: 372 }, (_, i) => dialpadIds[i % dialpadIds.length] as string);
    const answers = await Promise.all(ids.map((id, i) => gql<{ u: Json }>((replicas[i % 3] as { url: string }).url, USER, { v: 'DIALPAD', id })));
    const failed = answers.filter((answer) => answer.errors !== undefined || answer.data?.u?.vendorUserId === undefined);
    expect(failed.map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual([]);
    answers.forEach((answer, i) => expect(answer.data.u.vendorUserId).toBe(ids[i]));
    const reads = (await requests('dialpad')).filter((entry) => entry.method === 'GET' && entry.url.startsWith('/api/v2/users/'));
    expect(reads.length).toBeLessThanOrEqual(new Set(ids).size);
    expect(reads.every((entry) => entry.status === 200)).toBe(true);
    expect(worstSecond(reads.map((entry) => entry.at))).toBeLessThanOrEqual(20);
    console.info(`three replicas: 372 reads of ${new Set(ids).size} Dialpad accounts answered, ${reads.length} calls reached Dialpad, worst second ${worstSecond(reads.map((entry) => entry.at))}`);
  }, 120_000);

  it('serve a read made on one replica from the cache on the others, and show a write on one in the next read on another', async () => {
    const id = rinkelIds[3] as string;
    const [a, b, c] = replicas.map((replica) => replica.url) as [string, string, string];
    await gql(a, USER, { v: 'RINKEL', id });
    const before = (await requests('rinkel')).length;
    const served = await Promise.all([gql<{ u: Json }>(b, USER, { v: 'RINKEL', id }), gql<{ u: Json }>(c, USER, { v: 'RINKEL', id })]);
    expect(served.map((answer) => answer.data.u.vendorUserId)).toEqual([id, id]);
    expect((await requests('rinkel')).length).toBe(before);

    const firstName = `Replica${Date.now() % 100000}`;
    const global = Buffer.from(`User:rinkel:${id}`).toString('base64');
    const written = await gql<{ updateUser: Json }>(a, UPDATE, { input: { id: global, firstName } });
    expect(written.data.updateUser.__typename).toBe('UpdateUserSuccess');
    expect((await gql<{ u: Json }>(b, USER, { v: 'RINKEL', id })).data.u.firstName).toBe(firstName);
    expect((await gql<{ u: Json }>(c, USER, { v: 'RINKEL', id })).data.u.firstName).toBe(firstName);
    // `Cache-Control: no-cache` goes to the vendor.
    const fresh = (await requests('rinkel')).length;
    await gql(c, USER, { v: 'RINKEL', id }, { 'cache-control': 'no-cache' });
    expect((await requests('rinkel')).length).toBe(fresh + 1);
  }, 60_000);

  it('share one list snapshot among replicas, and list a write made on one in the next list on another', async () => {
    const [a, b, c] = replicas.map((replica) => replica.url) as [string, string, string];
    const LIST = 'query ($search: String) { users(first: 100, filter: { vendors: [RINKEL], search: $search }) { edges { node { vendorUserId firstName } } } }';
    const scans = async () => (await requests('rinkel')).filter((entry) => entry.method === 'GET' && /^\/users\?/.test(entry.url)).length;
    await gql(a, LIST);
    const afterFirst = await scans();
    await gql(b, LIST);
    expect(await scans()).toBe(afterFirst);

    const id = rinkelIds[9] as string;
    const firstName = `Listed${Date.now() % 100000}`;
    const written = await gql<{ updateUser: Json }>(a, UPDATE, { input: { id: Buffer.from(`User:rinkel:${id}`).toString('base64'), firstName } });
    expect(written.data.updateUser.__typename).toBe('UpdateUserSuccess');
    const listed = await gql<{ users: { edges: { node: Json }[] } }>(c, LIST, { search: firstName });
    expect(listed.data.users.edges.map((edge) => edge.node)).toEqual([{ vendorUserId: id, firstName }]);
  }, 60_000);

  it('write once for one idempotency key sent to two replicas at the same time', async () => {
    const id = rinkelIds[5] as string;
    const global = Buffer.from(`User:rinkel:${id}`).toString('base64');
    const input = { id: global, firstName: `Once${Date.now() % 100000}`, idempotencyKey: `key-${Date.now()}` };
    const [a, b] = replicas.map((replica) => replica.url) as [string, string];
    const answers = await Promise.all([gql<{ updateUser: Json }>(a, UPDATE, { input }), gql<{ updateUser: Json }>(b, UPDATE, { input })]);
    expect(answers.map((answer) => answer.data.updateUser.__typename)).toEqual(['UpdateUserSuccess', 'UpdateUserSuccess']);
    expect(answers[0]?.data.updateUser).toEqual(answers[1]?.data.updateUser);
    const ledger = (await admin<{ entries: { method: string; url: string; applied: boolean }[] }>('rinkel', 'ledger')).entries;
    expect(ledger.filter((entry) => entry.method === 'PATCH' && entry.url.startsWith(`/users/${id}`) && entry.applied)).toHaveLength(1);
    // The same key with other input is refused, on any replica.
    const other = await gql<{ updateUser: Json }>(replicas[2]?.url ?? '', UPDATE, { input: { ...input, firstName: 'Other' } });
    expect(other.data.updateUser.__typename).toBe('ValidationError');
  }, 60_000);

  it('keep serving while Redis is away, refuse keyed writes with a typed error, and take them again when it is back', async () => {
    const [a, b, c] = replicas.map((replica) => replica.url) as [string, string, string];
    const id = rinkelIds[7] as string;
    const global = Buffer.from(`User:rinkel:${id}`).toString('base64');
    await redis.stop();
    for (const url of [a, b, c]) {
      let store = '';
      for (let i = 0; i < 100 && store !== 'REDIS_DOWN'; i++) {
        store = ((await (await fetch(`${url}/readyz`)).json()) as { store: string }).store;
        if (store !== 'REDIS_DOWN') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(store).toBe('REDIS_DOWN');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    }
    const read = await gql<{ u: Json }>(b, USER, { v: 'DIALPAD', id: dialpadIds[0] as string });
    expect(read.data.u.vendorUserId).toBe(dialpadIds[0]);
    const vendorsAnswer = await gql<{ vendors: { quotaStore: string }[] }>(c, '{ vendors { quotaStore } }');
    expect(vendorsAnswer.data.vendors.map((vendor) => vendor.quotaStore)).toEqual(['REDIS_DOWN', 'REDIS_DOWN', 'REDIS_DOWN', 'REDIS_DOWN']);
    const ledgerBefore = (await admin<{ entries: unknown[] }>('rinkel', 'ledger')).entries.length;
    const keyed = await gql<{ updateUser: Json }>(a, UPDATE, { input: { id: global, firstName: 'Keyed', idempotencyKey: `down-${Date.now()}` } });
    expect(keyed.data.updateUser).toMatchObject({ __typename: 'StoreUnavailableError', retryable: true, outcome: 'NOT_APPLIED' });
    expect((await admin<{ entries: unknown[] }>('rinkel', 'ledger')).entries.length).toBe(ledgerBefore);
    const unkeyed = await gql<{ updateUser: Json }>(a, UPDATE, { input: { id: global, firstName: 'Unkeyed' } });
    expect(unkeyed.data.updateUser.__typename).toBe('UpdateUserSuccess');

    await redis.start();
    // Every replica takes keyed writes again within 10 s of Redis answering, without a restart.
    const started = Date.now();
    const back = await Promise.all(
      [a, b, c].map(async (url, i) => {
        let answer: Json = {};
        while (Date.now() - started < 10_000) {
          answer = (await gql<{ updateUser: Json }>(url, UPDATE, { input: { id: global, firstName: `Back${i}x${Date.now() % 100000}`, idempotencyKey: `up-${i}-${Date.now()}` } })).data.updateUser;
          if (answer.__typename === 'UpdateUserSuccess') break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        return answer.__typename;
      }),
    );
    expect(back).toEqual(['UpdateUserSuccess', 'UpdateUserSuccess', 'UpdateUserSuccess']);
    for (const url of [a, b, c]) expect(((await (await fetch(`${url}/readyz`)).json()) as { store: string }).store).toBe('REDIS_UP');
  }, 60_000);
});
