import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { startTestApp, type TestApp } from './support/app.js';

// A browser on a loaded machine: what the page shows is polled for up to 20 s, never timed.
vi.setConfig({ expect: { poll: { timeout: 20_000, interval: 100 } } });

// The console where access is restricted: a gateway that wants a bearer token and runs only persisted
// documents, and a console served from another origin, which CORS_ORIGINS allows or not.

let browser: Browser;
const TOKEN = 'console-token-0123456789';
const PERSISTED = 'test/generated/persisted-documents.json,console/src/gql/persisted-documents.json';

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('with a bearer token and TRUSTED_DOCUMENTS=only', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ AUTH_TOKENS: JSON.stringify({ [TOKEN]: ['users:read', 'users:write'] }), TRUSTED_DOCUMENTS: 'only', TRUSTED_DOCUMENTS_FILE: PERSISTED });
    await app.frontends.prepare();
  }, 120_000);
  afterAll(() => app?.close());

  it('asks for a token, then lists users and writes by sending document hashes only', async () => {
    const { page, context, foreign } = await openPage(browser);
    const sent: { method: string; url: string; body: string | null; authorization: string | undefined }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') sent.push({ method: request.method(), url: request.url(), body: request.postData(), authorization: request.headers()['authorization'] });
    });
    await page.goto(`${app.url}/`);
    await expect.poll(() => page.locator('.problem[role="alert"]').first().innerText(), { timeout: 30_000 }).toMatch(/needs a bearer token/);
    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => page.locator('#page-status').innerText(), { timeout: 30_000 }).toBe('Page 1 · 800 users');
    await screenshot(page, 'console-token-trusted-documents');

    await page.getByRole('button', { name: /^Open .* across vendors$/ }).first().click();
    await page.getByRole('button', { name: /^Edit the \w+ account$/ }).first().click();
    await page.getByLabel('Availability').selectOption('BUSY');
    await page.getByRole('button', { name: 'Preview changes (dry run)' }).click();
    await page.locator('[data-outcome="preview"], [data-outcome="validation"]').first().waitFor({ timeout: 15_000 });

    const authorised = sent.filter((request) => request.authorization === `Bearer ${TOKEN}`);
    expect(authorised.length).toBeGreaterThan(2);
    for (const request of authorised) {
      const params = request.method === 'GET' ? Object.fromEntries(new URL(request.url).searchParams) : (JSON.parse(request.body ?? '{}') as Record<string, unknown>);
      expect(params['query']).toBeUndefined();
      const extensions = typeof params['extensions'] === 'string' ? params['extensions'] : JSON.stringify(params['extensions']);
      expect(extensions).toMatch(/"sha256Hash":"[0-9a-f]{64}"/);
    }
    expect(authorised.some((request) => request.method === 'POST')).toBe(true);
    expect(authorised.some((request) => request.method === 'GET')).toBe(true);
    expect(foreign).toEqual([]);
    await context.close();
  }, 90_000);
});

/** The built console served by a plain static server, as a CDN or another host would. */
async function serveStatic(dir: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    const body = /^(index\.html|assets\/[\w.-]+)$/.test(file) ? await readFile(join(dir, file)).catch(() => null) : null;
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('served from another origin', () => {
  let app: TestApp;
  let statics: Server;
  let port = 0;
  beforeAll(async () => {
    // One static server, two origins: http://127.0.0.1:<port> is allowed, http://localhost:<port> is not.
    const probe = await startTestApp();
    const dir = await probe.frontends.prepare().then(() => join(process.cwd(), 'dist', 'console'));
    await probe.close();
    statics = await serveStatic(dir);
    port = (statics.address() as AddressInfo).port;
    app = await startTestApp({ CORS_ORIGINS: `http://127.0.0.1:${port}` });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => statics?.close(resolve));
  });

  it('lists users from an origin in CORS_ORIGINS', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`http://127.0.0.1:${port}/?api=${encodeURIComponent(`${app.url}/graphql`)}`);
    await expect.poll(() => page.locator('#page-status').innerText(), { timeout: 30_000 }).toBe('Page 1 · 800 users');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(20);
    await screenshot(page, 'console-cross-origin-allowed');
    await context.close();
  }, 60_000);

  it('shows no data, and says why, from an origin that is not allowed', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`http://localhost:${port}/?api=${encodeURIComponent(`${app.url}/graphql`)}`);
    await expect.poll(() => page.locator('.problem[role="alert"]').first().innerText(), { timeout: 30_000 }).toMatch(/Could not reach the gateway.*CORS_ORIGINS/);
    expect(await page.locator('tbody tr').count()).toBe(0);
    await screenshot(page, 'console-cross-origin-refused');
    await context.close();
  }, 60_000);
});
