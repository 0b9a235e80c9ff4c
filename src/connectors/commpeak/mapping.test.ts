import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError, WriteRejected } from '../../errors.js';
import { createHttpClient, type HttpClient, type VendorRequest, type VendorResponse } from '../http.js';
import type { CanonicalPatch, CanonicalUser, UserConnector } from '../types.js';
import { createCommpeakClient } from './client.js';
import { createCommpeakConnector } from './index.js';
import {
  COMMPEAK_READABLE_FIELDS, COMMPEAK_WRITABLE_FIELDS, decodeCommpeakDetails, decodeCommpeakRejection, decodeCommpeakUser, encodeCommpeakPatch, isCommpeakId,
  planCommpeakUpdate, readCommpeakUser,
} from './mapping.js';
import { COMMPEAK_SANDBOX_PASSWORD, COMMPEAK_SANDBOX_USERNAME, createCommpeakSimulator } from './simulator.js';
import { WireCommpeakUserUpdate, type WireCommpeakUser } from './wire.js';

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
  ])('refuses %s as BAD_VENDOR_RESPONSE', async (_, body) => {
    const { http } = fakeHttp(ok(body));
    const error = await createCommpeakClient(http, 'u', 'p').getUser('1042').catch((e: unknown) => e);
    expect(codeOf(error)).toEqual(['BAD_VENDOR_RESPONSE', 200]);
  });

  it.each([
    ['a non-numeric timezone_id', wire({ timezone_id: 'Europe/Amsterdam' }), 'timezone_id', { details: { timezoneId: null } }],
    ['an unknown language', { ...wire(), default_language: 'nl_NL' }, 'default_language', { language: null }],
  ])('reads a user with %s, that field null, and notes the drift', async (_, body, field, expected) => {
    const { http } = fakeHttp(ok(body));
    const noted: string[] = [];
    const user = readCommpeakUser(await createCommpeakClient(http, 'u', 'p').getUser('1042'), (fields) => noted.push(...fields));
    expect(user).toMatchObject({ vendorUserId: '1042', firstName: wire().first_name, ...expected });
    expect(noted).toEqual([field]);
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
    const http = createHttpClient({ vendor: 'commpeak', baseUrl, timeoutMs: 2000, concurrency: 1 });
    const seen: VendorRequest[] = [];
    const spy: HttpClient = { send: (request) => (seen.push(request), http.send(request)), close: () => http.close() };
    const client = createCommpeakClient(spy, COMMPEAK_SANDBOX_USERNAME, COMMPEAK_SANDBOX_PASSWORD);
    const { users } = await client.listPage(1, 1);
    await client.getUser((users[0] as { id?: string } | undefined)?.id ?? '');
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

describe('write mapping', () => {
  const current = decodeCommpeakUser(wire());
  const plan = (patch: CanonicalPatch, vendorPatch?: Record<string, unknown>, user: CanonicalUser | null = null) => planCommpeakUpdate(user, patch, vendorPatch);

  it('writes the canonical fields CommPeak has, and no others', () => {
    expect(COMMPEAK_WRITABLE_FIELDS).toEqual(['firstName', 'lastName', 'email', 'status', 'availability', 'language', 'extension']);
  });

  it.each([
    [{ firstName: 'Zoë' }, { first_name: 'Zoë' }],
    [{ lastName: 'van Dijk' }, { last_name: 'van Dijk' }],
    [{ email: 'zoe@example.org' }, { email: 'zoe@example.org' }],
    [{ status: 'ACTIVE' }, { is_active: 1, is_deleted: 0 }],
    [{ status: 'INACTIVE' }, { is_active: 0 }],
    [{ availability: 'AVAILABLE' }, { is_clockedin: '1' }],
    [{ availability: 'UNAVAILABLE' }, { is_clockedin: '0' }],
    [{ language: 'en-US' }, { default_language: 'en_US' }],
    [{ language: 'es-ES' }, { default_language: 'es_ES' }],
    [{ language: 'pt-BR' }, { default_language: 'pt_BR' }],
    [{ extension: '4712' }, { virtual_extension: '4712' }],
    [{ extension: null }, { virtual_extension: '' }],
    [
      { firstName: 'Zoë', status: 'INACTIVE', availability: 'UNAVAILABLE', language: 'pt-BR', extension: '12' },
      { first_name: 'Zoë', is_active: 0, is_clockedin: '0', default_language: 'pt_BR', virtual_extension: '12' },
    ],
  ] as [CanonicalPatch, Record<string, unknown>][])('encodes %j as the PUT body %j, with the seed\'s types', (patch, body) => {
    const result = plan(patch);
    expect(result.issues).toEqual([]);
    expect(result.body).toStrictEqual(body);
    expect(WireCommpeakUserUpdate.safeParse(result.body).success).toBe(true);
  });

  it.each([
    [{ status: 'SUSPENDED' }, { field: 'status', reason: 'CommPeak cannot store SUSPENDED', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    [{ status: 'PENDING' }, { field: 'status', reason: 'CommPeak cannot store PENDING', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    [{ status: 'DELETED' }, { field: 'status', reason: 'CommPeak cannot store DELETED', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    [{ availability: 'BUSY' }, { field: 'availability', reason: 'CommPeak cannot store BUSY', acceptedValues: ['AVAILABLE', 'UNAVAILABLE'] }],
    [{ language: 'en' }, { field: 'language', reason: 'CommPeak cannot store en', acceptedValues: ['en-US', 'es-ES', 'pt-BR'] }],
    [{ language: 'nl-NL' }, { field: 'language', reason: 'CommPeak cannot store nl-NL', acceptedValues: ['en-US', 'es-ES', 'pt-BR'] }],
    [{ language: 'en_US' }, { field: 'language', reason: 'CommPeak cannot store en_US', acceptedValues: ['en-US', 'es-ES', 'pt-BR'] }],
    [{ language: 'toString' }, { field: 'language', reason: 'CommPeak cannot store toString', acceptedValues: ['en-US', 'es-ES', 'pt-BR'] }],
    [{ jobTitle: 'Agent' }, { field: 'jobTitle', reason: 'CommPeak cannot write jobTitle' }],
    [{ phoneNumber: '+31612345678' }, { field: 'phoneNumber', reason: 'CommPeak cannot write phoneNumber' }],
    [{ firstName: null }, { field: 'firstName', reason: 'CommPeak cannot clear this field' }],
    [{ lastName: null }, { field: 'lastName', reason: 'CommPeak cannot clear this field' }],
    [{ email: null }, { field: 'email', reason: 'CommPeak cannot clear this field' }],
    [{ status: null }, { field: 'status', reason: 'CommPeak cannot clear this field' }],
    [{ availability: null }, { field: 'availability', reason: 'CommPeak cannot clear this field' }],
    [{ language: null }, { field: 'language', reason: 'CommPeak cannot clear this field' }],
  ] as [CanonicalPatch, object][])('refuses %j for any account: %j', (patch, issue) => {
    const result = plan(patch);
    expect(result.issues).toStrictEqual([issue]);
    expect(result.body).toEqual({});
    expect(result.changes).toEqual([]);
  });

  it('keeps what it can write next to what it refuses (a per-person update skips the rest)', () => {
    const result = plan({ firstName: 'Zoë', jobTitle: 'Agent', language: 'en' });
    expect(result.body).toEqual({ first_name: 'Zoë' });
    expect(result.issues.map((issue) => issue.field)).toEqual(['language', 'jobTitle']);
  });

  it('restores a deleted account on ACTIVE, and refuses INACTIVE there once the account is read', () => {
    const deleted = decodeCommpeakUser(wire({ is_active: '0', is_deleted: '1' }));
    expect(plan({ status: 'ACTIVE' }, undefined, deleted)).toMatchObject({ body: { is_active: 1, is_deleted: 0 }, issues: [], changes: [{ field: 'status', before: 'DELETED', after: 'ACTIVE' }] });
    // Not before: whether the account is deleted is not known until it is read.
    expect(plan({ status: 'INACTIVE' }).issues).toEqual([]);
    expect(plan({ status: 'INACTIVE' }, undefined, deleted).issues).toEqual([
      { field: 'status', reason: 'The CommPeak account is deleted and would still read DELETED; ACTIVE restores it', acceptedValues: ['ACTIVE'] },
    ]);
    // Reading back: what the simulator stores after the body reads as asked.
    expect(decodeCommpeakUser(wire({ is_deleted: '0', is_active: '1' })).status).toBe('ACTIVE');
  });

  it('lists changes with the value the account has now', () => {
    expect(plan({ firstName: 'Zoë', availability: 'UNAVAILABLE', extension: null }, undefined, current).changes).toEqual([
      { field: 'firstName', before: 'Jane', after: 'Zoë' },
      { field: 'availability', before: 'AVAILABLE', after: 'UNAVAILABLE' },
      { field: 'extension', before: '4711', after: null },
    ]);
  });

  const FULL_PATCH = {
    username: 'zoe.vandijk',
    sipUri: 'sip:zoe@acme.td.commpeak.com',
    twofaType: 'email',
    useWebrtc: true,
    useExtendedIpAcl: false,
    userRouteCallerId: 2,
    timezoneId: 17,
    predictiveDynamicExtension: '52002',
    maxSessionTime: 3600,
    maxConcurrentSessions: 3,
    memberAllSkillGroups: true,
    memberAllDesks: false,
    isPredictiveClockedIn: true,
    registrationPassword: SECRET,
  };

  it('encodes every commpeak patch field to its wire name and the seed\'s type', () => {
    const { body, issues } = encodeCommpeakPatch(FULL_PATCH, null);
    expect(issues).toEqual([]);
    expect(body).toStrictEqual({
      username: 'zoe.vandijk',
      sip_uri: 'sip:zoe@acme.td.commpeak.com',
      twofa_type: 'email',
      use_webrtc: 1,
      use_extended_ip_acl: 0,
      user_route_caller_id: 2,
      timezone_id: 17,
      predictive_dynamic_extension: '52002',
      max_session_time: '3600',
      max_concurrent_sessions: '3',
      member_all_skill_groups: '1',
      member_all_desks: '0',
      is_predictive_clockedin: '1',
      registration_password: SECRET,
    });
    expect(WireCommpeakUserUpdate.safeParse(body).success).toBe(true);
  });

  it.each([
    ['useWebrtc', false, { use_webrtc: 0 }],
    ['useExtendedIpAcl', true, { use_extended_ip_acl: 1 }],
    ['memberAllSkillGroups', false, { member_all_skill_groups: '0' }],
    ['memberAllDesks', true, { member_all_desks: '1' }],
    ['isPredictiveClockedIn', false, { is_predictive_clockedin: '0' }],
    ['maxSessionTime', 0, { max_session_time: '0' }],
    ['twofaType', 'disabled', { twofa_type: 'disabled' }],
  ])('encodes %s %j as %j', (field, value, body) => {
    expect(encodeCommpeakPatch({ [field]: value }, null).body).toStrictEqual(body);
  });

  it('lists its changes under commpeak., before from the details (username from the user), the password as write-only', () => {
    const { changes } = encodeCommpeakPatch(FULL_PATCH, current);
    expect(changes).toEqual([
      { field: 'commpeak.username', before: 'jane.devries7', after: 'zoe.vandijk' },
      { field: 'commpeak.sipUri', before: 'sip:jane.devries7@acme.td.commpeak.com', after: 'sip:zoe@acme.td.commpeak.com' },
      { field: 'commpeak.twofaType', before: 'google', after: 'email' },
      { field: 'commpeak.useWebrtc', before: false, after: true },
      { field: 'commpeak.useExtendedIpAcl', before: true, after: false },
      { field: 'commpeak.userRouteCallerId', before: 1, after: 2 },
      { field: 'commpeak.timezoneId', before: 312, after: 17 },
      { field: 'commpeak.predictiveDynamicExtension', before: '52001', after: '52002' },
      { field: 'commpeak.maxSessionTime', before: 28800, after: 3600 },
      { field: 'commpeak.maxConcurrentSessions', before: 2, after: 3 },
      { field: 'commpeak.memberAllSkillGroups', before: false, after: true },
      { field: 'commpeak.memberAllDesks', before: true, after: false },
      { field: 'commpeak.isPredictiveClockedIn', before: false, after: true },
      { field: 'commpeak.registrationPassword', before: null, after: '[write-only]' },
    ]);
    expect(JSON.stringify(changes)).not.toContain(SECRET);
  });

  it('clears the SIP URI and the predictive extension with ""; refuses null elsewhere and values CommPeak cannot keep', () => {
    const { body, changes, issues } = encodeCommpeakPatch(
      { sipUri: null, predictiveDynamicExtension: null, username: null, timezoneId: null, useWebrtc: null, registrationPassword: ' ', maxSessionTime: -1, maxConcurrentSessions: -2, twofaType: null },
      current,
    );
    expect(body).toStrictEqual({ sip_uri: '', predictive_dynamic_extension: '' });
    expect(changes).toEqual([
      { field: 'commpeak.sipUri', before: 'sip:jane.devries7@acme.td.commpeak.com', after: null },
      { field: 'commpeak.predictiveDynamicExtension', before: '52001', after: null },
    ]);
    expect(issues).toEqual([
      { field: 'commpeak.username', reason: 'CommPeak cannot clear this field' },
      { field: 'commpeak.twofaType', reason: 'CommPeak cannot clear this field' },
      { field: 'commpeak.useWebrtc', reason: 'CommPeak cannot clear this field' },
      { field: 'commpeak.timezoneId', reason: 'CommPeak cannot clear this field' },
      { field: 'commpeak.maxSessionTime', reason: 'must be 0 or more' },
      { field: 'commpeak.maxConcurrentSessions', reason: 'must be 0 or more' },
      { field: 'commpeak.registrationPassword', reason: 'must not be empty' },
    ]);
  });

  it('plans canonical fields and the commpeak patch into one body, their issues together', () => {
    const result = plan({ availability: 'AVAILABLE', jobTitle: 'Agent' }, { useWebrtc: true, username: '' }, null);
    expect(result.body).toStrictEqual({ is_clockedin: '1', use_webrtc: 1 });
    expect(result.changes.map((change) => change.field)).toEqual(['availability', 'commpeak.useWebrtc']);
    expect(result.issues.map((issue) => issue.field)).toEqual(['jobTitle', 'commpeak.username']);
  });

  it.each([
    [[{ field: 'first_name' }], ['firstName']],
    [[{ field: 'last_name' }], ['lastName']],
    [[{ field: 'email' }], ['email']],
    [[{ field: 'is_active' }, { field: 'is_deleted' }], ['status']],
    [[{ field: 'is_clockedin' }], ['availability']],
    [[{ field: 'default_language' }], ['language']],
    [[{ field: 'virtual_extension' }], ['extension']],
    [[{ field: 'sip_uri' }, { field: 'is_predictive_clockedin' }, { field: 'registration_password' }], ['commpeak.sipUri', 'commpeak.isPredictiveClockedIn', 'commpeak.registrationPassword']],
    [[{ field: 'username' }, { field: 'max_session_time' }], ['commpeak.username', 'commpeak.maxSessionTime']],
    [[{ field: 'id' }, { field: 'some_new_field' }], ['commpeak.id', 'commpeak.someNewField']],
    [[{ field: 'constructor' }, { field: '<script>' }, { field: '' }], ['commpeak.constructor', 'commpeak']],
  ])('names the refused fields %j as %j', (errors, fields) => {
    expect(decodeCommpeakRejection(errors.map((error) => ({ ...error, message: 'vendor words' })))).toEqual(
      fields.map((field) => ({ field, reason: 'CommPeak rejected this value' })),
    );
  });

  describe('client.updateUser', () => {
    const send = async (response: VendorResponse, body: Record<string, unknown> = { first_name: 'Zoë' }) => {
      const { http, sent } = fakeHttp(response);
      const result = await createCommpeakClient(http, 'u', 'p').updateUser('1042', body).catch((e: unknown) => e);
      return { result, sent };
    };

    it('PUTs the body to /api/users/{id} with Basic auth and returns the user CommPeak answers with', async () => {
      const { result, sent } = await send(ok(wire({ first_name: 'Zoë' })));
      expect(result).toEqual(wire({ first_name: 'Zoë' }));
      expect(sent).toMatchObject([{ method: 'PUT', path: '/api/users/1042', body: { first_name: 'Zoë' }, headers: { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` } }]);
    });

    it('answers null for a 2xx without a body, so the connector reads the account back', async () => {
      expect((await send({ status: 204, headers: {}, body: undefined })).result).toBeNull();
    });

    it('refuses another user in the answer as BAD_VENDOR_RESPONSE 200', async () => {
      expect(codeOf((await send(ok(wire({ id: '7' })))).result)).toEqual(['BAD_VENDOR_RESPONSE', 200]);
    });

    it('turns a 422 into WriteRejected in canonical terms, without the vendor\'s words or the secret', async () => {
      const { result } = await send({ status: 422, headers: {}, body: [{ field: 'email', message: 'Email is not a valid email address.' }, { field: 'registration_password', message: `"${SECRET}" is too weak.` }] }, { registration_password: SECRET });
      expect(result).toBeInstanceOf(WriteRejected);
      expect((result as WriteRejected).fieldErrors).toEqual([
        { field: 'email', reason: 'CommPeak rejected this value' },
        { field: 'commpeak.registrationPassword', reason: 'CommPeak rejected this value' },
      ]);
      const text = JSON.stringify({ ...(result as WriteRejected), message: (result as WriteRejected).message });
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('valid email');
    });

    it.each([
      ['a 422 without field list', { status: 422, headers: {}, body: { name: 'Unprocessable', message: 'x', code: 0, status: 422 } }, ['VENDOR_ERROR', 422]],
      ['an empty 422 list', { status: 422, headers: {}, body: [] }, ['VENDOR_ERROR', 422]],
      ['a 404', { status: 404, headers: {}, body: { name: 'Not Found', message: 'Object not found: 1042', code: 0, status: 404 } }, ['NOT_FOUND', 404]],
      ['a 401', { status: 401, headers: {}, body: { name: 'Unauthorized', message: 'x', code: 0, status: 401 } }, ['VENDOR_ERROR', 401]],
      ['a 503', { status: 503, headers: {}, body: undefined }, ['VENDOR_UNAVAILABLE', 503]],
    ] as [string, VendorResponse, unknown][])('reports %s as %j', async (_, response, expected) => {
      expect(codeOf((await send(response)).result)).toEqual(expected);
    });
  });

  describe('against the simulator', () => {
    const sim = createCommpeakSimulator({ seed: 3, users: 5 });
    let connector: UserConnector;
    beforeAll(async () => {
      connector = createCommpeakConnector({ baseUrl: await sim.listen(), timeoutMs: 2000, concurrency: 2, username: COMMPEAK_SANDBOX_USERNAME, password: COMMPEAK_SANDBOX_PASSWORD });
    });
    afterAll(async () => {
      await connector.close();
      await sim.close();
    });

    it('writes a planned body in one PUT and returns the account as CommPeak holds it, secret left out', async () => {
      const [user] = await connector.listAllUsers();
      const id = user?.vendorUserId ?? '';
      const { body } = planCommpeakUpdate(user ?? null, { language: 'es-ES', extension: null }, { ...FULL_PATCH, username: `zoe${id}` });
      sim.clearRecords();
      const updated = await connector.updateUser(id, body);
      expect(updated).toMatchObject({ language: 'es-ES', extension: null, username: `zoe${id}`, details: { twofaType: 'email', useWebrtc: true, maxSessionTime: 3600 } });
      expect(JSON.stringify(updated)).not.toContain(SECRET);
      expect(sim.ledger().entries).toMatchObject([{ method: 'PUT', url: `/api/users/${id}`, applied: true, status: 200 }]);
    });

    it('maps a refusal only CommPeak makes to the canonical field, and applies nothing', async () => {
      const [user] = await connector.listAllUsers();
      sim.clearRecords();
      const error = await connector.updateUser(user?.vendorUserId ?? '', { email: 'jane@localhost', first_name: 'Zoë' }).catch((e: unknown) => e);
      expect((error as WriteRejected).fieldErrors).toEqual([{ field: 'email', reason: 'CommPeak rejected this value' }]);
      expect(sim.ledger().entries).toMatchObject([{ applied: false, status: 422 }]);
    });
  });
});
