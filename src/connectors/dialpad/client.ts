import { z } from 'zod';
import { UpstreamError, WriteRejected } from '../../errors.js';
import { failureFor, parseWire, type HttpClient } from '../http.js';
import { decodeDialpadRejection } from './mapping.js';
import { WireDialpadError } from './wire.js';

/** One function per Dialpad endpoint the gateway uses; each returns validated wire shapes or throws an UpstreamError. */

/** Dialpad's maximum (and default) page size (VENDORS.md: `limit` ≤ 100). */
export const DIALPAD_MAX_LIMIT = 100;

/** A user payload as received; the connector reads it tolerantly (ReadDialpadUser). */
const Payload = z.record(z.string(), z.unknown());

/** `{"items": [User], "cursor": "..."}`; the last page has no cursor (accept also null or empty). */
const ListBody = z.object({
  // The envelope is strict; the records in it are read one by one.
  items: z.array(z.unknown()),
  cursor: z.string().nullish().transform((cursor) => cursor || null),
});

export interface DialpadPage {
  /** As received. */
  users: unknown[];
  /** Where the next page starts; null on the last page. */
  cursor: string | null;
}

/**
 * Follows cursors from the first page to the last. Pages are sequential by nature (each names the
 * next), and a cursor seen twice would loop forever, so it is an unreadable response instead.
 */
export async function readAllPages(fetchPage: (cursor: string | undefined) => Promise<DialpadPage>): Promise<unknown[]> {
  const users: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    users.push(...page.users);
    cursor = page.cursor ?? undefined;
    if (cursor !== undefined && seen.has(cursor)) {
      throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor: 'dialpad', httpStatus: 200, cause: new Error(`cursor ${cursor} repeats`) });
    }
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
  return users;
}

export function createDialpadClient(http: HttpClient, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}` };

  /** `GET /api/v2/users` with filters. `state=all` always: the default state filter is not documented. */
  async function list(query: { email?: string; cursor?: string; limit?: number }, signal?: AbortSignal): Promise<DialpadPage> {
    const { email, cursor, limit } = query;
    const response = await http.send({ method: 'GET', path: '/api/v2/users', query: { email, limit, state: 'all', cursor }, headers, signal });
    if (response.status !== 200) throw failureFor('dialpad', response);
    const body = parseWire('dialpad', ListBody, response);
    return { users: body.items, cursor: body.cursor };
  }

  return {
    /** `GET /api/v2/users/{id}` (VENDORS.md "Dialpad": `200 User`, bare). */
    async getUser(id: string, signal?: AbortSignal): Promise<unknown> {
      const response = await http.send({ method: 'GET', path: `/api/v2/users/${encodeURIComponent(id)}`, headers, signal });
      if (response.status !== 200) throw failureFor('dialpad', response);
      return parseWire('dialpad', Payload, response);
    },

    /**
     * `PATCH /api/v2/users/{id}` (seed 003): answers `200 User`, bare; an empty 2xx is accepted (the
     * caller reads back). A 400 `{"error": {"message"}}` names the refused fields first in its sentences.
     */
    async updateUser(id: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<unknown> {
      const response = await http.send({ method: 'PATCH', path: `/api/v2/users/${encodeURIComponent(id)}`, headers, body, signal });
      if (response.status === 400) {
        const error = WireDialpadError.safeParse(response.body);
        throw new WriteRejected('dialpad', 400, decodeDialpadRejection(error.success ? error.data.error.message : ''));
      }
      if (response.status < 200 || response.status >= 300) throw failureFor('dialpad', response);
      return response.body === undefined ? null : parseWire('dialpad', Payload, response);
    },

    /** `GET /api/v2/users?limit=&state=all[&cursor=]`: one page of every user, whatever their state. */
    listPage(cursor: string | undefined, signal?: AbortSignal, limit = DIALPAD_MAX_LIMIT): Promise<DialpadPage> {
      return list({ limit, cursor }, signal);
    },

    /**
     * `GET /api/v2/users?email=&state=all[&cursor=]`: the accounts holding this address among their
     * `emails` (any of them, not only the primary); normally one page.
     */
    findByEmail(email: string, signal?: AbortSignal): Promise<unknown[]> {
      return readAllPages((cursor) => list({ email, cursor }, signal));
    },
  };
}

export type DialpadClient = ReturnType<typeof createDialpadClient>;
