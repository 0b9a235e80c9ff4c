import { createLimiter, getEach } from '../batch.js';
import { createHttpClient } from '../http.js';
import type { ConnectorOptions } from '../registry.js';
import type { CanonicalUser, UserConnector } from '../types.js';
import { writeThenRead } from '../writes.js';
import { createDialpadClient, readAllPages } from './client.js';
import { carryUnreadable, createDriftSink, readRecords } from '../drift.js';
import { decodeDialpadUser, DIALPAD_READABLE_FIELDS, DIALPAD_WRITABLE_FIELDS, holdsEmail, isDialpadId, planDialpadUpdate, readDialpadUser } from './mapping.js';
import { ReadDialpadUser } from './wire.js';

/**
 * Dialpad: one GET per user. The directory is a cursor walk, 100 per page, sequential because each
 * page names the next: ceil(users / 100) calls, one after the other. `findByEmail` is one call (a page
 * per 100 matches), `ping` one call with `limit=1`, an update one PATCH (plus one GET when the answer
 * carries no user). Every call counts against Dialpad's 20 req/s per company and 1200/min per endpoint.
 */
export function createDialpadConnector({ apiKey, ...transport }: ConnectorOptions<'dialpad'>): UserConnector {
  const { concurrency } = transport;
  const http = createHttpClient({ vendor: 'dialpad', ...transport });
  const client = createDialpadClient(http, apiKey);
  const limit = createLimiter(concurrency);
  const drift = createDriftSink('dialpad', transport);
  const read = (payload: unknown) => readDialpadUser(payload, drift);
  const readAll = (payloads: readonly unknown[]) => readRecords('dialpad', ReadDialpadUser, decodeDialpadUser, payloads, drift);

  return {
    vendor: 'dialpad',
    readableFields: DIALPAD_READABLE_FIELDS,
    getUsers: (ids, signal) =>
      getEach(ids, { vendor: 'dialpad', limit, isValidId: isDialpadId, fetchOne: async (id) => read(await client.getUser(id, signal)) }),
    async listAllUsers(signal) {
      // Each page takes its own slot, so a long walk never holds the cap against other requests.
      const users = await readAllPages((cursor) => limit(() => client.listPage(cursor, signal)));
      return readAll(users);
    },
    async findByEmail(email, signal) {
      const users = await limit(() => client.findByEmail(email, signal));
      const read = readAll(users);
      return carryUnreadable(read.filter((user) => holdsEmail(user, email)), read) as CanonicalUser[];
    },
    writableFields: DIALPAD_WRITABLE_FIELDS,
    planUpdate: planDialpadUpdate,
    updateUser: (id, body, signal) =>
      limit(() => writeThenRead(read, () => client.updateUser(id, body, signal), () => client.getUser(id, signal))),
    async ping(signal) {
      await client.listPage(undefined, signal, 1);
    },
    close: () => http.close(),
  };
}
