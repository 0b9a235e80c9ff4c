import { setTimeout as sleep } from 'node:timers/promises';
import type { VendorId } from '../connectors/types.js';
import { handleAdmin } from './admin.js';
import { createFaultController, type FaultController } from './faults.js';
import { listen, type ConnectionStats, type Listening } from './node-server.js';
import { WRITE_METHODS, type Outcome, type SimRequest, type SimResponse, type VendorApp } from './protocol.js';
import { createRandom, deriveSeed } from './random.js';
import { driftBody } from './drift.js';
import { bodyForRecord, createRing, redactHeaders, type LedgerEntry, type LoggedRequest, type Ring } from './recorder.js';

/**
 * Wraps one vendor app with what every simulator needs and no vendor should re-implement: fault
 * injection, the request log and write ledger, the admin endpoint, and two transports — a real
 * loopback HTTP server and a Fetch-API handler for fast unit tests. Both transports run the same
 * `process`, so a unit test against `fetch` exercises exactly what curl reaches over the port.
 */

export interface SimulatorOptions {
  /** Seed for the fault draws (the app seeds its own data). @default 1 */
  seed?: number;
  /** Entries kept in the request log and in the write ledger each. @default 10000 */
  recordCapacity?: number;
}

export interface Simulator {
  readonly vendor: VendorId;
  readonly app: VendorApp;
  readonly faults: FaultController;
  /** The transport-neutral core: admin routes, records, faults, then the vendor app. */
  process(request: SimRequest): Promise<Outcome>;
  /** The simulator as a Fetch-API handler; an injected reset rejects like fetch does (`TypeError`). */
  fetch(request: Request): Promise<Response>;
  requests(): Ring<LoggedRequest>;
  ledger(): Ring<LedgerEntry>;
  /** Requests and ledger entries ever recorded since the last clear, including those the rings let go. */
  counts(): { requests: number; writes: number };
  /** TCP connections accepted by the HTTP server (zero when only `fetch` is used). */
  connections(): ConnectionStats;
  /** Clears the request log and the ledger. */
  clearRecords(): void;
  /** Back to the seed: vendor state, default settings, no faults, empty records and connection counts. */
  reset(): void;
  /** Serves on loopback; port 0 picks a free one. Resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

export function createSimulator(app: VendorApp, { seed = 1, recordCapacity = 10_000 }: SimulatorOptions = {}): Simulator {
  const random = createRandom(deriveSeed(seed, `faults:${app.vendor}`));
  const faults = createFaultController(random);
  const log = createRing<LoggedRequest>(recordCapacity);
  const writes = createRing<LedgerEntry>(recordCapacity);
  let seq = 0;
  let server: Listening | undefined;
  const idleStats: ConnectionStats = { opened: 0, open: 0 };
  const defaultSettings = structuredClone(app.settings);

  async function process(request: SimRequest): Promise<Outcome> {
    if (request.path === '/__admin' || request.path.startsWith('/__admin/')) {
      return serialize(await handleAdmin(simulator, request));
    }
    const base = { seq: ++seq, method: request.method, url: request.path + queryString(request.query), body: bodyForRecord(request.body) };
    const entry = log.push({ ...base, at: Date.now(), headers: redactHeaders(request.headers, app.secretHeaders), status: null, fault: null });
    const write = WRITE_METHODS.has(request.method) ? writes.push({ ...base, applied: false, status: null, delivery: 'response' }) : undefined;

    const plan = faults.plan(request.method, request.path);
    if (plan.delayMs > 0) await sleep(plan.delayMs);
    const fault = plan.fault;
    if (fault) {
      entry.fault = fault.kind;
      if (write) write.delivery = fault.kind;
    }

    // Faults that stand in for the vendor: its logic never runs, so a write is not applied.
    let response: SimResponse | undefined;
    if (fault?.kind === 'status' || fault?.kind === 'rate-limit') {
      const status = fault.kind === 'status' ? fault.status : 429;
      const injected = app.errorResponse(status, status === 429 ? 'Too many requests' : 'Service unavailable');
      response = fault.retryAfterSeconds === undefined ? injected : withHeader(injected, 'retry-after', String(fault.retryAfterSeconds));
    } else if (fault?.kind === 'hang' || (fault?.kind === 'reset' && fault.when === 'before')) {
      return { kind: fault.kind };
    } else {
      response = await handleSafely(app, request);
      if (write) {
        write.status = response.status;
        write.applied = response.status >= 200 && response.status < 300;
      }
    }
    entry.status = response.status;

    const outcome = serialize(response);
    switch (fault?.kind) {
      case 'reset':
        entry.status = null;
        return { kind: 'reset' };
      case 'malformed-json':
        // Cutting a JSON document short and appending markup can never yield valid JSON.
        return { ...outcome, body: `${outcome.body.slice(0, Math.floor(outcome.body.length / 2))}<html>502 Bad Gateway</html>` };
      case 'truncated-body':
        return { ...outcome, kind: 'truncate' };
      case 'slow-body':
        return { ...outcome, slowMs: fault.ms };
      case 'drift':
        return outcome.kind === 'respond' ? { ...outcome, body: driftBody(outcome.body, random, fault) } : outcome;
      default:
        return outcome;
    }
  }

  const simulator: Simulator = {
    vendor: app.vendor,
    app,
    faults,
    process,
    fetch: (request) => fetchAdapter(process, request),
    requests: () => log.snapshot(),
    ledger: () => writes.snapshot(),
    counts: () => ({ requests: log.total(), writes: writes.total() }),
    connections: () => server?.stats() ?? idleStats,
    clearRecords: () => {
      log.clear();
      writes.clear();
    },
    reset: () => {
      app.reset();
      Object.assign(app.settings, structuredClone(defaultSettings));
      faults.clear();
      simulator.clearRecords();
      server?.resetStats();
    },
    listen: async (port = 0, host = '127.0.0.1') => {
      if (server) throw new Error(`${app.vendor} simulator is already listening on ${server.url}`);
      server = await listen(process, port, host);
      return server.url;
    },
    get url() {
      return server?.url;
    },
    close: async () => {
      await server?.close();
      server = undefined;
    },
  };
  return simulator;
}

async function handleSafely(app: VendorApp, request: SimRequest): Promise<SimResponse> {
  try {
    return await app.handle(request);
  } catch (error) {
    // A bug in a simulator must look like a vendor 500, not kill the server the tests depend on.
    console.error(`[${app.vendor} simulator] ${request.method} ${request.path} failed:`, error);
    return app.errorResponse(500, 'Internal server error');
  }
}

function serialize(response: SimResponse): Extract<Outcome, { kind: 'respond' }> {
  const headers: Record<string, string> = { ...response.headers };
  if (response.json === undefined) return { kind: 'respond', status: response.status, headers, body: '' };
  headers['content-type'] ??= 'application/json; charset=utf-8';
  return { kind: 'respond', status: response.status, headers, body: JSON.stringify(response.json) };
}

function withHeader(response: SimResponse, name: string, value: string): SimResponse {
  return { ...response, headers: { ...response.headers, [name]: value } };
}

function queryString(query: URLSearchParams): string {
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

async function fetchAdapter(process: (request: SimRequest) => Promise<Outcome>, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const outcome = await process({ method: request.method, path: url.pathname, query: url.searchParams, headers, body: await request.text() });
  switch (outcome.kind) {
    case 'respond': {
      const body = outcome.body === '' ? null : outcome.slowMs ? trickle(outcome.body, outcome.slowMs) : outcome.body;
      return new Response(body, { status: outcome.status, headers: outcome.headers });
    }
    case 'truncate': {
      const half = new TextEncoder().encode(outcome.body.slice(0, Math.floor(outcome.body.length / 2)));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(half);
          controller.error(new TypeError('terminated', { cause: socketError('other side closed') }));
        },
      });
      return new Response(stream, { status: outcome.status, headers: outcome.headers });
    }
    case 'reset':
      throw new TypeError('fetch failed', { cause: socketError('read ECONNRESET') });
    case 'hang':
      return new Promise((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason as Error), { once: true });
      });
  }
}

function socketError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/** Streams `body` in ten pieces spread over `ms`, as a slow upstream would. */
function trickle(body: string, ms: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  const pieces = 10;
  const size = Math.ceil(bytes.length / pieces);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= bytes.length) return controller.close();
      await sleep(ms / pieces);
      controller.enqueue(bytes.subarray(sent, sent + size));
      sent += size;
    },
  });
}
