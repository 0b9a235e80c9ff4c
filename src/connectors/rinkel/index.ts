import { createLimiter, getEach, readPages } from '../batch.js';
import { createHttpClient } from '../http.js';
import type { ConnectorOptions } from '../registry.js';
import type { UserConnector } from '../types.js';
import { createRinkelClient, RINKEL_MAX_PER_PAGE } from './client.js';
import { writeThenRead } from '../writes.js';
import { decodeRinkelUser, isRinkelId, planRinkelUpdate, readRinkelUser, RINKEL_READABLE_FIELDS, RINKEL_WRITABLE_FIELDS } from './mapping.js';
import { createDriftSink, readRecords } from '../drift.js';
import { ReadRinkelUser } from './wire.js';

/**
 * Rinkel: one GET per user; the directory is read 50 per page, page 1 first (it says how many pages
 * there are), then the rest in parallel: ceil(users / 50) calls. An update is one PATCH (plus one GET
 * when the answer carries no user).
 */
export function createRinkelConnector({ apiKey, ...transport }: ConnectorOptions<'rinkel'>): UserConnector {
  const { concurrency } = transport;
  const http = createHttpClient({ vendor: 'rinkel', ...transport });
  const client = createRinkelClient(http, apiKey);
  const limit = createLimiter(concurrency);
  const drift = createDriftSink('rinkel', transport);
  const read = (payload: unknown) => readRinkelUser(payload, drift);

  return {
    vendor: 'rinkel',
    readableFields: RINKEL_READABLE_FIELDS,
    getUsers: (ids, signal) =>
      getEach(ids, { vendor: 'rinkel', limit, isValidId: isRinkelId, fetchOne: async (id) => read(await client.getUser(id, signal)) }),
    async listAllUsers(signal) {
      const first = await limit(() => client.listUsers(1, RINKEL_MAX_PER_PAGE, signal));
      const rest = await readPages(first.totalPages, limit, async (page) => (await client.listUsers(page, RINKEL_MAX_PER_PAGE, signal)).users);
      return readRecords('rinkel', ReadRinkelUser, decodeRinkelUser, [...first.users, ...rest], drift);
    },
    writableFields: RINKEL_WRITABLE_FIELDS,
    planUpdate: planRinkelUpdate,
    updateUser: (id, body, signal) =>
      limit(() => writeThenRead(read, () => client.updateUser(id, body, signal), () => client.getUser(id, signal))),
    async ping(signal) {
      await client.listUsers(1, 1, signal);
    },
    close: () => http.close(),
  };
}
