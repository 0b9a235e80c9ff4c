import { z } from 'zod';
import { UpstreamError, WriteRejected } from '../../errors.js';
import { failureFor, parseWire, type HttpClient, type VendorRequest, type VendorResponse } from '../http.js';
import { decodeImichatRejection } from './mapping.js';
import type { ImichatToken } from './token.js';

/** One function per IMIchat endpoint the gateway uses; each returns validated wire shapes or throws an UpstreamError. */

/** IMIchat's fixed page size (VENDORS.md "list": 10 per page, no way to ask for more). */
export const IMICHAT_PER_PAGE = 10;

/** Success envelopes carry their documented code and a payload; errors carry `response: null`. */
/** The envelope is strict (its code says what the body is); the user payloads in it are read one by one, tolerantly. */
const Payload = z.record(z.string(), z.unknown());
const Description = z.string().nullish().catch(null);
const GetUserBody = z.object({ status_code: z.literal(4306), description: Description, response: Payload });
const ListBody = z.object({ status_code: z.literal(4307), description: Description, response: z.object({ users: z.array(z.unknown()) }) });
/** `PUT /users/{id}` answers 4309; a null `response` still means the write was applied (the caller reads back). */
const UpdateBody = z.object({ status_code: z.literal(4309), description: Description, response: Payload.nullable() });
/** Just enough of an error envelope to read its code; a body without one is judged by its HTTP status alone. */
const ErrorCode = z.object({ status_code: z.number().int() });
/** An error envelope whose description may name the refused field (3115). */
const ErrorEnvelope = z.object({ status_code: z.number().int(), description: z.string().catch('') });

/** 2003 "Invalid Access Token" and 2004 "Access Token expired": authorizing again may cure both. */
const TOKEN_REFUSALS: ReadonlySet<number> = new Set([2003, 2004]);

/** The daily quota as IMIchat last reported it (`Rate-Limit-*` headers, on every response). */
export interface ImichatQuota {
  /** Calls a day the tenant may make. */
  readonly limit: number;
  readonly remaining: number;
  /** Seconds from `observedAt` until calls are given back. */
  readonly resetSeconds: number;
  /** Epoch milliseconds at which the response carrying these values arrived. */
  readonly observedAt: number;
}

export interface ImichatQuotaTracker {
  /** Keeps the response's `Rate-Limit-*` values when all three are readable; otherwise keeps the previous ones. */
  observe(response: VendorResponse): void;
  /** The latest values seen; null before the first response that carried them. */
  current(): ImichatQuota | null;
}

/**
 * Responses to parallel calls arrive in any order, so "latest" is the last one to arrive, which can be
 * a call or two behind the true count; good enough for a quota of thousands a day.
 */
export function createImichatQuota(now: () => number = Date.now): ImichatQuotaTracker {
  let latest: ImichatQuota | null = null;
  return {
    observe({ headers }) {
      const [limit, remaining, resetSeconds] = ['rate-limit-limit', 'rate-limit-remaining', 'rate-limit-reset'].map((name) => count(headers[name]));
      if (limit === undefined || remaining === undefined || resetSeconds === undefined) return;
      latest = { limit, remaining, resetSeconds, observedAt: now() };
    },
    current: () => latest,
  };
}

function count(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

export function createImichatClient(http: HttpClient, token: ImichatToken, teamId: string, quota: ImichatQuotaTracker = createImichatQuota()) {
  /**
   * Sends with the shared token; when IMIchat refuses the token (2003/2004) it authorizes again once
   * and repeats the call once. A second refusal is the caller's error, not a loop.
   */
  async function call(request: Omit<VendorRequest, 'headers' | 'signal'>, signal: AbortSignal | undefined): Promise<VendorResponse> {
    const send = async (accessToken: string) => {
      const response = await http.send({ ...request, headers: { access_token: accessToken, teamid: teamId }, signal });
      quota.observe(response);
      return response;
    };
    const used = await token.get(signal);
    const response = await send(used);
    return refusesToken(response) ? send(await token.renew(used, signal)) : response;
  }

  /** 429 is the daily quota (2008); without `Retry-After`, the quota's own reset says how long to wait. */
  function failure(response: VendorResponse): UpstreamError {
    const error = failureFor('imichat', response);
    const reset = count(response.headers['rate-limit-reset']);
    if (error.code !== 'RATE_LIMITED' || error.retryAfterSeconds !== null || reset === undefined) return error;
    return new UpstreamError({ code: 'RATE_LIMITED', vendor: 'imichat', httpStatus: response.status, retryAfterSeconds: reset });
  }

  return {
    /** `GET /users/{id}` → envelope 4306 with the user; 3101 (404) is NOT_FOUND. */
    async getUser(id: string, signal?: AbortSignal): Promise<unknown> {
      const response = await call({ method: 'GET', path: `/users/${encodeURIComponent(id)}` }, signal);
      if (response.status !== 200) throw failure(response);
      return parseWire('imichat', GetUserBody, response).response;
    },

    /** `GET /users?page=` → envelope 4307 with `{users}`, 10 a page, 1-based; a page past the end is empty. */
    async listPage(page: number, signal?: AbortSignal): Promise<unknown[]> {
      const response = await call({ method: 'GET', path: '/users', query: { page } }, signal);
      if (response.status !== 200) throw failure(response);
      return parseWire('imichat', ListBody, response).response.users;
    },

    /**
     * `PUT /users/{id}` (seed 004) → envelope 4309 with the user as stored now. A refused token (2003/2004)
     * applied nothing, so `call` authorizes again and repeats it once. 3107/3110/3114/3115 (400) refuse the
     * values: WriteRejected; 3101 (404) is NOT_FOUND; the rest by HTTP status.
     */
    async updateUser(id: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<unknown> {
      const response = await call({ method: 'PUT', path: `/users/${encodeURIComponent(id)}`, body }, signal);
      if (response.status === 400) {
        const error = ErrorEnvelope.safeParse(response.body);
        const issues = error.success ? decodeImichatRejection(error.data.status_code, error.data.description) : null;
        if (issues) throw new WriteRejected('imichat', 400, issues);
      }
      if (response.status < 200 || response.status >= 300) throw failure(response);
      return response.body === undefined ? null : parseWire('imichat', UpdateBody, response).response;
    },

    /** The daily quota as of the latest response, authorize included; null before any. */
    quota: (): ImichatQuota | null => quota.current(),
  };
}

export type ImichatClient = ReturnType<typeof createImichatClient>;

function refusesToken(response: VendorResponse): boolean {
  if (response.status === 200) return false;
  const parsed = ErrorCode.safeParse(response.body);
  return parsed.success && TOKEN_REFUSALS.has(parsed.data.status_code);
}
