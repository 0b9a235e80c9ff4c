import { z } from 'zod';
import { UpstreamError, WriteRejected } from '../../errors.js';
import { failureFor, parseWire, type HttpClient } from '../http.js';
import { decodeCommpeakRejection } from './mapping.js';
import { WireCommpeakValidationErrors } from './wire.js';

/** One function per CommPeak endpoint the gateway uses; each returns validated wire shapes or throws an UpstreamError. */

/** A user payload as received; the connector reads it tolerantly (ReadCommpeakUser). */
const Payload = z.record(z.string(), z.unknown());

/** VENDORS.md: `200 User`; accept also a one-element array. */
const GetUserBody = z.union([Payload, z.tuple([Payload]).transform(([user]) => user)]);

/** The envelope (an array) is strict; the records in it are read one by one. */
const ListBody = z.array(z.unknown());

/** The id a payload names, as a string (CommPeak sends strings; a JSON integer is accepted too). */
function idOf(user: Record<string, unknown>): string | null {
  return typeof user.id === 'string' || typeof user.id === 'number' ? String(user.id) : null;
}

/** `X-Pagination-Page-Count` (VENDORS.md, *decided*): the number of pages at the requested per-page. */
const PageCount = z.string().trim().regex(/^\d+$/).transform(Number);

/** CommPeak's maximum page size (VENDORS.md: per-page 1..100). */
export const COMMPEAK_MAX_PER_PAGE = 100;

export function createCommpeakClient(http: HttpClient, username: string, password: string) {
  // RFC 7617: the user-id cannot contain a colon, or the server splits the pair in the wrong place.
  if (username.includes(':')) throw new Error('The CommPeak username must not contain ":" (HTTP Basic, RFC 7617).');
  const headers = { authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` };

  return {
    /** `GET /api/users/{id}` (VENDORS.md "get one"). */
    async getUser(id: string, signal?: AbortSignal): Promise<unknown> {
      const response = await http.send({ method: 'GET', path: `/api/users/${encodeURIComponent(id)}`, headers, signal });
      if (response.status !== 200) throw failureFor('commpeak', response);
      const user = parseWire('commpeak', GetUserBody, response);
      // The array form could be a list that ignored the id; another user in this slot would be a wrong value.
      if (idOf(user) !== id) throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor: 'commpeak', httpStatus: response.status });
      return user;
    },

    /**
     * `PUT /api/users/{id}` (seed 001): answers `200 User` (decided), or 204/empty (accepted: the
     * caller reads back). A 422 lists the refused fields; one that does not is an unexplained refusal.
     */
    async updateUser(id: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<unknown> {
      const response = await http.send({ method: 'PUT', path: `/api/users/${encodeURIComponent(id)}`, headers, body, signal });
      if (response.status === 422) {
        const errors = WireCommpeakValidationErrors.safeParse(response.body);
        if (errors.success && errors.data.length > 0) throw new WriteRejected('commpeak', 422, decodeCommpeakRejection(errors.data));
      }
      if (response.status < 200 || response.status >= 300) throw failureFor('commpeak', response);
      if (response.body === undefined) return null;
      const user = parseWire('commpeak', GetUserBody, response);
      // Another user in the answer says nothing about this one; the caller reads it back instead.
      if (idOf(user) !== id) throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor: 'commpeak', httpStatus: response.status });
      return user;
    },

    /** `GET /api/users?page=&per-page=` (VENDORS.md "list"); pages are 1-based, a page past the end is `[]`. */
    async listPage(page: number, perPage: number, signal?: AbortSignal): Promise<{ users: unknown[]; pageCount: number }> {
      const response = await http.send({ method: 'GET', path: '/api/users', query: { page, 'per-page': perPage }, headers, signal });
      if (response.status !== 200) throw failureFor('commpeak', response);
      const users = parseWire('commpeak', ListBody, response);
      // Without the page count the directory cannot be read in parallel, nor known to be complete.
      const pageCount = parseWire('commpeak', PageCount, response, response.headers['x-pagination-page-count']);
      return { users, pageCount };
    },
  };
}
