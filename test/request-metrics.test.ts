import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calls, startTestApp, type TestApp } from './support/app.js';
import { sampleValue, scrape } from './support/prometheus.js';

// The gateway's own traffic in /metrics: requests, durations and errors per operation, with bounded labels.

const TOKEN = 'metrics-reader-token-0123';
const auth = { authorization: `Bearer ${TOKEN}` };
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ AUTH_TOKENS: JSON.stringify({ [TOKEN]: ['users:read'] }), });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

describe('request metrics', () => {
  it('counts two named queries and times them, labelled with their operation names', async () => {
    const before = await scrape(app.url);
    expect(sampleValue(before, 'switchboard_requests_total', { operation: 'FirstCommpeak' })).toBeUndefined();
    expect((await app.graphql('query FirstCommpeak { users(first: 2, filter: { vendors: [COMMPEAK] }) { totalCount } }', {}, auth)).status).toBe(200);
    expect((await app.graphql('query VendorList { vendors { vendor } }', {}, auth)).status).toBe(200);
    expect((await app.graphql('query VendorList { vendors { vendor } }', {}, auth)).status).toBe(200);
    const after = await scrape(app.url);
    expect(sampleValue(after, 'switchboard_requests_total', { operation: 'FirstCommpeak', operation_type: 'query', outcome: 'ok' })).toBe(1);
    expect(sampleValue(after, 'switchboard_requests_total', { operation: 'VendorList', operation_type: 'query', outcome: 'ok' })).toBe(2);
    expect(sampleValue(after, 'switchboard_request_duration_seconds_count', { operation: 'VendorList', operation_type: 'query' })).toBe(2);
    expect(sampleValue(after, 'switchboard_request_duration_seconds_sum', { operation: 'VendorList' })).toBeGreaterThan(0);
    // Every observation falls in the +Inf bucket; the largest finite one (30 s) holds them too on any sane machine.
    expect(sampleValue(after, 'switchboard_request_duration_seconds_bucket', { operation: 'VendorList', le: '+Inf' })).toBe(2);
    // Probes and scrapes are not GraphQL traffic.
    expect(after.filter((sample) => sample.name === 'switchboard_requests_total' && sample.labels.operation === 'none' && sample.labels.outcome === 'ok')).toEqual([]);
  });

  it('records the vendor calls each request made, as the vendors saw them', async () => {
    const list = await app.graphql<{ users: { edges: { node: { id: string } }[] } }>('query ListThree { users(first: 3, filter: { vendors: [COMMPEAK] }) { edges { node { id } } } }', {}, auth);
    const ids = list.data?.users.edges.map(({ node }) => node.id) ?? [];
    expect(ids).toHaveLength(3);
    app.simulators.commpeak.clearRecords();
    // A retried read is two calls: the tally counts what the vendor saw, attempts included.
    app.simulators.commpeak.faults.set([{ kind: 'status', status: 503, times: 1 }]);
    const read = await app.graphql('query CountCalls($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }, auth);
    expect(read.errors).toBeUndefined();
    const made = calls(app.simulators, 'commpeak').length;
    expect(made).toBeGreaterThan(1);
    const samples = await scrape(app.url);
    expect(sampleValue(samples, 'switchboard_request_vendor_calls_sum', { operation: 'CountCalls' })).toBe(made);
    expect(sampleValue(samples, 'switchboard_request_vendor_calls_count', { operation: 'CountCalls' })).toBe(1);
  });

  it('counts errors by extensions.code and vendor, and a partial answer as partial', async () => {
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    const response = await app.graphql('query AllButDialpad { users(first: 5) { unavailableVendors edges { node { id } } } }', {}, auth);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'DIALPAD' });
    const samples = await scrape(app.url);
    expect(sampleValue(samples, 'switchboard_graphql_errors_total', { operation: 'AllButDialpad', code: 'VENDOR_UNAVAILABLE', vendor: 'dialpad' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'AllButDialpad', outcome: 'partial' })).toBe(1);
  });

  it('counts refusals as client errors, with their codes: no token, a syntax error, an invalid field', async () => {
    expect((await app.graphql('query NoToken { vendors { vendor } }')).status).toBe(401);
    expect((await app.graphql('query Broken { vendors { vendor }', {}, auth)).status).toBe(400);
    expect((await app.graphql('query Invalid { vendors { nope } }', {}, auth)).status).toBe(400);
    const samples = await scrape(app.url);
    // A 401 comes before the document is read: its name is not trusted to be anything.
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'none', outcome: 'client_error' })).toBe(2);
    expect(sampleValue(samples, 'switchboard_graphql_errors_total', { operation: 'none', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_graphql_errors_total', { operation: 'none', code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'Invalid', outcome: 'client_error' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_graphql_errors_total', { operation: 'Invalid', code: 'GRAPHQL_VALIDATION_FAILED', vendor: 'none' })).toBe(1);
  });

  it('counts what the router refuses before Yoga: a body over the limit at /graphql; a path that is not GraphQL is no GraphQL request', async () => {
    const count = async (name: string, labels: Record<string, string>) => sampleValue(await scrape(app.url), name, labels) ?? 0;
    const refusals = { operation: 'none', operation_type: 'none', outcome: 'client_error' };
    const [tooLargeBefore, refusalsBefore] = [await count('switchboard_graphql_errors_total', { operation: 'none', code: 'PAYLOAD_TOO_LARGE' }), await count('switchboard_requests_total', refusals)];
    const big = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: `{ vendors { vendor } } # ${'x'.repeat(120_000)}` }) });
    expect(big.status).toBe(413);
    expect((await fetch(`${app.url}/nowhere`)).status).toBe(401);
    // The 413 is one more GraphQL request refused; the 401 at /nowhere is no GraphQL request at all.
    expect(await count('switchboard_graphql_errors_total', { operation: 'none', code: 'PAYLOAD_TOO_LARGE' })).toBe(tooLargeBefore + 1);
    expect(await count('switchboard_requests_total', refusals)).toBe(refusalsBefore + 1);
  });

  it('counts a request answered with only client codes (bad input, no such account) as a client error, not an error', async () => {
    const tooMany = await app.graphql('query TooMany { users(first: 101) { totalCount } }', {}, auth);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const samples = await scrape(app.url);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'TooMany', outcome: 'client_error' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'TooMany', outcome: 'error' })).toBeUndefined();
    expect(sampleValue(samples, 'switchboard_graphql_errors_total', { operation: 'TooMany', code: 'BAD_USER_INPUT' })).toBe(1);
  });

  it('counts nothing as GraphQL at a path that is not exactly /graphql, and names no operation when none was selected', async () => {
    // The router refuses `/graphql/` before anything reads the document (src/http/router.ts).
    const slash = await fetch(`${app.url}/graphql/`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: 'query Slash { vendors { vendor } }' }) });
    expect(slash.status).toBe(404);
    const ambiguous = await app.graphql('query A { vendors { vendor } } query B { vendors { vendor } }', {}, auth);
    expect(ambiguous.status).toBe(400);
    const samples = await scrape(app.url);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'Slash' })).toBeUndefined();
    expect(sampleValue(samples, 'switchboard_graphql_errors_total', { code: 'NOT_FOUND' })).toBeUndefined();
    expect(sampleValue(samples, 'switchboard_graphql_errors_total', { operation: 'none', code: 'OPERATION_RESOLUTION_FAILURE' })).toBe(1);
    expect(samples.some((sample) => sample.labels.operation === 'A' || sample.labels.operation === 'B')).toBe(false);
  });

  it('never turns a variable into a label, and names anonymous operations "anonymous"', async () => {
    await app.graphql('query ($email: String!) { usersByEmail(email: $email) { id } }', { email: 'leak-me-42@example.com' }, auth);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).not.toContain('leak-me-42');
    expect(sampleValue(await scrape(app.url), 'switchboard_requests_total', { operation: 'anonymous', operation_type: 'query' })).toBe(1);
  });

  it('shows a request in flight while it runs, and none after', async () => {
    app.simulators.commpeak.faults.set([{ kind: 'latency', ms: 1500 }]);
    const slow = app.graphql('query Slow { users(first: 1, filter: { vendors: [COMMPEAK] }) { totalCount } }', {}, auth);
    let seen = 0;
    for (let tries = 0; tries < 50 && seen === 0; tries += 1) {
      seen = sampleValue(await scrape(app.url), 'switchboard_requests_in_flight') ?? 0;
      if (seen === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen).toBe(1);
    expect((await slow).status).toBe(200);
    expect(sampleValue(await scrape(app.url), 'switchboard_requests_in_flight')).toBe(0);
  });

  it('stops counting a request in flight when its client leaves before the answer', async () => {
    app.simulators.commpeak.faults.set([{ kind: 'latency', ms: 1000 }]);
    const client = new AbortController();
    const left = fetch(`${app.url}/graphql`, {
      method: 'POST', signal: client.signal, headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: 'query LeftEarly { users(first: 1, filter: { vendors: [COMMPEAK] }) { totalCount } }' }),
    }).catch((error: unknown) => (error as Error).name);
    for (let tries = 0; tries < 50 && sampleValue(await scrape(app.url), 'switchboard_requests_in_flight') !== 1; tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    client.abort();
    expect(await left).toBe('AbortError');
    let inFlight: number | undefined;
    for (let tries = 0; tries < 100; tries += 1) {
      inFlight = sampleValue(await scrape(app.url), 'switchboard_requests_in_flight');
      if (inFlight === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(inFlight).toBe(0);
    // Still counted, once, under its name.
    const counted = (await scrape(app.url)).filter((sample) => sample.name === 'switchboard_requests_total' && sample.labels.operation === 'LeftEarly');
    expect(counted.reduce((sum, sample) => sum + sample.value, 0)).toBe(1);
  });
});

describe('operation name labels', () => {
  let capped: TestApp;
  beforeAll(async () => {
    capped = await startTestApp({ METRICS_MAX_OPERATION_NAMES: '2', TRUSTED_DOCUMENTS: 'allow' });
  });
  afterAll(() => capped.close());

  it('keeps the first names seen, counts later ones as other, and trusted documents always by name', async () => {
    for (const name of ['Kept1', 'Kept2', 'Random1', 'Random2', 'Random3', 'Kept1']) expect((await capped.graphql(`query ${name} { vendors { vendor } }`)).status).toBe(200);
    // UsersPage is a persisted (trusted) document's name, so it keeps its label past the cap.
    expect((await capped.graphql('query UsersPage($first: Int) { users(first: $first) { totalCount } }', { first: 1 })).status).toBe(200);
    const samples = await scrape(capped.url);
    expect(samples.some((sample) => sample.labels.operation?.startsWith('Random'))).toBe(false);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'Kept1', outcome: 'ok' })).toBe(2);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'Kept2', outcome: 'ok' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'other', outcome: 'ok' })).toBe(3);
    expect(sampleValue(samples, 'switchboard_requests_total', { operation: 'UsersPage', outcome: 'ok' })).toBe(1);
  });
});
