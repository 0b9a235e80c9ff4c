import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { rawRequest } from './support/raw-http.js';
import { TOKENS } from './support/red-team.js';

// The router's frontends slot (src/http/router.ts): what a frontend serves is public and reached
// before authentication, only for GET/HEAD, only where it says it serves; everything it declines
// falls back to the router's table (401 without a token).

const HOST: [string, string] = ['host', 'localhost'];
const seen: string[] = [];
function frontends(req: IncomingMessage, res: ServerResponse): boolean {
  seen.push(`${req.method} ${req.url}`);
  if (req.url === '/' || req.url?.startsWith('/assets/')) {
    const body = `static ${req.url}`;
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) }).end(body);
    return true;
  }
  if (req.url === '/graphql') {
    const page = '<title>self-hosted GraphiQL</title>';
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) }).end(page);
    return true;
  }
  return false;
}

describe.each([['production', { NODE_ENV: 'production', GRAPHIQL: 'true' }], ['development', {}]] as const)('the frontends slot, %s mode', (_, env) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(loadConfig({ PORT: '0', SIM_PORT_BASE: '0', AUTH_TOKENS: JSON.stringify({ [TOKENS.read]: ['users:read'] }), ...env }), undefined, { frontends });
  });
  afterAll(() => app.close());

  it('serves the console files and the GraphiQL page without a token', async () => {
    for (const target of ['/', '/assets/app.js']) {
      const answer = await rawRequest(app.url, { target, headers: [HOST] });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(`static ${target}`);
    }
    const page = await rawRequest(app.url, { target: '/graphql', headers: [HOST, ['accept', 'text/html']] });
    expect(page.body).toContain('self-hosted GraphiQL');
  });

  it('never hands it a GraphQL operation, a POST, or a path it declines', async () => {
    seen.length = 0;
    const operation = await rawRequest(app.url, { target: '/graphql?query={__typename}', headers: [HOST, ['accept', 'text/html']] });
    expect(operation.status).toBe(401);
    const post = await rawRequest(app.url, { method: 'POST', target: '/', headers: [HOST, ['content-type', 'application/json']], body: '{}' });
    expect(post.status).toBe(401);
    const declined = await rawRequest(app.url, { target: '/nope', headers: [HOST] });
    expect(declined.status).toBe(401);
    expect(seen).toEqual(['GET /nope']);
  });
});
