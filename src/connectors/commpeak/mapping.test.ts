import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../errors.js';
import { createHttpClient, type HttpClient, type VendorRequest, type VendorResponse } from '../http.js';
import type { CanonicalUser, UserConnector } from '../types.js';
import { createCommpeakClient } from './client.js';
import { createCommpeakConnector } from './index.js';
import { COMMPEAK_READABLE_FIELDS, decodeCommpeakDetails, decodeCommpeakUser, isCommpeakId } from './mapping.js';
import { COMMPEAK_SANDBOX_PASSWORD, COMMPEAK_SANDBOX_USERNAME, createCommpeakSimulator } from './simulator.js';
import type { WireCommpeakUser } from './wire.js';

// CommPeak mapping tables (wire fixture → canonical value), then the client against its simulator over HTTP.

const SECRET = 'Zq7sipSecretXy42';

const wire = (overrides: Partial<WireCommpeakUser> = {}): WireCommpeakUser => ({
  id: '1042',
  username: 'jane.devries7',
  email: 'Jane.deVries@example.com',
  first_name: 'Jane',
  last_name: 'de Vries',
  sip_uri: 'sip:jane.devries7@acme.td.commpeak.com',
  virtual_extension: '4711',
  is_active: '1',
  is_deleted: '0',
  is_clockedin: '1',
  is_predictive_clockedin: '0',
  use_extended_ip_acl: '1',
  use_webrtc: '0',
  user_route_caller_id: '1',
  timezone_id: '312',
  predictive_dynamic_extension: '52001',
  default_language: 'en_US',
  max_session_time: '28800',
  max_concurrent_sessions: '2',
  twofa_type: 'google',
  member_all_skill_groups: '0',
  member_all_desks: '1',
  registration_password: SECRET,
  ...overrides,
});

describe('decodeCommpeakUser', () => {
  it('maps the canonical fields of a full user', () => {
    const user = decodeCommpeakUser(wire());
    expect(user).toMatchObject({
      vendor: 'commpeak',
      vendorUserId: '1042',
      firstName: 'Jane',
      lastName: 'de Vries',
      fullName: 'Jane de Vries',
      initials: 'JV',
      email: 'Jane.deVries@example.com',
      emails: ['Jane.deVries@example.com'],
      username: 'jane.devries7',
      status: 'ACTIVE',
      availability: 'AVAILABLE',
      language: 'en-US',
      extension: '4711',
      // CommPeak has none of these.
      phoneNumber: null,
      phoneNumbers: [],
      timeZone: null,
      jobTitle: null,
      avatarUrl: null,
      isAdmin: null,
      createdAt: null,
      updatedAt: null,
    });
  });

  it.each([
    ['0', '0', 'INACTIVE'],
    ['1', '0', 'ACTIVE'],
    ['0', '1', 'DELETED'],
    ['1', '1', 'DELETED'],
  ] as const)('is_active %s, is_deleted %s → status %s', (is_active, is_deleted, status) => {
    expect(decodeCommpeakUser(wire({ is_active, is_deleted })).status).toBe(status);
  });

  it.each([
    ['1', 'AVAILABLE'],
    ['0', 'UNAVAILABLE'],
  ] as const)('is_clockedin %s → availability %s', (is_clockedin, availability) => {
    expect(decodeCommpeakUser(wire({ is_clockedin })).availability).toBe(availability);
  });

  it.each([
    ['en_US', 'en-US'],
    ['es_ES', 'es-ES'],
    ['pt_BR', 'pt-BR'],
  ] as const)('default_language %s → language %s', (default_language, language) => {
    expect(decodeCommpeakUser(wire({ default_language })).language).toBe(language);
  });

  it.each([
    ['4711', '4711'],
    ['', null],
    ['  ', null],
  ])('virtual_extension %j → extension %j', (virtual_extension, extension) => {
    expect(decodeCommpeakUser(wire({ virtual_extension })).extension).toBe(extension);
  });

  it.each([
    [{ first_name: 'Zoë', last_name: 'van Dijk' }, { firstName: 'Zoë', lastName: 'van Dijk', fullName: 'Zoë van Dijk', initials: 'ZD' }],
    [{ first_name: 'Jane', last_name: '' }, { firstName: 'Jane', lastName: null, fullName: 'Jane', initials: 'J' }],
    [{ first_name: '', last_name: '' }, { firstName: null, lastName: null, fullName: null, initials: null }],
  ])('names %j → %j', (names, expected) => {
    expect(decodeCommpeakUser(wire(names))).toMatchObject(expected);
  });

  it('reads an empty email as no address at all', () => {
    expect(decodeCommpeakUser(wire({ email: '' }))).toMatchObject({ email: null, emails: [] });
  });

  it('types the details: flags as booleans, counts and ids as numbers', () => {
    expect(decodeCommpeakDetails(wire())).toEqual({
      vendor: 'commpeak',
      sipUri: 'sip:jane.devries7@acme.td.commpeak.com',
      isPredictiveClockedIn: false,
      useExtendedIpAcl: true,
      useWebrtc: false,
      userRouteCallerId: 1,
      timezoneId: 312,
      predictiveDynamicExtension: '52001',
      maxSessionTime: 28800,
      maxConcurrentSessions: 2,
      twofaType: 'google',
      memberAllSkillGroups: false,
      memberAllDesks: true,
    });
  });

  it.each([
    ['is_predictive_clockedin', 'isPredictiveClockedIn'],
    ['use_extended_ip_acl', 'useExtendedIpAcl'],
    ['use_webrtc', 'useWebrtc'],
    ['member_all_skill_groups', 'memberAllSkillGroups'],
    ['member_all_desks', 'memberAllDesks'],
  ] as const)('decodes the flag %s as the boolean %s', (flag, field) => {
    expect(decodeCommpeakDetails(wire({ [flag]: '0' }))[field]).toBe(false);
    expect(decodeCommpeakDetails(wire({ [flag]: '1' }))[field]).toBe(true);
  });

  it('reads empty SIP URI and predictive extension as null', () => {
    expect(decodeCommpeakDetails(wire({ sip_uri: '', predictive_dynamic_extension: '' }))).toMatchObject({ sipUri: null, predictiveDynamicExtension: null });
  });

  it('never lets registration_password out: not in raw, not in details, nowhere', () => {
    const user = decodeCommpeakUser(wire());
    const text = JSON.stringify(user);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('registration_password');
    const { registration_password: _secret, ...rest } = wire();
    expect(user.raw).toEqual(rest);
  });

  it('reports the canonical fields it fills', () => {
    expect(COMMPEAK_READABLE_FIELDS).toEqual([
      'firstName', 'lastName', 'fullName', 'initials', 'email', 'emails', 'username', 'status', 'availability', 'language', 'extension',
    ]);
  });
});

describe('isCommpeakId', () => {
  it.each([
    ['1', true],
    ['1042', true],
    ['999999999999', true],
    ['1000000000000', false],
    ['0', false],
    ['0123', false],
    ['', false],
    ['12a', false],
    ['-5', false],
    ['../admin?x=1', false],
  ])('%j → %s', (id, valid) => {
    expect(isCommpeakId(id)).toBe(valid);
  });
});

/** A transport that answers every call with `response` and keeps what it was asked. */
function fakeHttp(response: VendorResponse): { http: HttpClient; sent: VendorRequest[] } {
  const sent: VendorRequest[] = [];
  return {
    sent,
    http: {
      send: async (request) => {
        sent.push(request);
        return response;
      },
      close: async () => {},
    },
  };
}

const codeOf = (error: unknown) => (error instanceof UpstreamError ? [error.code, error.httpStatus] : error);
const ok = (body: unknown, headers: Record<string, string> = {}): VendorResponse => ({ status: 200, headers, body });

describe('createCommpeakClient', () => {
  it('encodes the id into the path', async () => {
    const { http, sent } = fakeHttp(ok(wire({ id: 'a/b' })));
    await createCommpeakClient(http, 'u', 'p').getUser('a/b');
    expect(sent[0]?.path).toBe('/api/users/a%2Fb');
  });

  it('accepts the user bare or as a one-element array', async () => {
    for (const body of [wire(), [wire()]]) {
      const { http } = fakeHttp(ok(body));
      expect(await createCommpeakClient(http, 'u', 'p').getUser('1042')).toEqual(wire());
    }
  });

  it.each([
    ['an empty array', []],
    ['two users', [wire(), wire({ id: '1043' })]],
    ['another user', wire({ id: '1043' })],
    ['a non-numeric timezone_id', wire({ timezone_id: 'Europe/Amsterdam' })],
    ['an unknown language', { ...wire(), default_language: 'nl_NL' }],
  ])('refuses %s as BAD_VENDOR_RESPONSE', async (_, body) => {
    const { http } = fakeHttp(ok(body));
    const error = await createCommpeakClient(http, 'u', 'p').getUser('1042').catch((e: unknown) => e);
    expect(codeOf(error)).toEqual(['BAD_VENDOR_RESPONSE', 200]);
  });

  it.each([
    ['missing', {}],
    ['empty', { 'x-pagination-page-count': '' }],
    ['not a number', { 'x-pagination-page-count': 'many' }],
    ['negative', { 'x-pagination-page-count': '-1' }],
  ])('refuses a list whose X-Pagination-Page-Count is %s as BAD_VENDOR_RESPONSE', async (_, headers) => {
    const { http } = fakeHttp(ok([wire()], headers));
    const error = await createCommpeakClient(http, 'u', 'p').listPage(1, 100).catch((e: unknown) => e);
    expect(codeOf(error)).toEqual(['BAD_VENDOR_RESPONSE', 200]);
  });

  it('refuses a username with a colon, which Basic auth cannot carry', () => {
    expect(() => createCommpeakClient(fakeHttp(ok(null)).http, 'a:b', 'p')).toThrow(/must not contain ":"/);
  });
});

describe('CommPeak connector against the simulator', () => {
  const sim = createCommpeakSimulator({ seed: 3, users: 30 });
  let baseUrl = '';
  let connector: UserConnector;
  const connect = (password = COMMPEAK_SANDBOX_PASSWORD) =>
    createCommpeakConnector({ baseUrl, timeoutMs: 2000, concurrency: 4, username: COMMPEAK_SANDBOX_USERNAME, password });

  beforeAll(async () => {
    baseUrl = await sim.listen();
    connector = connect();
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });
  afterEach(() => sim.reset());

  it.each([1, 100, 101, 250])('reads a directory of %i users in exactly ceil(n / 100) list calls', async (n) => {
    const big = createCommpeakSimulator({ seed: 5, users: n });
    const url = await big.listen();
    const reader = createCommpeakConnector({ baseUrl: url, timeoutMs: 2000, concurrency: 4, username: COMMPEAK_SANDBOX_USERNAME, password: COMMPEAK_SANDBOX_PASSWORD });
    try {
      const users = await reader.listAllUsers();
      expect(users).toHaveLength(n);
      expect(new Set(users.map((user) => user.vendorUserId)).size).toBe(n);
      const calls = big.requests().entries.map((entry) => `${entry.method} ${entry.url}`);
      const pages = Math.ceil(n / 100);
      expect([...calls].sort()).toEqual(Array.from({ length: pages }, (_, i) => `GET /api/users?page=${i + 1}&per-page=100`).sort());
    } finally {
      await reader.close();
      await big.close();
    }
  });

  it('sends HTTP Basic credentials on every call, and the simulator accepts them', async () => {
    const http = createHttpClient({ vendor: 'commpeak', baseUrl, timeoutMs: 2000, connections: 1 });
    const seen: VendorRequest[] = [];
    const spy: HttpClient = { send: (request) => (seen.push(request), http.send(request)), close: () => http.close() };
    const client = createCommpeakClient(spy, COMMPEAK_SANDBOX_USERNAME, COMMPEAK_SANDBOX_PASSWORD);
    const { users } = await client.listPage(1, 1);
    await client.getUser(users[0]?.id ?? '');
    await spy.close();
    const expected = `Basic ${Buffer.from(`${COMMPEAK_SANDBOX_USERNAME}:${COMMPEAK_SANDBOX_PASSWORD}`).toString('base64')}`;
    expect(seen.map((request) => request.headers?.authorization)).toEqual([expected, expected]);
    // The simulator logs the header redacted; that it was there and answered 200 is what it can show.
    expect(sim.requests().entries.map((entry) => [entry.headers.authorization, entry.status])).toEqual([['[redacted]', 200], ['[redacted]', 200]]);
  });

  it('gets users by id, decoded, without the SIP secret', async () => {
    const [first] = await connector.listAllUsers();
    const slots = await connector.getUsers([first?.vendorUserId ?? '']);
    const user = slots[0] as CanonicalUser;
    expect(user).toEqual(first);
    expect(JSON.stringify(user)).not.toContain('registration_password');
  });

  it('turns a refused password into VENDOR_ERROR 401 for every operation', async () => {
    const [first] = await connector.listAllUsers();
    const refused = connect('wrong');
    try {
      const [slot] = await refused.getUsers([first?.vendorUserId ?? '']);
      expect(codeOf(slot)).toEqual(['VENDOR_ERROR', 401]);
      expect(codeOf(await refused.listAllUsers().catch((e: unknown) => e))).toEqual(['VENDOR_ERROR', 401]);
      expect(codeOf(await refused.ping().catch((e: unknown) => e))).toEqual(['VENDOR_ERROR', 401]);
    } finally {
      await refused.close();
    }
  });

  it('answers an unknown id as NOT_FOUND 404 and an impossible one without a call', async () => {
    const slots = await connector.getUsers(['999999999', '../admin']);
    expect(slots.map(codeOf)).toEqual([['NOT_FOUND', 404], ['NOT_FOUND', null]]);
    expect(sim.requests().entries.map((entry) => entry.url)).toEqual(['/api/users/999999999']);
  });

  it('pings with one single-user list call', async () => {
    await connector.ping();
    expect(sim.requests().entries.map((entry) => `${entry.method} ${entry.url}`)).toEqual(['GET /api/users?page=1&per-page=1']);
  });
});
