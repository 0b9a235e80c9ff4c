import { UpstreamError } from '../../errors.js';
import { abortable } from '../../resilience/deadline.js';
import { failureFor, type HttpClient, type VendorResponse } from '../http.js';

/**
 * IMIchat's access token (VENDORS.md "IMIchat / Webex Engage": `GET /authorize` with header
 * `key: base64("<api key>@<domain>")`, the token in the response header `access_token`).
 *
 * Every authorize counts against the tenant's 10,000 calls a day, so the token is fetched once and
 * shared: concurrent callers on a cold start (or after a refusal) wait for the same `/authorize`, and
 * a token is renewed a margin before its lifetime ends so calls rarely meet a 401 / 2004 at all. The
 * shared `/authorize` runs without any one caller's signal, so one cancelled request cannot fail the
 * others waiting on it; each caller still stops waiting when its own signal aborts.
 */

export interface ImichatTokenOptions {
  apiKey: string;
  domain: string;
  /** What IMIchat grants a token; the answer does not say, so it is configured. @default 3600 */
  lifetimeSeconds?: number;
  /** Renew this long before the lifetime ends, so a call never leaves with a token about to expire. @default 60 */
  renewMarginSeconds?: number;
  /** Clock for the lifetime; tests move it forward. @default Date.now */
  now?: () => number;
  /** Sees every `/authorize` response (the quota headers come with it too). */
  onResponse?: (response: VendorResponse) => void;
}

export interface ImichatToken {
  /** A token believed valid, authorizing first when there is none or it is about to expire. */
  get(signal?: AbortSignal): Promise<string>;
  /**
   * The token to repeat a call with after IMIchat refused `stale` (2003/2004): authorizes again, unless
   * another caller already replaced `stale`, so a burst of refusals still costs one `/authorize`.
   */
  renew(stale: string, signal?: AbortSignal): Promise<string>;
}

export function createImichatToken(
  http: HttpClient,
  { apiKey, domain, lifetimeSeconds = 3600, renewMarginSeconds = 60, now = Date.now, onResponse }: ImichatTokenOptions,
): ImichatToken {
  const key = Buffer.from(`${apiKey}@${domain}`).toString('base64');
  // Never renew more often than every tenth of the lifetime, even if the margin is set too large.
  const usableMs = Math.max(lifetimeSeconds * 100, (lifetimeSeconds - renewMarginSeconds) * 1000);
  let current: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function authorize(): Promise<string> {
    // The lifetime runs from when IMIchat issued the token, which is no earlier than this.
    const requestedAt = now();
    const response = await http.send({ method: 'GET', path: '/authorize', headers: { key } });
    onResponse?.(response);
    if (response.status !== 200) throw refusal(response);
    const value = response.headers['access_token']?.trim();
    if (!value) throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor: 'imichat', httpStatus: response.status, message: 'IMIchat authorized without sending an access_token header.' });
    current = { value, renewAt: requestedAt + usableMs };
    return value;
  }

  function get(signal?: AbortSignal): Promise<string> {
    if (current && now() < current.renewAt) return Promise.resolve(current.value);
    // A failure is not cached: the next caller after it tries again.
    pending ??= authorize().finally(() => {
      pending = undefined;
    });
    // The sign-in runs on for other waiters when this caller's signal aborts.
    return signal ? abortable(pending, signal, () => new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: 'imichat', httpStatus: null, cause: signal.reason })) : pending;
  }

  return {
    get,
    renew(stale, signal) {
      if (current?.value === stale) current = undefined;
      return get(signal);
    },
  };
}

/** A refused key is the operator's to fix (VENDOR_ERROR with IMIchat's status); 429/5xx keep their usual codes. */
function refusal(response: VendorResponse): UpstreamError {
  const failure = failureFor('imichat', response);
  if (failure.code !== 'VENDOR_ERROR' || response.status >= 500) return failure;
  return new UpstreamError({
    code: 'VENDOR_ERROR',
    vendor: 'imichat',
    httpStatus: response.status,
    message: `IMIchat refused Switchboard's API key or domain (HTTP ${response.status}).`,
  });
}

