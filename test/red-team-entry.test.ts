import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { rawRequest, type RawAnswer } from './support/raw-http.js';
import { badHosts, bearer, GOOD_HOSTS, inParallel, MODES, ONE_CALL, ORIGINS, pathVariants, TOKENS } from './support/red-team.js';
import { NO_CALLS, STACK_TRACE, vendorCalls } from './support/security.js';

// Red team, the HTTP entry (issue 11, items 1-4): every request is authenticated or refused before
// anything parses it, whatever its path, target form, Host or method; nothing answers 500 or a trace;
// CORS echoes listed origins only; one Authorization header. In production and development modes,
// against real HTTP, with the simulators' logs as proof that nothing ran.

const HOST: [string, string] = ['host', 'localhost'];
const JSON_BODY: [string, string] = ['content-type', 'application/json'];
const body = JSON.stringify({ query: ONE_CALL });

/** A refusal as the router writes it: JSON, a code, no data, no trace. */
function expectRefusal(answer: RawAnswer, statuses: number[], label: string): void {
  expect(statuses, `${label}: ${answer.status} ${answer.body}`).toContain(answer.status);
  expect(answer.body, label).not.toMatch(STACK_TRACE);
  const parsed = JSON.parse(answer.body) as { data?: unknown; errors: { extensions: { code: string } }[] };
  expect(parsed.data, label).toBeUndefined();
  expect(parsed.errors[0]?.extensions.code, label).toEqual(expect.any(String));
}

/** The reference console's static page: HTML under its CSP, never a GraphQL answer. */
function expectConsolePage(answer: RawAnswer, label: string): void {
  expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(200);
  expect(answer.headers['content-type'], label).toMatch(/^text\/html/);
  expect(answer.headers['content-security-policy'], label).toEqual(expect.any(String));
  expect(answer.body, label).toContain('<title>Switchboard console</title>');
  expect(answer.body, label).not.toContain('"data"');
}

describe.each(MODES)('red team, HTTP entry, %s mode', (mode, env) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(env);
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  const variants = pathVariants();

  it(`runs nothing without a token on any of ${variants.length} generated targets around /graphql (origin and absolute form)`, async () => {
    const answers = await inParallel(variants, 8, ({ target }) => rawRequest(app.url, { method: 'POST', target, headers: [HOST, JSON_BODY], body }));
    answers.forEach((answer, i) => expectRefusal(answer, [400, 401], `POST ${variants[i]?.target}`));
    expect(answers.filter((answer) => answer.status === 401).length).toBeGreaterThan(variants.length / 2);
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('runs GraphQL with a token only at exactly /graphql; every other generated target is 404 (or 400)', async () => {
    const answers = await inParallel(variants, 8, ({ target }) => rawRequest(app.url, { method: 'POST', target, headers: [HOST, JSON_BODY, bearer(TOKENS.read)], body }));
    answers.forEach((answer, i) => {
      const { target, runs } = variants[i] as { target: string; runs: boolean };
      if (runs) expect(answer.status, `${target}: ${answer.body}`).toBe(200);
      else expectRefusal(answer, [400, 404], `POST ${target}`);
    });
    // Only the runs read Dialpad, each the one account named (concurrent runs may share a read: coalescing).
    const runs = variants.filter((variant) => variant.runs).length;
    const dialpad = vendorCalls(app.simulators).dialpad;
    expect(dialpad.length).toBeGreaterThanOrEqual(1);
    expect(dialpad.length).toBeLessThanOrEqual(runs);
    expect(new Set(dialpad)).toEqual(new Set(['GET /api/v2/users/1000']));
  });

  it.each(['/graphql/', '//graphql', '/x/graphql', '/graphql/.', '/?x=/graphql', '/anything?/graphql', 'http://evil.example//graphql'])('answers no token on %s with 401 and runs nothing', async (target) => {
    for (const method of ['GET', 'POST']) {
      const answer = await rawRequest(app.url, { method, target, headers: [HOST, JSON_BODY, ['accept', 'text/html, application/json']], body: method === 'POST' ? body : undefined });
      // Where the console is served (development), a GET of `/` is its static page whatever the query
      // string: public, and no GraphQL runs. Any other path, and every POST, is refused.
      if (mode !== 'production' && method === 'GET' && target.startsWith('/?')) expectConsolePage(answer, `${method} ${target}`);
      else expectRefusal(answer, [401], `${method} ${target}`);
    }
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it('answers a GET query with an HTML Accept and no token with 401', async () => {
    const answer = await rawRequest(app.url, { target: `/graphql?query=${encodeURIComponent(ONE_CALL)}`, headers: [HOST, ['accept', 'text/html, application/json']] });
    expectRefusal(answer, [401], 'GET with HTML accept');
    const introspection = await rawRequest(app.url, { target: '/graphql?query={__schema{types{name}}}', headers: [HOST, ['accept', 'text/html, application/json']] });
    expectRefusal(introspection, [401], 'GET __schema');
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
  });

  it(mode === 'production' ? 'serves no GraphiQL page without a token (GraphiQL is off)' : 'serves the GraphiQL page without a token, and nothing else', async () => {
    const page = await rawRequest(app.url, { target: '/graphql', headers: [HOST, ['accept', 'text/html']] });
    if (mode === 'production') expectRefusal(page, [401], 'GraphiQL page');
    else {
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
    }
  });

  const hosts = badHosts();
  it(`answers ${hosts.length} malformed Host headers with 400 and a short JSON body, on every path`, async () => {
    const cases = hosts.flatMap((host) => ['/healthz', '/readyz', '/graphql', '/metrics', '/nope'].map((path) => ({ host, path })));
    const answers = await inParallel(cases, 8, ({ host, path }) => rawRequest(app.url, { target: path, headers: [['host', host], bearer(TOKENS.read)] }));
    answers.forEach((answer, i) => {
      const label = `Host ${JSON.stringify(cases[i]?.host)} on ${cases[i]?.path}`;
      expect(answer.status, `${label}: ${answer.raw.slice(0, 200)}`).toBe(400);
      expect(answer.body, label).not.toMatch(STACK_TRACE);
      expect(JSON.parse(answer.body), label).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] });
    });
  });

  it('answers malformed absolute-form targets, two Host headers and a bad escape with 400, never a trace', async () => {
    const cases: [string, [string, string][]][] = [
      ['http://[::1/healthz', [HOST]],
      ['http://evil.example:99999/healthz', [HOST]],
      ['http:///graphql', [HOST]],
      ['http://exa"mple/healthz', [HOST]],
      ['/healthz', [HOST, ['host', 'evil.example']]],
      ['/graphql%zz', [HOST, bearer(TOKENS.read)]],
      ['*', [HOST]],
      ['graphql', [HOST]],
    ];
    for (const [target, headers] of cases) {
      const answer = await rawRequest(app.url, { target, headers });
      expect(answer.status, `${target}: ${answer.raw.slice(0, 200)}`).toBe(400);
      expect(answer.body).not.toMatch(STACK_TRACE);
      expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    }
  });

  it.each(GOOD_HOSTS)('accepts the well-formed Host %s', async (host) => {
    const answer = await rawRequest(app.url, { target: '/healthz', headers: [['host', host]] });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });

  it('refuses two Authorization headers with 400, whichever comes first, writing nothing', async () => {
    const mutation = JSON.stringify({ query: 'mutation { updateUser(input: { id: "VXNlcjpyaW5rZWw6YzY4N2VkNGNiYjQ1MThlYjllZWRiOWIz", firstName: "Mallory" }) { __typename } }' });
    for (const pair of [[TOKENS.write, TOKENS.read], [TOKENS.read, TOKENS.write], [TOKENS.write, TOKENS.write]]) {
      const answer = await rawRequest(app.url, { method: 'POST', target: '/graphql', headers: [HOST, JSON_BODY, ...pair.map(bearer)], body: mutation });
      expectRefusal(answer, [400], `Authorization ${pair.join(', ')}`);
    }
    expect(vendorCalls(app.simulators)).toEqual(NO_CALLS);
    expect(app.simulators.rinkel.ledger().entries).toEqual([]);
  });

  it('never allows Origin: null or an unlisted origin, and varies on Origin', async () => {
    for (const origin of ['null', 'https://evil.example', `${ORIGINS[0]}.evil.example`, 'http://console.example', `${ORIGINS[0]}:443`, '*']) {
      const preflight = await rawRequest(app.url, { method: 'OPTIONS', target: '/graphql', headers: [HOST, ['origin', origin], ['access-control-request-method', 'POST'], ['access-control-request-headers', 'authorization, content-type']] });
      expect(preflight.headers['access-control-allow-origin'], `preflight from ${origin}`).toBeUndefined();
      expect(preflight.headers.vary, origin).toMatch(/\bOrigin\b/i);
      const post = await rawRequest(app.url, { method: 'POST', target: '/graphql', headers: [HOST, JSON_BODY, bearer(TOKENS.read), ['origin', origin]], body: JSON.stringify({ query: '{ __typename }' }) });
      expect(post.status).toBe(200);
      expect(post.headers['access-control-allow-origin'], `POST from ${origin}`).toBeUndefined();
      expect(post.headers.vary, origin).toMatch(/\bOrigin\b/i);
    }
  });

  it.each(ORIGINS)('allows the listed origin %s exactly, with a bounded preflight cache', async (origin) => {
    const preflight = await rawRequest(app.url, { method: 'OPTIONS', target: '/graphql', headers: [HOST, ['origin', origin], ['access-control-request-method', 'POST'], ['access-control-request-headers', 'authorization, content-type, x-evil']] });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(Number(preflight.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(Number(preflight.headers['access-control-max-age'])).toBeLessThanOrEqual(600);
    const post = await rawRequest(app.url, { method: 'POST', target: '/graphql', headers: [HOST, JSON_BODY, bearer(TOKENS.read), ['origin', origin]], body: JSON.stringify({ query: '{ __typename }' }) });
    expect(post.headers['access-control-allow-origin']).toBe(origin);
    expect(post.headers.vary).toMatch(/\bOrigin\b/i);
  });

  it(mode === 'production' ? 'keeps /metrics behind a token' : 'serves /metrics publicly (the development default)', async () => {
    const open = await rawRequest(app.url, { target: '/metrics', headers: [HOST] });
    const withToken = await rawRequest(app.url, { target: '/metrics', headers: [HOST, bearer(TOKENS.read)] });
    expect(withToken.status).toBe(200);
    expect(withToken.body).toContain('switchboard_upstream_requests_total');
    if (mode === 'production') expectRefusal(open, [401], '/metrics');
    else expect(open.status).toBe(200);
  });

  it('serves /healthz and /readyz without a token, and only at their exact paths', async () => {
    expect((await rawRequest(app.url, { target: '/healthz', headers: [HOST] })).status).toBe(200);
    expect((await rawRequest(app.url, { target: '/readyz', headers: [HOST] })).status).toBe(200);
    for (const target of ['/healthz/', '//healthz', '/HEALTHZ', '/readyz/.']) expectRefusal(await rawRequest(app.url, { target, headers: [HOST] }), [401], target);
  });
});
