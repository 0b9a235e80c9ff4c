import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleValue, scrape } from './support/prometheus.js';

// Shutdown as an orchestrator does it: SIGTERM to the real entry point (src/server.ts, sandbox mode)
// while a request is still running at a slow vendor.

interface Gateway {
  child: ChildProcess;
  url: string;
  commpeak: string;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
});

async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, PORT: '0', SIM_PORT_BASE: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const logs: Record<string, unknown>[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let url = '';
  let commpeak = '';
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      const msg = String(entry.msg);
      commpeak ||= /commpeak simulator (http:\/\/\S+) /.exec(msg)?.[1] ?? '';
      const match = /Switchboard GraphQL at (http:\/\/\S+)\/graphql/.exec(msg);
      if (match?.[1]) {
        url = match[1];
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`the gateway exited with ${code} before it listened`)));
  });
  await ready;
  return { child, url, commpeak, logs, exited };
}

async function setFaults(simulatorUrl: string, faults: unknown[]): Promise<void> {
  const response = await fetch(`${simulatorUrl}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(response.ok).toBe(true);
}

async function untilInFlight(url: string): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if (sampleValue(await scrape(url), 'switchboard_requests_in_flight') === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the slow request never showed as in flight');
}

const SLOW_QUERY = JSON.stringify({ query: 'query Slow { users(first: 1, filter: { vendors: [COMMPEAK] }) { totalCount } }' });

describe('draining on SIGTERM', () => {
  it('answers readiness 503 at once, finishes the request in flight, then exits 0', async () => {
    const gateway = await startGateway({ DRAIN_TIMEOUT_MS: '20000', DIRECTORY_TTL_MS: '0' });
    await setFaults(gateway.commpeak, [{ kind: 'latency', ms: 3500 }]);
    const slow = fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: SLOW_QUERY });
    await untilInFlight(gateway.url);

    gateway.child.kill('SIGTERM');
    let readiness = await fetch(`${gateway.url}/readyz`);
    for (let tries = 0; readiness.status !== 503 && tries < 40; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      readiness = await fetch(`${gateway.url}/readyz`);
    }
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'draining' });
    // Still draining, so the request has not finished yet: readiness said 503 while it ran.
    expect(gateway.child.exitCode).toBeNull();
    // Liveness stays up while draining, and asks the client to take its next request elsewhere.
    const live = await fetch(`${gateway.url}/healthz`);
    expect(live.status).toBe(200);
    expect(live.headers.get('connection')).toBe('close');

    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { users: { totalCount: 200 } } });
    expect(await gateway.exited).toBe(0);
    const messages = gateway.logs.map((entry) => entry.msg);
    expect(messages).toContain('drained and closed');
    expect(gateway.logs.find((entry) => entry.msg === 'request' && entry.operation === 'Slow')).toMatchObject({ status: 200, outcome: 'ok' });
    // The order an operator reads: draining started before the slow request's line and the close. (The
    // access-log line and "drained and closed" may come in either order: Yoga writes the line in its
    // onResponse hook, a tick after the response that ends the drain has been sent.)
    const [signal = -1, slowLine = -1, closed = -1] = ['SIGTERM', 'Slow', 'drained'].map((what) => gateway.logs.findIndex((entry) => String(entry.msg).startsWith(what) || entry.operation === what));
    expect(signal).toBeGreaterThanOrEqual(0);
    expect(slowLine).toBeGreaterThan(signal);
    expect(closed).toBeGreaterThan(signal);
  }, 60_000);

  it('closes anyway when a request outlasts DRAIN_TIMEOUT_MS, still exiting 0, and says how many were cut off', async () => {
    const gateway = await startGateway({ DRAIN_TIMEOUT_MS: '300', DIRECTORY_TTL_MS: '0' });
    await setFaults(gateway.commpeak, [{ kind: 'hang' }]);
    const stuck = fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: SLOW_QUERY }).then(
      (response) => response.status,
      () => 'connection closed',
    );
    await untilInFlight(gateway.url);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(await stuck).toBe('connection closed');
    expect(gateway.logs.find((entry) => entry.msg === 'drain timeout: closing with requests still in flight')).toMatchObject({ requests: 1, timeoutMs: 300 });
  }, 60_000);
});
