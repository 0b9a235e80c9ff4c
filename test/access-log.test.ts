import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

// One info line per request, after it ends: what an operator greps for in an incident, and nothing secret.

interface Line {
  level: number;
  msg: string;
  [key: string]: unknown;
}

const INFO = 30;
const DEBUG = 20;
const TOKEN = 'access-log-reader-0123456';
const auth = { authorization: `Bearer ${TOKEN}` };

function capture(level: string): { lines: Line[]; logger: Logger } {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  return { lines, logger: pino({ level }, stream) };
}

const requestLines = (lines: Line[]) => lines.filter((line) => line.msg === 'request');

describe('access log', () => {
  let app: TestApp;
  const { lines, logger } = capture('debug');
  beforeAll(async () => {
    app = await startTestApp({ AUTH_TOKENS: JSON.stringify({ [TOKEN]: ['users:read'] }) }, logger);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    app.reset();
    lines.length = 0;
  });

  it('writes one info line per request with its id, operation, status, duration, vendor calls and caller', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-me-1', ...auth },
      body: JSON.stringify({ query: 'query Lookup($email: EmailAddress!) { usersByEmail(email: $email) { id } }', variables: { email: 'secret-person-77@example.com' } }),
    });
    const body = await response.text();
    expect(response.status).toBe(200);
    const logged = requestLines(lines);
    expect(logged).toHaveLength(1);
    const [line] = logged;
    expect(line).toMatchObject({ level: INFO, requestId: 'log-me-1', method: 'POST', path: '/graphql', operation: 'Lookup', operationType: 'query', status: 200, outcome: 'ok', errorCodes: [], subject: expect.stringMatching(/^token:[0-9a-f]{8}$/) });
    expect(line?.subject).not.toContain(TOKEN);
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(line?.durationMs).toBeGreaterThan(0);
    expect(line?.vendorCalls).toEqual(expect.any(Number));
    // Never variables, tokens or response data.
    const text = JSON.stringify(lines);
    for (const secret of ['secret-person-77', TOKEN, 'variables', 'usersByEmail']) expect(text).not.toContain(secret);
    expect(body).toContain('usersByEmail');
  });

  it('names the error codes (and vendor) of a failed request, and an unauthenticated one', async () => {
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    await app.graphql('query Everyone { users(first: 2) { totalCount } }', {}, auth);
    await app.graphql('query NoToken { vendors { vendor } }');
    const [partial, refused] = requestLines(lines);
    expect(partial).toMatchObject({ level: INFO, operation: 'Everyone', status: 200, outcome: 'partial', errorCodes: ['VENDOR_UNAVAILABLE:dialpad'] });
    expect(refused).toMatchObject({ level: INFO, operation: null, status: 401, outcome: 'client_error', errorCodes: ['UNAUTHENTICATED'], subject: null });
  });

  it('logs probes and scrapes at debug only', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) expect((await fetch(`${app.url}${path}`)).status).toBe(200);
    const logged = requestLines(lines);
    expect(logged.map((line) => [line.path, line.level])).toEqual([['/healthz', DEBUG], ['/readyz', DEBUG], ['/metrics', DEBUG]]);
  });
});

describe('access log sampling', () => {
  let app: TestApp;
  const { lines, logger } = capture('info');
  beforeAll(async () => {
    app = await startTestApp({ ACCESS_LOG_SAMPLE_RATE: '0' }, logger);
  });
  afterAll(() => app.close());

  it('at rate 0 drops successful requests but keeps every failed one; probes stay out at info', async () => {
    for (let i = 0; i < 3; i += 1) expect((await app.graphql('query Fine { vendors { vendor } }')).status).toBe(200);
    await app.graphql('query Broken { vendors { nope } }');
    await fetch(`${app.url}/healthz`);
    expect(requestLines(lines).map((line) => [line.operation, line.outcome])).toEqual([['Broken', 'client_error']]);
  });

  it('refuses a rate outside 0..1 at start-up, naming the setting', async () => {
    await expect(startTestApp({ ACCESS_LOG_SAMPLE_RATE: '1.5' })).rejects.toThrow(/ACCESS_LOG_SAMPLE_RATE must be a number between 0 and 1, got "1.5"/);
  });
});
