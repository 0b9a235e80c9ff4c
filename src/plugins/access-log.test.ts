import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAccessLog } from './access-log.js';
import type { RequestSummary } from './request-metrics.js';

const summary = (over: Partial<RequestSummary> = {}): RequestSummary => ({
  requestId: 'r-1', method: 'POST', path: '/graphql', graphql: true, operationName: 'UsersPage', operationLabel: 'UsersPage', operationType: 'query',
  status: 200, outcome: 'ok', durationSeconds: 0.01234, vendorCalls: 3, errors: [], subject: 'token:abcd1234', ...over,
});

function logged(level: string): { lines: Record<string, unknown>[]; logger: Logger } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) });
  return { lines, logger: pino({ level }, stream) };
}

describe('createAccessLog', () => {
  it('samples successful requests by the rate and keeps every other outcome', () => {
    const { lines, logger } = logged('info');
    const draws = [0.4, 0.6, 0.9, 0.1];
    const log = createAccessLog({ logger, sampleRate: 0.5, random: () => draws.shift() ?? 1 });
    log(summary({ requestId: 'kept' }));
    log(summary({ requestId: 'dropped' }));
    for (const outcome of ['partial', 'client_error', 'error'] as const) log(summary({ requestId: outcome, outcome }));
    expect(lines.map((line) => line.requestId)).toEqual(['kept', 'partial', 'client_error', 'error']);
    // Failed requests draw nothing: the two draws left are still there.
    expect(draws).toEqual([0.9, 0.1]);
  });

  it('writes durations in milliseconds, codes with their vendor, and nulls for what is unknown', () => {
    const { lines, logger } = logged('info');
    createAccessLog({ logger })(summary({ operationName: undefined, operationType: undefined, subject: undefined, outcome: 'partial', errors: [{ code: 'VENDOR_UNAVAILABLE', vendor: 'DIALPAD' }, { code: 'NOT_FOUND', vendor: undefined }] }));
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request', durationMs: 12.3, operation: null, operationType: null, subject: null, errorCodes: ['VENDOR_UNAVAILABLE:dialpad', 'NOT_FOUND'] });
  });

  it('puts probes at debug, where an info logger drops them', () => {
    const info = logged('info');
    const debug = logged('debug');
    for (const { logger } of [info, debug]) for (const path of ['/healthz', '/readyz', '/metrics']) createAccessLog({ logger })(summary({ path, graphql: false }));
    expect(info.lines).toEqual([]);
    expect(debug.lines.map((line) => [line.path, line.level])).toEqual([['/healthz', 20], ['/readyz', 20], ['/metrics', 20]]);
  });
});
