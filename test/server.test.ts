import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` as a stranger runs it: the real entry point in a child process, sandbox mode, any free port.

let child: ChildProcess;
let url = '';
const logs: string[] = [];

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, PORT: '0', SIM_PORT_BASE: '0', LOG_LEVEL: 'info' } });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    logs.push((JSON.parse(line) as { msg: string }).msg);
    const match = /Switchboard GraphQL at (http:\/\/\S+)\/graphql/.exec(logs.at(-1) ?? '');
    if (match?.[1]) {
      url = match[1];
      break;
    }
  }
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

describe('npm start', () => {
  it('says it runs in sandbox mode and where each simulator and GraphiQL are', () => {
    expect(logs.join('\n')).toMatch(/sandbox mode: no vendor is configured/);
    for (const vendor of ['rinkel', 'dialpad', 'imichat', 'commpeak']) expect(logs.join('\n')).toMatch(new RegExp(`${vendor} simulator http://127\\.0\\.0\\.1:\\d+`));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves /healthz and /readyz with each vendor', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      store: 'MEMORY',
      vendors: Object.fromEntries(['rinkel', 'dialpad', 'imichat', 'commpeak'].map((vendor) => [vendor, { mode: 'SANDBOX', health: 'UP', circuit: 'CLOSED' }])),
    });
  });

  it('opens GraphiQL in a browser with an example query', async () => {
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Switchboard');
    expect(html).toContain('query FirstUsers');
  });

  it('runs the example dry run from GraphiQL against the sandbox as it stands', async () => {
    const html = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const id = /id: \\?"([A-Za-z0-9+/=]+)\\?", availability/.exec(html)?.[1];
    const response = await fetch(`${url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { updateUser(input: { id: "${id}", availability: UNAVAILABLE, dryRun: true }) { __typename ... on UpdateUserSuccess { dryRun } } }` }),
    });
    expect(await response.json()).toEqual({ data: { updateUser: { __typename: 'UpdateUserSuccess', dryRun: true } } });
  });

  it('answers a query across the four vendors, then shuts down cleanly on SIGTERM', async () => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ users(first: 1) { totalCount } }' }) });
    expect(await response.json()).toEqual({ data: { users: { totalCount: 800 } } });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
