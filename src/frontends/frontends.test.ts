import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createFrontends, type FrontendsOptions } from './index.js';

// The frontends handler on a real port, over a prebuilt console (no Vite: a root without console/ sources).

const root = mkdtempSync(join(tmpdir(), 'frontends-'));
writeFileSync(join(root, 'package.json'), '{}');
mkdirSync(join(root, 'dist', 'console', 'assets'), { recursive: true });
writeFileSync(join(root, 'dist', 'console', 'index.html'), '<!doctype html><html><head><title>c</title></head><body></body></html>');
writeFileSync(join(root, 'dist', 'console', 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'dist', 'secret.txt'), 'no');

let server: Server;
let url = '';
let options: FrontendsOptions = { graphiql: true, console: true, authRequired: false, trustedDocuments: 'off', root };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!createFrontends(options).handler(req, res)) res.writeHead(599).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the frontends handler', () => {
  it('serves the console at / and /index.html with a same-origin CSP', async () => {
    for (const path of ['/', '/index.html', '/?api=x']) {
      const response = await fetch(url + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toContain('<title>c</title>');
    }
  });

  it('serves assets by plain name only, immutable; nothing else from dist', async () => {
    const asset = await fetch(`${url}/assets/index-abc.js`);
    expect([asset.status, asset.headers.get('content-type'), asset.headers.get('cache-control')]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
    for (const path of ['/assets/../secret.txt', '/assets/%2e%2e%2fsecret.txt', '/assets/..%2Fsecret.txt', '/assets/missing.js', '/assets/', '/assets/.hidden.js']) {
      const response = await fetch(url + path);
      expect(response.status, path).toBe(path === '/assets/../secret.txt' ? 599 : 404);
    }
  });

  it('answers HEAD without a body, and leaves other methods and paths to the gateway', async () => {
    const head = await fetch(`${url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${url}/`, { method: 'POST', body: '{}' })).status).toBe(599);
    expect((await fetch(`${url}/healthz`)).status).toBe(599);
  });

  it('serves GraphiQL to a browser page request only: not to a GET query, nor without text/html', async () => {
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).toContain('Switchboard GraphiQL');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    expect((await fetch(`${url}/graphql?query=%7B__typename%7D`, { headers: { accept: 'text/html' } })).status).toBe(599);
    expect((await fetch(`${url}/graphql`, { headers: { accept: 'application/json' } })).status).toBe(599);
  });

  it('marks the page for persisted documents, and serves nothing when both frontends are off', async () => {
    options = { ...options, trustedDocuments: 'only' };
    expect(await (await fetch(`${url}/`)).text()).toContain('<meta name="switchboard-trusted-documents" content="only" />');
    options = { ...options, graphiql: false, console: false };
    expect((await fetch(`${url}/`)).status).toBe(599);
    expect((await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(599);
  });
});

describe('CONSOLE and GRAPHIQL settings', () => {
  it.each([
    [{}, { console: true, graphiql: true }],
    [{ NODE_ENV: 'production', AUTH: 'none' }, { console: false, graphiql: false }],
    [{ NODE_ENV: 'production', AUTH: 'none', CONSOLE: 'on' }, { console: true, graphiql: false }],
    [{ NODE_ENV: 'production', AUTH: 'none', CONSOLE: 'on', GRAPHIQL: 'on' }, { console: true, graphiql: true }],
    [{ CONSOLE: 'off' }, { console: false, graphiql: true }],
  ])('%j serves %j', (env, expected) => {
    const config = loadConfig(env);
    expect({ console: config.console, graphiql: config.graphiql }).toEqual(expected);
  });

  it('names CONSOLE when its value is not a switch', () => {
    expect(() => loadConfig({ CONSOLE: 'yes please' })).toThrow(/CONSOLE must be on or off/);
  });
});
