import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Plugin } from 'graphql-yoga';

/**
 * Prometheus metrics. One registry per gateway (not prom-client's global one), so two gateways in
 * one process — tests, benchmarks — do not count into each other.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Every upstream attempt, by vendor, route template (`GET /users/{id}`) and status (`timeout`, `reset`... when none). */
  readonly upstreamRequests: Counter<'vendor' | 'route' | 'status'>;
  readonly upstreamDuration: Histogram<'vendor' | 'route'>;
  /** Attempts repeated after a retryable failure, by the failure. */
  readonly retries: Counter<'vendor' | 'reason'>;
  /** 0 closed, 1 half-open, 2 open. */
  readonly breakerState: Gauge<'vendor'>;
  /** Time spent waiting for the vendor's outbound quota, for calls that had to wait. */
  readonly quotaWait: Histogram<'vendor'>;
  readonly idempotentReplays: Counter<'operation'>;
  /** Vendor values Switchboard could not read (null, missing, wrong type, unknown enum value), by vendor and vendor field. */
  readonly vendorDrift: Counter<'vendor' | 'field'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  const registers = [registry];
  return {
    registry,
    upstreamRequests: new Counter({ name: 'switchboard_upstream_requests_total', help: 'Vendor API calls (one per attempt).', labelNames: ['vendor', 'route', 'status'], registers }),
    upstreamDuration: new Histogram({
      name: 'switchboard_upstream_request_duration_seconds',
      help: 'Vendor API call latency per attempt, until the whole body is read.',
      labelNames: ['vendor', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    retries: new Counter({ name: 'switchboard_upstream_retries_total', help: 'Vendor calls repeated after a retryable failure.', labelNames: ['vendor', 'reason'], registers }),
    breakerState: new Gauge({ name: 'switchboard_circuit_breaker_state', help: 'Circuit breaker per vendor: 0 closed, 1 half-open, 2 open.', labelNames: ['vendor'], registers }),
    quotaWait: new Histogram({
      name: 'switchboard_quota_wait_seconds',
      help: "Time calls waited for the vendor's outbound quota (only calls that waited).",
      labelNames: ['vendor'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    }),
    idempotentReplays: new Counter({ name: 'switchboard_idempotent_replays_total', help: 'Mutations answered from a stored result of the same idempotency key.', labelNames: ['operation'], registers }),
    vendorDrift: new Counter({
      name: 'switchboard_vendor_drift_total',
      help: 'Vendor values that could not be read (null, missing, wrong type, unknown enum value); the field read as null. `id` counts list records left out for want of one.',
      labelNames: ['vendor', 'field'],
      registers,
    }),
  };
}

export interface MetricsPluginOptions {
  metrics: Metrics;
  /** @default '/metrics' */
  path?: string;
}

/** Serves the registry in Prometheus text format. */
export function useMetrics({ metrics, path = '/metrics' }: MetricsPluginOptions): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== path) return;
      endResponse(new fetchAPI.Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
  };
}
