import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

// The GraphQL-over-HTTP spec's server audits (graphql-http), against the gateway as `npm start` serves it.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('GraphQL over HTTP audits', () => {
  it('passes every audit, MAYs included (a GET query needs no CSRF header: it cannot change anything)', async () => {
    const audits = serverAudits({ url: () => `${app.url}/graphql` });
    const results = await Promise.all(audits.map((audit) => audit.fn()));
    const notOk = results.filter((result) => result.status !== 'ok').map((result) => `${result.status}: ${result.name}`);
    expect(notOk).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(60);
  });
});
