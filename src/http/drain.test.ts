import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDrain, type Drain } from './drain.js';

// The drain over a real loopback server: a request is in flight from its arrival until its response closes.

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server whose responses wait until `release()` is called. */
async function serve(drain: Drain): Promise<{ url: string; release: () => void }> {
  const waiting: (() => void)[] = [];
  server = createServer((req, res) => {
    drain.track(req, res);
    waiting.push(() => res.end('done'));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, release: () => waiting.splice(0).forEach((end) => end()) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition() && tries < 400; tries += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('createDrain', () => {
  it('is not draining until asked, and resolves at once with nothing in flight', async () => {
    const drain = createDrain();
    expect(drain.draining).toBe(false);
    expect(await drain.drain(10_000)).toBe(0);
    expect(drain.draining).toBe(true);
  });

  it('waits for the requests in flight, serving those that still arrive, each asked to close its connection', async () => {
    const drain = createDrain();
    const { url, release } = await serve(drain);
    const first = fetch(url);
    await until(() => drain.inFlight === 1);
    let drained: number | undefined;
    const done = drain.drain(60_000).then((left) => (drained = left));
    const late = fetch(url);
    await until(() => drain.inFlight === 2);
    expect(drained).toBeUndefined();
    release();
    const [a, b] = await Promise.all([first, late]);
    expect(await a.text()).toBe('done');
    expect(b.headers.get('connection')).toBe('close');
    await done;
    expect(drained).toBe(0);
    expect(drain.inFlight).toBe(0);
  });

  it('gives up after the timeout with the number still in flight', async () => {
    const drain = createDrain();
    const { url, release } = await serve(drain);
    const stuck = fetch(url).catch(() => null);
    await until(() => drain.inFlight === 1);
    expect(await drain.drain(50)).toBe(1);
    release();
    await stuck;
  });
});
