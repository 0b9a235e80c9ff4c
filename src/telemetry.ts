import { randomUUID } from 'node:crypto';
import { context, propagation, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { pino, type Logger } from 'pino';

/**
 * What an operator sees: structured logs (pino) that carry the request id and never a secret, and
 * OpenTelemetry traces — a span per GraphQL request and one per vendor call — when an exporter is
 * configured. Without one the OpenTelemetry API is a no-op and costs nothing.
 */

/**
 * Which request a vendor call serves, for its log line. Every call deep in the tree already receives
 * the request's deadline signal, so the id rides on that signal. (AsyncLocalStorage would find it
 * without being passed, but on Node 20 its promise hooks cost over 40 % of the gateway's throughput.)
 */
const requestIds = new WeakMap<AbortSignal, string>();

export function tagRequest(signal: AbortSignal, requestId: string): void {
  requestIds.set(signal, requestId);
}

export function requestIdOf(signal: AbortSignal | undefined): string | undefined {
  return signal ? requestIds.get(signal) : undefined;
}

export const tracer = trace.getTracer('switchboard');

/** An incoming `x-request-id` is kept when it is a plain token (so it cannot forge log lines), else one is made. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : randomUUID();
}

/**
 * Paths whose values never reach a log line. Credentials live in the connectors and are not logged on
 * purpose; this is the net under that: any field with these names, at any of the usual depths.
 */
const REDACT = ['authorization', 'password', 'apiKey', 'api_key', 'token', 'access_token', 'key', 'secret', 'registration_password', 'x-rinkel-api-key', 'cookie']
  .flatMap((name) => [`["${name}"]`, `*["${name}"]`, `*.*["${name}"]`]);

/**
 * JSON lines (what log collectors read), or, when stdout is a terminal, pino-pretty's coloured lines for
 * the developer watching `npm start`. Redaction happens before either.
 */
export function createLogger(level: string, { pretty = process.stdout.isTTY === true }: { pretty?: boolean } = {}): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'switchboard' } };
  if (!pretty) return pino(options);
  return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } });
}

export interface TracingOptions {
  /** OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces; absent: tracing off. */
  endpoint?: string;
  /** For tests: where spans go instead of an exporter. */
  processor?: SpanProcessor;
}

/** Registers a tracer provider when there is somewhere to send spans; returns how to flush and stop it. */
export async function initTracing({ endpoint, processor }: TracingOptions): Promise<(() => Promise<void>) | null> {
  if (!processor && !endpoint) return null;
  // The SDK and exporter are loaded only when tracing is on: memory a process without a collector
  // would never use (the API above stays, and is a no-op without a provider).
  const [{ OTLPTraceExporter }, { resourceFromAttributes }, { BatchSpanProcessor }, { NodeTracerProvider }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  const processors = processor ? [processor] : [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))];
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'switchboard' }), spanProcessors: processors });
  provider.register();
  return async () => {
    await provider.shutdown();
    // Unregister the globals too, so a later provider (another test file in this process) can register.
    trace.disable();
    context.disable();
    propagation.disable();
  };
}

/** Runs `fn` in a span that ends with it, marked as an error when it throws. */
export async function inSpan<T>(name: string, attributes: Record<string, string | number>, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
