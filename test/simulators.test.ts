import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { startSimulators, type Simulators } from '../src/simulator/start.js';

// Every simulator, every fault, over real loopback HTTP, switched at runtime through the admin endpoint.

interface Probe {
  /** Path prefix of the users endpoints, so auth calls (IMIchat's /authorize) stay unfaulted. */
  usersPath: string;
  headers(base: string): Promise<Record<string, string>>;
  firstId(base: string, headers: Record<string, string>): Promise<string>;
  read(id: string): string;
  write(id: string): { method: string; path: string; body: Record<string, unknown> };
  /** Reads the first name from a get-one response body. */
  firstName(body: unknown): unknown;
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  return (await (await fetch(url, { headers })).json()) as T;
}
type Named = { first_name: string };

const probes: Record<VendorId, Probe> = {
  rinkel: {
    usersPath: '/users',
    headers: async () => ({ 'x-rinkel-api-key': 'sandbox-rinkel-key' }),
    firstId: async (base, headers) => (await getJson<{ data: { id: string }[] }>(`${base}/users?perPage=1`, headers)).data[0]?.id ?? '',
    read: (id) => `/users/${id}`,
    write: (id) => ({ method: 'PATCH', path: `/users/${id}`, body: { firstName: 'Faulty' } }),
    firstName: (body) => (body as { data: { firstName: string } }).data.firstName,
  },
  dialpad: {
    usersPath: '/api/v2/users',
    headers: async () => ({ authorization: 'Bearer sandbox-dialpad-key' }),
    firstId: async (base, headers) => (await getJson<{ items: { id: string }[] }>(`${base}/api/v2/users?limit=1`, headers)).items[0]?.id ?? '',
    read: (id) => `/api/v2/users/${id}`,
    write: (id) => ({ method: 'PATCH', path: `/api/v2/users/${id}`, body: { first_name: 'Faulty' } }),
    firstName: (body) => (body as Named).first_name,
  },
  imichat: {
    usersPath: '/users',
    headers: async (base) => {
      const response = await fetch(`${base}/authorize`, { headers: { key: Buffer.from('sandbox-imichat-key@sandbox').toString('base64') } });
      return { access_token: response.headers.get('access_token') ?? '', teamid: '1' };
    },
    firstId: async (base, headers) => String((await getJson<{ response: { users: { id: number }[] } }>(`${base}/users?page=1`, headers)).response.users[0]?.id),
    read: (id) => `/users/${id}`,
    write: (id) => ({ method: 'PUT', path: `/users/${id}`, body: { first_name: 'Faulty' } }),
    firstName: (body) => (body as { response: Named }).response.first_name,
  },
  commpeak: {
    usersPath: '/api/users',
    headers: async () => ({ authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` }),
    firstId: async (base, headers) => (await getJson<{ id: string }[]>(`${base}/api/users?per-page=1`, headers))[0]?.id ?? '',
    read: (id) => `/api/users/${id}`,
    write: (id) => ({ method: 'PUT', path: `/api/users/${id}`, body: { first_name: 'Faulty' } }),
    firstName: (body) => (body as Named).first_name,
  },
};

let sims: Simulators;
beforeAll(async () => {
  sims = await startSimulators({ seed: 3 });
});
afterAll(() => sims.close());

describe.each(VENDOR_IDS)('%s simulator faults', (vendor) => {
  const probe = probes[vendor];
  let base = '';
  let headers: Record<string, string> = {};
  let id = '';

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${base}/__admin${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  /** Switches a fault on at runtime, through the admin endpoint as an operator with curl would. */
  const inject = async (rule: Record<string, unknown>) => {
    const response = await admin('PUT', '/faults', [{ ...rule, match: { pathPrefix: probe.usersPath } }]);
    expect(response.status).toBe(200);
  };
  const read = () => fetch(base + probe.read(id), { headers });
  const write = () => {
    const { method, path, body } = probe.write(id);
    return fetch(base + path, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  };
  const currentFirstName = async () => probe.firstName(await (await read()).json());

  beforeEach(async () => {
    const sim = sims[vendor];
    sim.reset();
    if ('perSecond' in sim.app.settings) Object.assign(sim.app.settings, { perSecond: null, perMinute: null });
    base = sim.url ?? '';
    headers = await probe.headers(base);
    id = await probe.firstId(base, headers);
    sim.clearRecords();
  });

  it('adds latency to the next request', async () => {
    await inject({ kind: 'latency', ms: 150 });
    const started = performance.now();
    expect((await read()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('answers an injected 503 in the vendor error shape with Retry-After, without touching state', async () => {
    await inject({ kind: 'status', status: 503, retryAfterSeconds: 2 });
    const response = await write();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toBeTypeOf('object');
    expect(sims[vendor].ledger().entries).toMatchObject([{ applied: false, status: null, delivery: 'status' }]);
  });

  it('answers 429 with Retry-After', async () => {
    await inject({ kind: 'rate-limit', retryAfterSeconds: 4 });
    const response = await read();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('4');
  });

  it('resets the connection before a write is applied: nothing changes', async () => {
    const before = await currentFirstName();
    await inject({ kind: 'reset', when: 'before' });
    await expect(write()).rejects.toThrow(TypeError);
    await admin('DELETE', '/faults');
    expect(await currentFirstName()).toBe(before);
    expect(sims[vendor].ledger().entries).toMatchObject([{ applied: false, status: null, delivery: 'reset' }]);
  });

  it('resets the connection after a write is applied: the change is there', async () => {
    await inject({ kind: 'reset', when: 'after' });
    await expect(write()).rejects.toThrow(TypeError);
    await admin('DELETE', '/faults');
    expect(await currentFirstName()).toBe('Faulty');
    expect(sims[vendor].ledger().entries).toMatchObject([{ applied: true, status: 200, delivery: 'reset' }]);
  });

  it('hangs until the client gives up, and keeps serving others', async () => {
    await inject({ kind: 'hang', times: 1 });
    await expect(fetch(base + probe.read(id), { headers, signal: AbortSignal.timeout(200) })).rejects.toThrow(/aborted|timeout/i);
    expect((await read()).status).toBe(200);
  });

  it('sends malformed JSON after doing the work', async () => {
    await inject({ kind: 'malformed-json' });
    const response = await write();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(sims[vendor].ledger().entries).toMatchObject([{ applied: true, delivery: 'malformed-json' }]);
  });

  it('truncates the body under the full Content-Length', async () => {
    await inject({ kind: 'truncated-body' });
    const response = await read();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(/terminated/);
  });

  it('trickles a slow body that still arrives whole', async () => {
    await inject({ kind: 'slow-body', ms: 200 });
    const started = performance.now();
    const response = await read();
    expect(probe.firstName(await response.json())).toBeTypeOf('string');
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('fails a share of requests at the configured probability', async () => {
    await inject({ kind: 'status', status: 500, probability: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await read()).status));
    const failed = statuses.filter((status) => status === 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect(statuses.every((status) => status === 200 || status === 500)).toBe(true);
  });

  it('records requests with secrets redacted, and the write ledger, over the admin endpoint', async () => {
    await read();
    await write();
    const log = (await (await admin('GET', '/requests')).json()) as { entries: { method: string; url: string; headers: Record<string, string>; body: unknown; status: number }[] };
    expect(log.entries.map((entry) => `${entry.method} ${entry.url}`)).toEqual([`GET ${probe.read(id)}`, `${probe.write(id).method} ${probe.write(id).path}`]);
    expect(log.entries[1]?.body).toEqual(probe.write(id).body);
    const secrets = Object.values(headers).filter((value) => value !== '1');
    for (const secret of secrets) expect(JSON.stringify(log)).not.toContain(secret);
    const ledger = (await (await admin('GET', '/ledger')).json()) as { entries: { applied: boolean }[] };
    expect(ledger.entries).toMatchObject([{ applied: true }]);
  });

  it('counts TCP connections: a keep-alive client opens one, a client without reuse one per request', async () => {
    const sim = sims[vendor];
    const count = async () => ((await (await admin('GET', '/connections')).json()) as { opened: number }).opened;
    const before = await count();
    const keepAlive = new Agent({ connections: 1 });
    for (let i = 0; i < 5; i++) await (await undiciFetch(base + probe.read(id), { headers, dispatcher: keepAlive })).arrayBuffer();
    await keepAlive.close();
    expect(sim.connections().opened - before).toBe(1);
    for (let i = 0; i < 3; i++) {
      const single = new Agent({ pipelining: 0 });
      await (await undiciFetch(base + probe.read(id), { headers, dispatcher: single })).arrayBuffer();
      await single.close();
    }
    expect(sim.connections().opened - before).toBe(4);
  });
});

/** Four consecutive free ports below Linux's ephemeral range (32768+), where other tests' servers land. */
async function freePortBase(): Promise<number> {
  const { createServer } = await import('node:net');
  const free = (port: number) => new Promise<boolean>((resolve) => {
    const server = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  for (let tries = 0; tries < 50; tries++) {
    const base = 20_000 + Math.floor(Math.random() * 3000) * 4;
    if ((await Promise.all([0, 1, 2, 3].map((i) => free(base + i)))).every(Boolean)) return base;
  }
  throw new Error('no four consecutive free ports found');
}

describe('npm run simulators', () => {
  it('prints one "<vendor> <url>" line per vendor and serves on SIM_PORT_BASE..+3', async () => {
    const portBase = await freePortBase();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulators.ts'], { env: { ...process.env, SIM_PORT_BASE: String(portBase) } });
    try {
      const lines: string[] = [];
      const reader = createInterface({ input: child.stdout });
      for await (const line of reader) {
        lines.push(line);
        if (lines.length === 4) break;
      }
      expect(lines).toEqual(VENDOR_IDS.map((vendor, i) => `${vendor} http://127.0.0.1:${portBase + i}`));
      const response = await fetch(`http://127.0.0.1:${portBase + 3}/api/users/does-not-exist`, { headers: { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` } });
      expect(response.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
