import type { Logger } from 'pino';
import type { RequestSummary } from './request-metrics.js';

export interface AccessLogOptions {
  logger: Logger;
  /**
   * Share of requests that ended `ok` logged at info, for busy deployments (0..1). Requests that ended
   * otherwise (partial, client_error, error) are always logged: they are the ones an incident needs.
   * @default 1
   */
  sampleRate?: number;
  /** Probes and scrapes, logged at debug only: a load balancer polls them every few seconds. @default ['/healthz', '/readyz', '/metrics'] */
  quietPaths?: readonly string[];
  /** @default Math.random */
  random?: () => number;
}

/**
 * One line per request once its response is ready (hand it to `useRequestMetrics`'s `onEnd`): who
 * asked for which operation, how it ended, how long it took and what it cost in vendor calls. Built
 * from the request summary only, which holds no variables, tokens or response data, so none can leak.
 */
export function createAccessLog({ logger, sampleRate = 1, quietPaths = ['/healthz', '/readyz', '/metrics'], random = Math.random }: AccessLogOptions): (summary: RequestSummary) => void {
  const quiet = new Set(quietPaths);
  return (summary) => {
    const level = quiet.has(summary.path) ? 'debug' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    if (level === 'info' && summary.outcome === 'ok' && !(sampleRate >= 1 || random() < sampleRate)) return;
    logger[level](
      {
        requestId: summary.requestId,
        method: summary.method,
        path: summary.path.slice(0, 200),
        operation: summary.operationName ?? null,
        operationType: summary.operationType ?? null,
        status: summary.status,
        outcome: summary.outcome,
        durationMs: Math.round(summary.durationSeconds * 10_000) / 10,
        vendorCalls: summary.vendorCalls,
        errorCodes: summary.errors.map(({ code, vendor }) => (vendor ? `${code}:${vendor.toLowerCase()}` : code)),
        subject: summary.subject ?? null,
      },
      'request',
    );
  };
}
