import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './app.js';
import { loadConfig } from './config.js';
import { initTracing } from './telemetry.js';

// Tracing end to end: one span per GraphQL request named after its operation, one child per vendor call.

const exporter = new InMemorySpanExporter();
let stop: (() => Promise<void>) | null;
let app: App;

beforeAll(async () => {
  stop = await initTracing({ processor: new SimpleSpanProcessor(exporter) });
  app = await startApp(loadConfig({ PORT: '0', SIM_PORT_BASE: '0', SIM_SEED: '5', DIRECTORY_TTL_MS: '0' }));
});
afterAll(async () => {
  await app.close();
  await stop?.();
});

describe('OpenTelemetry', () => {
  it('traces a request as its operation, with a child span per vendor call that carries no id or secret', async () => {
    exporter.reset();
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-1' },
      body: JSON.stringify({ query: 'query FirstTwo { users(first: 2, filter: { vendors: [COMMPEAK] }) { totalCount } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-me-1');
    await response.json();
    const spans = exporter.getFinishedSpans();
    const root = spans.find((span) => span.name === 'graphql query FirstTwo');
    expect(root?.attributes).toMatchObject({ 'graphql.operation.name': 'FirstTwo', 'switchboard.request_id': 'trace-me-1' });
    const upstream = spans.filter((span) => span.name.startsWith('commpeak '));
    expect(upstream.map((span) => span.name)).toEqual(['commpeak GET /api/users', 'commpeak GET /api/users']);
    for (const span of upstream) {
      expect(span.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
      expect(span.attributes['http.response.status_code']).toBe(200);
    }
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toMatch(/sandbox|Basic|password/i);
  });
});
