import { z } from 'zod';
import { WriteRejected } from '../../errors.js';
import { failureFor, parseWire, type HttpClient } from '../http.js';
import { decodeRinkelRejection } from './mapping.js';
import { WireRinkelError } from './wire.js';

/**
 * One function per Rinkel endpoint the gateway uses; each checks the envelope and returns the user
 * payloads as received (the connector reads each tolerantly), or throws an UpstreamError.
 */

const Payload = z.record(z.string(), z.unknown());

/** Seed 002 documents `{"data": User}`; VENDORS.md asks us to accept the bare user too. */
const GetUserBody = z.union([z.object({ data: Payload }).transform((body) => body.data), Payload]);

/** The envelope is strict; the records in it are read one by one. */
const ListBody = z.object({
  data: z.array(z.unknown()),
  meta: z.object({ pagination: z.object({ totalItems: z.number(), totalPages: z.number().int().min(0), currentPage: z.number(), perPage: z.number() }) }),
});

/** Rinkel's maximum page size (VENDORS.md: perPage above 50 → 400). */
export const RINKEL_MAX_PER_PAGE = 50;

export function createRinkelClient(http: HttpClient, apiKey: string) {
  const headers = { 'x-rinkel-api-key': apiKey };
  return {
    /** `GET /users/{id}` (seed 002). */
    async getUser(id: string, signal?: AbortSignal): Promise<unknown> {
      const response = await http.send({ method: 'GET', path: `/users/${encodeURIComponent(id)}`, headers, signal });
      if (response.status !== 200) throw failureFor('rinkel', response);
      return parseWire('rinkel', GetUserBody, response);
    },

    /**
     * `PATCH /users/{id}` (seed 000): nested objects merge. Answers `{"data": User}` (decided), or
     * 204/empty (accepted: the caller reads back). A 400 names the refused fields.
     */
    async updateUser(id: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<unknown> {
      const response = await http.send({ method: 'PATCH', path: `/users/${encodeURIComponent(id)}`, headers, body, signal });
      if (response.status === 400) {
        const error = WireRinkelError.safeParse(response.body);
        throw new WriteRejected('rinkel', 400, decodeRinkelRejection(error.success ? error.data.message : ''));
      }
      if (response.status < 200 || response.status >= 300) throw failureFor('rinkel', response);
      return response.body === undefined ? null : parseWire('rinkel', GetUserBody, response);
    },

    /** `GET /users?page=&perPage=` (VENDORS.md "list"); pages are 1-based. */
    async listUsers(page: number, perPage: number, signal?: AbortSignal): Promise<{ users: unknown[]; totalPages: number }> {
      const response = await http.send({ method: 'GET', path: '/users', query: { page, perPage }, headers, signal });
      if (response.status !== 200) throw failureFor('rinkel', response);
      const body = parseWire('rinkel', ListBody, response);
      return { users: body.data, totalPages: body.meta.pagination.totalPages };
    },
  };
}
