import { createLimiter, getEach, readPages } from '../batch.js';
import { createHttpClient } from '../http.js';
import { createDriftSink, readRecords } from '../drift.js';
import { ReadCommpeakUser } from './wire.js';
import type { ConnectorOptions } from '../registry.js';
import type { UserConnector } from '../types.js';
import { writeThenRead } from '../writes.js';
import { COMMPEAK_MAX_PER_PAGE, createCommpeakClient } from './client.js';
import { COMMPEAK_READABLE_FIELDS, COMMPEAK_WRITABLE_FIELDS, decodeCommpeakUser, readCommpeakUser, isCommpeakId, planCommpeakUpdate } from './mapping.js';

/**
 * CommPeak: one GET per user; the directory is read 100 per page, page 1 first (its
 * `X-Pagination-Page-Count` says how many there are), then the rest in parallel: ceil(users / 100)
 * calls. `ping` is one call for one user. CommPeak cannot search, so `usersByEmail` costs a directory read.
 * An update is one PUT (plus one GET when the answer carries no user).
 */
export function createCommpeakConnector({ username, password, ...transport }: ConnectorOptions<'commpeak'>): UserConnector {
  const { concurrency } = transport;
  const http = createHttpClient({ vendor: 'commpeak', ...transport });
  const client = createCommpeakClient(http, username, password);
  const limit = createLimiter(concurrency);
  const drift = createDriftSink('commpeak', transport);
  const read = (payload: unknown) => readCommpeakUser(payload, drift);

  return {
    vendor: 'commpeak',
    readableFields: COMMPEAK_READABLE_FIELDS,
    getUsers: (ids, signal) =>
      getEach(ids, { vendor: 'commpeak', limit, isValidId: isCommpeakId, fetchOne: async (id) => read(await client.getUser(id, signal)) }),
    async listAllUsers(signal) {
      const first = await limit(() => client.listPage(1, COMMPEAK_MAX_PER_PAGE, signal));
      const rest = await readPages(first.pageCount, limit, async (page) => (await client.listPage(page, COMMPEAK_MAX_PER_PAGE, signal)).users);
      return readRecords('commpeak', ReadCommpeakUser, decodeCommpeakUser, [...first.users, ...rest], drift);
    },
    writableFields: COMMPEAK_WRITABLE_FIELDS,
    planUpdate: planCommpeakUpdate,
    updateUser: (id, body, signal) =>
      limit(() => writeThenRead(read, () => client.updateUser(id, body, signal), () => client.getUser(id, signal))),
    async ping(signal) {
      await client.listPage(1, 1, signal);
    },
    close: () => http.close(),
  };
}
