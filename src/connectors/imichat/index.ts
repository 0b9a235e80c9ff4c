import { UpstreamError } from '../../errors.js';
import { createLimiter, getEach, type Limiter } from '../batch.js';
import { createHttpClient } from '../http.js';
import type { ConnectorOptions } from '../registry.js';
import type { UserConnector } from '../types.js';
import { createImichatClient, createImichatQuota, IMICHAT_PER_PAGE, type ImichatQuota } from './client.js';
import { writeThenRead } from '../writes.js';
import { createDriftSink, readRecords } from '../drift.js';
import { decodeImichatUser, IMICHAT_READABLE_FIELDS, IMICHAT_WRITABLE_FIELDS, isImichatId, planImichatUpdate, readImichatUser } from './mapping.js';
import { ReadImichatUser } from './wire.js';
import { createImichatToken } from './token.js';

/** Knobs the registry does not pass; their defaults are IMIchat's documented behaviour. */
export interface ImichatTuning {
  /** Token lifetime IMIchat grants. @default 3600 */
  tokenLifetimeSeconds?: number;
  /** Renew the token this long before it expires. @default 60 */
  tokenRenewMarginSeconds?: number;
  /** Clock for token expiry and quota timestamps. @default Date.now */
  now?: () => number;
  /** Most pages a directory scan reads before it gives up: 10 users each. @default 1000 */
  maxPages?: number;
}

export interface ImichatConnector extends UserConnector {
  /** IMIchat's daily quota (10,000 calls per tenant) as of the latest response; null before any call. */
  quota(): ImichatQuota | null;
}

/**
 * IMIchat: one GET per user, after one shared `/authorize` (renewed hourly). The directory is read 10
 * per page and the list never says how many pages there are, so pages are read in windows of
 * `concurrency` at once until the first page with fewer than 10 users: ceil((users + 1) / 10) calls
 * plus at most `concurrency - 1` pages past the end. Every call counts against the tenant's 10,000 a
 * day, so a scan is bounded (`maxPages`, 10,000 users by default) and fails loudly beyond it rather
 * than spending the day's quota. IMIchat cannot search, so there is no `findByEmail`. An update is one
 * PUT (plus one GET when the answer carries no user, and one `/authorize` and repeat when the token
 * was refused).
 */
export function createImichatConnector({
  apiKey, domain, teamId, tokenLifetimeSeconds, tokenRenewMarginSeconds, now = Date.now, maxPages = 1000, ...transport
}: ConnectorOptions<'imichat'> & ImichatTuning): ImichatConnector {
  const { concurrency } = transport;
  const http = createHttpClient({ vendor: 'imichat', ...transport });
  const quota = createImichatQuota(now);
  const token = createImichatToken(http, { apiKey, domain, lifetimeSeconds: tokenLifetimeSeconds, renewMarginSeconds: tokenRenewMarginSeconds, now, onResponse: quota.observe });
  const client = createImichatClient(http, token, teamId, quota);
  const limit = createLimiter(concurrency);
  const drift = createDriftSink('imichat', transport);
  const read = (payload: unknown) => readImichatUser(payload, drift);

  return {
    vendor: 'imichat',
    readableFields: IMICHAT_READABLE_FIELDS,
    getUsers: (ids, signal) =>
      getEach(ids, { vendor: 'imichat', limit, isValidId: isImichatId, fetchOne: async (id) => read(await client.getUser(id, signal)) }),
    async listAllUsers(signal) {
      const users = await readUntilShortPage({ window: concurrency, maxPages, limit, fetchPage: (page) => client.listPage(page, signal) });
      return readRecords('imichat', ReadImichatUser, decodeImichatUser, users, drift);
    },
    writableFields: IMICHAT_WRITABLE_FIELDS,
    planUpdate: planImichatUpdate,
    updateUser: (id, body, signal) =>
      limit(() => writeThenRead(read, () => client.updateUser(id, body, signal), () => client.getUser(id, signal))),
    async ping(signal) {
      await client.listPage(1, signal);
    },
    quota: () => client.quota(),
    close: () => http.close(),
  };
}

interface PageScan<T> {
  /** Pages requested at once. */
  window: number;
  maxPages: number;
  limit: Limiter;
  fetchPage: (page: number) => Promise<T[]>;
}

/**
 * Reads pages 1, 2, ... in windows until a page holds fewer than IMICHAT_PER_PAGE items. Items come
 * back in page order whatever order the pages finish in; pages after the short one are dropped (they
 * can only hold users added during the scan, whose neighbours were already missed).
 */
async function readUntilShortPage<T>({ window, maxPages, limit, fetchPage }: PageScan<T>): Promise<T[]> {
  const items: T[] = [];
  for (let first = 1; first <= maxPages; first += window) {
    const count = Math.min(window, maxPages - first + 1);
    const pages = await Promise.all(Array.from({ length: count }, (_, i) => limit(() => fetchPage(first + i))));
    for (const page of pages) {
      items.push(...page);
      if (page.length < IMICHAT_PER_PAGE) return items;
    }
  }
  throw new UpstreamError({
    code: 'VENDOR_ERROR',
    vendor: 'imichat',
    httpStatus: null,
    message: `IMIchat's directory has more than ${maxPages * IMICHAT_PER_PAGE} users, the most Switchboard reads by paging.`,
  });
}
