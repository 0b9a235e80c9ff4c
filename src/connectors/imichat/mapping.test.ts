import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError, WriteRejected } from '../../errors.js';
import type { HttpClient, VendorResponse } from '../http.js';
import type { CanonicalPatch, CanonicalUser, UserSlot } from '../types.js';
import { createImichatClient } from './client.js';
import { createImichatConnector, type ImichatConnector, type ImichatTuning } from './index.js';
import {
  decodeImichatRejection, decodeImichatUser, encodeImichatPatch, IMICHAT_READABLE_FIELDS, IMICHAT_WRITABLE_FIELDS, isImichatId, planImichatUpdate,
} from './mapping.js';
import { createImichatSimulator, IMICHAT_SANDBOX_DOMAIN, IMICHAT_SANDBOX_KEY, IMICHAT_SANDBOX_TEAM_ID } from './simulator.js';
import type { ImichatToken } from './token.js';
import type { WireImichatUser } from './wire.js';

// IMIchat mapping tables (wire fixture → canonical value), then token, client and connector against the simulator over HTTP.

const wire = (overrides: Partial<WireImichatUser> = {}): WireImichatUser => ({
  id: 10042,
  created_at: '2021-03-04T05:06:07Z',
  updated_at: '2024-11-12T13:14:15Z',
  first_name: 'Jane',
  last_name: 'de Vries',
  login_id: 'jane.devries',
  email_id: 'Jane.deVries@example.com',
  status: 'active',
  logged_in: true,
  job_description: 'Team lead',
  login_using_email: true,
  role_type: 'Customer Care',
  accepting_chats: true,
  skill_attributes: { billing: 7, sales: 2 },
  custom_attributes: { business: 'Enterprise', location: 'Amsterdam', cost_center: 'CC-123' },
  active_chats: 3,
  ...overrides,
});

describe('decodeImichatUser', () => {
  it('maps the canonical fields of a full user', () => {
    const source = wire();
    const user = decodeImichatUser(source);
    expect(user).toEqual({
      vendor: 'imichat',
      vendorUserId: '10042',
      firstName: 'Jane',
      lastName: 'de Vries',
      fullName: 'Jane de Vries',
      initials: 'JV',
      email: 'Jane.deVries@example.com',
      emails: ['Jane.deVries@example.com'],
      username: 'jane.devries',
      phoneNumber: null,
      phoneNumbers: [],
      status: 'ACTIVE',
      availability: 'AVAILABLE',
      language: null,
      timeZone: null,
      jobTitle: 'Team lead',
      extension: null,
      avatarUrl: null,
      isAdmin: false,
      createdAt: new Date('2021-03-04T05:06:07Z'),
      updatedAt: new Date('2024-11-12T13:14:15Z'),
      details: {
        vendor: 'imichat',
        loggedIn: true,
        loginUsingEmail: true,
        roleType: 'Customer Care',
        skillAttributes: { billing: 7, sales: 2 },
        customAttributes: { business: 'Enterprise', location: 'Amsterdam', cost_center: 'CC-123' },
        activeChats: 3,
      },
      raw: source,
    });
    expect(user.raw).toBe(source);
  });

  it.each([
    ['status active', { status: 'active' }, { status: 'ACTIVE' }],
    ['status inactive', { status: 'inactive' }, { status: 'INACTIVE' }],
    ['accepting chats', { accepting_chats: true }, { availability: 'AVAILABLE' }],
    ['not accepting chats', { accepting_chats: false, logged_in: false }, { availability: 'UNAVAILABLE', details: expect.objectContaining({ loggedIn: false }) }],
    ['role Customer Care', { role_type: 'Customer Care' }, { isAdmin: false, details: expect.objectContaining({ roleType: 'Customer Care' }) }],
    ['role Administrative', { role_type: 'Administrative' }, { isAdmin: true, details: expect.objectContaining({ roleType: 'Administrative' }) }],
    ['an offset date', { created_at: '2022-01-01T02:00:00+02:00' }, { createdAt: new Date('2022-01-01T00:00:00Z') }],
    ['an unreadable date', { updated_at: 'yesterday' }, { updatedAt: null }],
    ['an empty job description', { job_description: '' }, { jobTitle: null }],
    ['an empty email', { email_id: '' }, { email: null, emails: [] }],
    ['an empty last name', { last_name: ' ' }, { lastName: null, fullName: 'Jane', initials: 'J' }],
    ['a one-word last name', { first_name: 'lars', last_name: 'Nilsson' }, { fullName: 'lars Nilsson', initials: 'LN' }],
    ['empty attributes', { skill_attributes: {}, custom_attributes: {} }, { details: expect.objectContaining({ skillAttributes: {}, customAttributes: {} }) }],
    ['no active chats', { active_chats: 0 }, { details: expect.objectContaining({ activeChats: 0 }) }],
    ['login with the login id', { login_using_email: false }, { details: expect.objectContaining({ loginUsingEmail: false }) }],
  ] as const)('maps %s', (_, overrides, expected) => {
    expect(decodeImichatUser(wire(overrides as Partial<WireImichatUser>))).toMatchObject(expected);
  });

  it('reports exactly the canonical fields its table fills', () => {
    expect(IMICHAT_READABLE_FIELDS).toEqual([
      'firstName', 'lastName', 'fullName', 'initials', 'email', 'emails', 'username',
      'status', 'availability', 'jobTitle', 'isAdmin', 'createdAt', 'updatedAt',
    ]);
  });
});

describe('isImichatId', () => {
  it.each([
    ['10042', true], ['1', true], ['999999999999999', true],
    ['0', false], ['010042', false], ['-1', false], ['10042.5', false], ['1e5', false], ['', false],
    ['1000000000000000', false], ['../admin', false], [' 10042', false],
  ])('%j → %s', (id, valid) => {
    expect(isImichatId(id)).toBe(valid);
  });
});

describe('client', () => {
  const refusal = (status: number, code: number): VendorResponse => ({ status, headers: {}, body: { status_code: code, description: 'refused', response: null } });
  const fakeHttp = (answer: () => VendorResponse, sent: string[]): HttpClient => ({
    send: async (request) => {
      sent.push(request.headers?.access_token ?? '');
      return answer();
    },
    close: async () => {},
  });
  const fakeToken = (renewed: string[]): ImichatToken => ({
    get: async () => 't1',
    renew: async (stale) => {
      renewed.push(stale);
      return 't2';
    },
  });

  it.each([
    ['expired (401 / 2004)', 401, 2004],
    ['invalid (400 / 2003)', 400, 2003],
  ])('repeats a call refused as %s once with a new token, then gives up', async (_, status, code) => {
    const sent: string[] = [];
    const renewed: string[] = [];
    const client = createImichatClient(fakeHttp(() => refusal(status, code), sent), fakeToken(renewed), '1');
    const error = await client.getUser('10042').catch((e: unknown) => e);
    expect(sent).toEqual(['t1', 't2']);
    expect(renewed).toEqual(['t1']);
    expect(error).toMatchObject({ code: 'VENDOR_ERROR', httpStatus: status });
  });

  it('does not authorize again for other refusals', async () => {
    const sent: string[] = [];
    const client = createImichatClient(fakeHttp(() => refusal(404, 2010), sent), fakeToken([]), '1');
    await expect(client.listPage(1)).rejects.toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    expect(sent).toEqual(['t1']);
  });

  it('takes the wait of a 429 without Retry-After from Rate-Limit-Reset', async () => {
    const answer = (): VendorResponse => ({ ...refusal(429, 2008), headers: { 'rate-limit-limit': '10000', 'rate-limit-remaining': '0', 'rate-limit-reset': '5400' } });
    const client = createImichatClient(fakeHttp(answer, []), fakeToken([]), '1');
    await expect(client.getUser('10042')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 5400 });
    expect(client.quota()).toMatchObject({ limit: 10000, remaining: 0, resetSeconds: 5400 });
  });

  it('reads a 200 without the success envelope as BAD_VENDOR_RESPONSE', async () => {
    const client = createImichatClient(fakeHttp(() => ({ status: 200, headers: {}, body: { status_code: 3101, description: 'x', response: null } }), []), fakeToken([]), '1');
    await expect(client.getUser('10042')).rejects.toMatchObject({ code: 'BAD_VENDOR_RESPONSE', httpStatus: 200 });
  });
});

describe('against the simulator', () => {
  const START = Date.UTC(2025, 5, 2, 9, 0, 0);
  let clock = START;
  // 195 users: 20 pages, the last one short.
  const sim = createImichatSimulator({ seed: 5, users: 195, now: () => clock });
  let ids: string[] = [];
  const open: ImichatConnector[] = [];

  const connect = (options: Partial<Parameters<typeof createImichatConnector>[0]> & ImichatTuning = {}) => {
    const connector = createImichatConnector({
      baseUrl: sim.url ?? '', timeoutMs: 2000, concurrency: 8,
      apiKey: IMICHAT_SANDBOX_KEY, domain: IMICHAT_SANDBOX_DOMAIN, teamId: IMICHAT_SANDBOX_TEAM_ID, ...options,
    });
    open.push(connector);
    return connector;
  };
  const calls = () => sim.requests().entries.map((entry) => `${entry.method} ${entry.url} ${entry.status}`);
  const authorizations = () => sim.requests().entries.filter((entry) => entry.url === '/authorize').length;
  const usersOf = (slots: UserSlot[]) => slots.map((slot) => (slot instanceof Error ? slot : slot.vendorUserId));

  beforeAll(async () => {
    await sim.listen();
    ids = (await connect().listAllUsers()).map((user) => user.vendorUserId);
  });
  afterAll(async () => {
    await Promise.all(open.map((connector) => connector.close()));
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    clock = START;
  });

  it('authorizes once for 50 concurrent calls on a cold start', async () => {
    const connector = connect({ concurrency: 50 });
    const wanted = ids.slice(0, 50);
    const results = await Promise.all(wanted.map((id) => connector.getUsers([id])));
    expect(results.flat().map((slot) => (slot as CanonicalUser).vendorUserId)).toEqual(wanted);
    expect(authorizations()).toBe(1);
    expect(calls().filter((call) => call.startsWith('GET /users/'))).toHaveLength(50);
    const authorize = sim.requests().entries.find((entry) => entry.url === '/authorize');
    expect(authorize?.headers.key).toBe('[redacted]');
  });

  it('authorizes once more when the token expired, and repeats each refused call once', async () => {
    const connector = connect({ concurrency: 20 });
    await connector.getUsers([ids[0] ?? '']);
    // The vendor's clock moves past the hour; the connector's own clock does not, so it meets 401 / 2004.
    clock += 3601_000;
    sim.clearRecords();
    const wanted = ids.slice(0, 20);
    expect(usersOf(await connector.getUsers(wanted))).toEqual(wanted);
    expect(authorizations()).toBe(1);
    const gets = calls().filter((call) => call.startsWith('GET /users/'));
    expect(gets.filter((call) => call.endsWith(' 401'))).toHaveLength(20);
    expect(gets.filter((call) => call.endsWith(' 200'))).toHaveLength(20);
  });

  it('renews the token before its lifetime ends, without meeting a 401', async () => {
    const connector = connect({ now: () => clock });
    await connector.getUsers([ids[0] ?? '']);
    clock += 3540_000;
    await connector.getUsers([ids[1] ?? '']);
    expect(calls()).toEqual(['GET /authorize 200', `GET /users/${ids[0]} 200`, 'GET /authorize 200', `GET /users/${ids[1]} 200`]);
  });

  it('follows a token lifetime shortened through the admin settings', async () => {
    await fetch(`${sim.url}/__admin/settings`, { method: 'PATCH', body: JSON.stringify({ tokenTtlSeconds: 60 }) });
    const connector = connect();
    await connector.getUsers([ids[0] ?? '']);
    clock += 61_000;
    expect(usersOf(await connector.getUsers([ids[1] ?? '']))).toEqual([ids[1]]);
    expect(calls()).toEqual(['GET /authorize 200', `GET /users/${ids[0]} 200`, `GET /users/${ids[1]} 401`, 'GET /authorize 200', `GET /users/${ids[1]} 200`]);
  });

  it('reports a refused key as VENDOR_ERROR with its status, once per batch, and does not cache the refusal', async () => {
    const connector = connect({ apiKey: 'wrong-key' });
    const slots = await connector.getUsers(ids.slice(0, 5));
    for (const slot of slots) expect(slot).toMatchObject({ code: 'VENDOR_ERROR', httpStatus: 400 });
    expect(JSON.stringify((slots[0] as UpstreamError).toJSON())).not.toContain('wrong-key');
    expect(authorizations()).toBe(1);
    await connector.getUsers([ids[0] ?? '']);
    expect(authorizations()).toBe(2);
    expect(calls().some((call) => call.startsWith('GET /users'))).toBe(false);
  });

  it('reports an unreachable /authorize as VENDOR_UNAVAILABLE', async () => {
    const connector = connect({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 500 });
    await expect(connector.ping()).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', httpStatus: null });
  });

  it('keeps the latest Rate-Limit-* values IMIchat sent', async () => {
    const connector = connect();
    expect(connector.quota()).toBeNull();
    await connector.getUsers([ids[0] ?? '']);
    expect(connector.quota()).toMatchObject({ limit: 10_000, remaining: 9_998, resetSeconds: 86_400 });
    await connector.ping();
    expect(connector.quota()).toMatchObject({ limit: 10_000, remaining: 9_997 });
  });

  it('reports the spent daily quota (429 / 2008) as RATE_LIMITED with its wait', async () => {
    await fetch(`${sim.url}/__admin/settings`, { method: 'PATCH', body: JSON.stringify({ dailyQuota: 3 }) });
    const connector = connect({ concurrency: 1 });
    const slots = await connector.getUsers(ids.slice(0, 3));
    expect(usersOf(slots.slice(0, 2))).toEqual(ids.slice(0, 2));
    expect(slots[2]).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429, retryAfterSeconds: 86_400 });
    expect(connector.quota()).toMatchObject({ limit: 3, remaining: 0 });
  });

  it.each([
    [4, 20],
    [3, 21],
    [7, 21],
    [20, 20],
  ])('reads the directory in windows of %i pages: %i page calls, users in page order', async (concurrency, pages) => {
    const connector = connect({ concurrency });
    const users = await connector.listAllUsers();
    expect(users.map((user) => user.vendorUserId)).toEqual(ids);
    expect(ids).toHaveLength(195);
    const pageCalls = calls().filter((call) => call.startsWith('GET /users?page='));
    expect(pageCalls.map((call) => Number(/page=(\d+)/.exec(call)?.[1])).sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect(authorizations()).toBe(1);
  });

  it('fails loudly instead of paging past maxPages', async () => {
    const connector = connect({ concurrency: 4, maxPages: 6 });
    await expect(connector.listAllUsers()).rejects.toMatchObject({ code: 'VENDOR_ERROR', message: expect.stringContaining('more than 60 users') });
    expect(calls().filter((call) => call.startsWith('GET /users?page='))).toHaveLength(6);
  });
});

describe('write mapping', () => {
  const current = decodeImichatUser(wire());

  it('writes exactly firstName, lastName, status and jobTitle', () => {
    expect(IMICHAT_WRITABLE_FIELDS).toEqual(['firstName', 'lastName', 'status', 'jobTitle']);
  });

  it.each([
    ['firstName', { firstName: 'Janneke' }, { first_name: 'Janneke' }],
    ['lastName', { lastName: 'Visser' }, { last_name: 'Visser' }],
    ['status ACTIVE', { status: 'ACTIVE' }, { status: 'active' }],
    ['status INACTIVE', { status: 'INACTIVE' }, { status: 'inactive' }],
    ['jobTitle', { jobTitle: 'Billing specialist' }, { job_description: 'Billing specialist' }],
    ['jobTitle null (clears)', { jobTitle: null }, { job_description: '' }],
    ['several fields', { firstName: 'Jan', lastName: 'Smit', status: 'INACTIVE', jobTitle: 'Team lead' }, { first_name: 'Jan', last_name: 'Smit', status: 'inactive', job_description: 'Team lead' }],
    ['nothing', {}, {}],
  ] as const)('encodes %s', (_, patch, body) => {
    // Planned before the account is read: what is sent for any account (a value held is no change, below).
    const plan = planImichatUpdate(null, patch as CanonicalPatch, undefined);
    expect(plan.issues).toEqual([]);
    expect(plan.body).toEqual(body);
  });

  it('sends nothing and lists no change for values the account already holds', () => {
    expect(planImichatUpdate(current, { status: 'ACTIVE', jobTitle: 'Team lead', firstName: 'Jane' }, undefined)).toEqual({ body: {}, changes: [], issues: [] });
    expect(planImichatUpdate(current, { status: 'ACTIVE', firstName: 'Janneke' }, undefined)).toMatchObject({ body: { first_name: 'Janneke' }, changes: [{ field: 'firstName' }] });
  });

  it('lists each change with the value before and the value asked for', () => {
    const plan = planImichatUpdate(current, { firstName: 'Janneke', status: 'INACTIVE', jobTitle: null }, undefined);
    expect(plan.changes).toEqual([
      { field: 'firstName', before: 'Jane', after: 'Janneke' },
      { field: 'status', before: 'ACTIVE', after: 'INACTIVE' },
      { field: 'jobTitle', before: 'Team lead', after: null },
    ]);
  });

  it.each([
    ['email', { email: 'jane@example.com' }, { field: 'email', reason: 'IMIchat cannot write email' }],
    ['phoneNumber', { phoneNumber: '+31201234567' }, { field: 'phoneNumber', reason: 'IMIchat cannot write phoneNumber' }],
    ['availability', { availability: 'AVAILABLE' }, { field: 'availability', reason: 'IMIchat cannot write availability' }],
    ['language', { language: 'en' }, { field: 'language', reason: 'IMIchat cannot write language' }],
    ['extension', { extension: '201' }, { field: 'extension', reason: 'IMIchat cannot write extension' }],
    ['status SUSPENDED', { status: 'SUSPENDED' }, { field: 'status', reason: 'IMIchat cannot store SUSPENDED', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    ['status DELETED', { status: 'DELETED' }, { field: 'status', reason: 'IMIchat cannot store DELETED', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    ['status null', { status: null }, { field: 'status', reason: 'IMIchat cannot clear this field' }],
    ['firstName null', { firstName: null }, { field: 'firstName', reason: 'IMIchat cannot clear this field' }],
    ['lastName null', { lastName: null }, { field: 'lastName', reason: 'IMIchat cannot clear this field' }],
  ] as const)('refuses %s for any account, before it is read', (_, patch, issue) => {
    for (const account of [null, current]) {
      const plan = planImichatUpdate(account, patch as CanonicalPatch, undefined);
      expect(plan.issues).toEqual([issue]);
      expect(plan.body).toEqual({});
      expect(plan.changes).toEqual([]);
    }
  });

  it('keeps the writable fields of a patch that also holds refused ones', () => {
    const plan = planImichatUpdate(current, { firstName: 'Jan', email: 'jan@example.com' }, undefined);
    expect(plan.body).toEqual({ first_name: 'Jan' });
    expect(plan.issues.map((issue) => issue.field)).toEqual(['email']);
  });

  it('encodes the imichat patch to the update body, attribute maps as given', () => {
    const input = { customAttributes: { business: 'Consumer', cost_center: null }, skillAttributes: { returns: 4, sales: null }, loginUsingEmail: false };
    const plan = planImichatUpdate(current, { jobTitle: 'Agent' }, input);
    expect(plan.issues).toEqual([]);
    expect(plan.body).toEqual({
      job_description: 'Agent',
      custom_attributes: { business: 'Consumer', cost_center: null },
      skill_attributes: { returns: 4, sales: null },
      login_using_email: false,
    });
  });

  it('lists one change per attribute map, after as IMIchat merges it', () => {
    const input = { customAttributes: { business: 'Consumer', cost_center: null }, skillAttributes: { returns: 4, sales: null }, loginUsingEmail: false };
    expect(encodeImichatPatch(input, current).changes).toEqual([
      {
        field: 'imichat.customAttributes',
        before: { business: 'Enterprise', location: 'Amsterdam', cost_center: 'CC-123' },
        after: { business: 'Consumer', location: 'Amsterdam' },
      },
      { field: 'imichat.skillAttributes', before: { billing: 7, sales: 2 }, after: { billing: 7, returns: 4 } },
      { field: 'imichat.loginUsingEmail', before: true, after: false },
    ]);
    // Before the account is read, `after` is what was asked.
    expect(encodeImichatPatch({ skillAttributes: { returns: 4 } }, null).changes).toEqual([{ field: 'imichat.skillAttributes', before: null, after: { returns: 4 } }]);
  });

  it.each([
    ['loginUsingEmail', { loginUsingEmail: null }, 'IMIchat cannot clear this field'],
    ['customAttributes', { customAttributes: null }, 'IMIchat cannot clear all attributes at once; set a key to null to remove it'],
    ['skillAttributes', { skillAttributes: null }, 'IMIchat cannot clear all attributes at once; set a key to null to remove it'],
  ])('refuses %s: null', (key, input, reason) => {
    for (const account of [null, current]) {
      const plan = planImichatUpdate(account, {}, input);
      expect(plan.issues).toEqual([{ field: `imichat.${key}`, reason }]);
      expect(plan.body).toEqual({});
    }
  });

  it.each([
    [3107, "The value provided for the custom attribute 'business' is not valid.", [{ field: 'imichat.customAttributes.business', reason: 'IMIchat rejected this value', acceptedValues: ['Consumer', 'Small Business', 'Enterprise', 'Public Sector'] }]],
    [3110, "The value provided for the custom attribute 'location' is not valid.", [{ field: 'imichat.customAttributes.location', reason: 'IMIchat rejected this value', acceptedValues: ['Amsterdam', 'Brussels', 'Madrid', 'Stockholm', 'Remote'] }]],
    [3114, 'Request body not provided', [{ field: 'patch', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: first_name Too small: expected string to have >=1 characters', [{ field: 'firstName', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: last_name must be a string', [{ field: 'lastName', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: status must be one of the following values: active, inactive', [{ field: 'status', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: job_description must be a string; job_description is too long', [{ field: 'jobTitle', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: login_using_email must be a boolean', [{ field: 'imichat.loginUsingEmail', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: skill_attributes.returns must be a string, a number or a boolean', [{ field: 'imichat.skillAttributes.returns', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: property email_id should not exist', [{ field: 'imichat.emailId', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid: Something went wrong; sorry', [{ field: 'patch', reason: 'IMIchat rejected this value' }]],
    [3115, 'Request is invalid', [{ field: 'patch', reason: 'IMIchat rejected this value' }]],
  ] as const)('decodes rejection %i %j', (code, description, issues) => {
    expect(decodeImichatRejection(code, description)).toEqual(issues);
  });

  it.each([[3101], [2003], [2004], [2007], [3104]])('leaves code %i to the HTTP status', (code) => {
    expect(decodeImichatRejection(code, 'x')).toBeNull();
  });
});

describe('client updateUser', () => {
  const envelope = (status: number, code: number, response: unknown = null, description = 'x'): VendorResponse => ({ status, headers: {}, body: { status_code: code, description, response } });
  const scripted = (answers: VendorResponse[], sent: { method: string; path: string; token: string; body: unknown }[]): HttpClient => ({
    send: async (request) => {
      sent.push({ method: request.method, path: request.path, token: request.headers?.access_token ?? '', body: request.body });
      return answers.shift() ?? envelope(500, 2007);
    },
    close: async () => {},
  });
  const token: ImichatToken = { get: async () => 't1', renew: async () => 't2' };

  it('PUTs the body with the token headers and returns the user of envelope 4309', async () => {
    const sent: { method: string; path: string; token: string; body: unknown }[] = [];
    const client = createImichatClient(scripted([envelope(200, 4309, wire({ first_name: 'Jan' }))], sent), token, '1');
    expect(await client.updateUser('10042', { first_name: 'Jan' })).toMatchObject({ id: 10042, first_name: 'Jan' });
    expect(sent).toEqual([{ method: 'PUT', path: '/users/10042', token: 't1', body: { first_name: 'Jan' } }]);
  });

  it.each([
    ['expired (401 / 2004)', 401, 2004],
    ['invalid (400 / 2003)', 400, 2003],
  ])('repeats a write refused as %s once with a new token', async (_, status, code) => {
    const sent: { method: string; path: string; token: string; body: unknown }[] = [];
    const client = createImichatClient(scripted([envelope(status, code), envelope(200, 4309, wire())], sent), token, '1');
    await client.updateUser('10042', { status: 'inactive' });
    expect(sent.map((request) => `${request.method} ${request.path} ${request.token}`)).toEqual(['PUT /users/10042 t1', 'PUT /users/10042 t2']);
  });

  it('returns null for 4309 without a user, so the connector reads back', async () => {
    const client = createImichatClient(scripted([envelope(200, 4309, null)], []), token, '1');
    expect(await client.updateUser('10042', { status: 'inactive' })).toBeNull();
  });

  it('turns 3107 into WriteRejected on the canonical-scoped field', async () => {
    const client = createImichatClient(scripted([envelope(400, 3107, null, 'secret vendor words')], []), token, '1');
    const error = await client.updateUser('10042', { custom_attributes: { business: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteRejected);
    expect(error).toMatchObject({ vendor: 'imichat', httpStatus: 400, fieldErrors: [{ field: 'imichat.customAttributes.business' }] });
    expect(JSON.stringify(error)).not.toContain('secret vendor words');
  });

  it.each([
    ['3101 (404)', envelope(404, 3101), { code: 'NOT_FOUND', httpStatus: 404 }],
    ['3104 (500)', envelope(500, 3104), { code: 'VENDOR_ERROR', httpStatus: 500 }],
    ['2002 (400)', envelope(400, 2002), { code: 'VENDOR_ERROR', httpStatus: 400 }],
    ['a 400 without an envelope', { status: 400, headers: {}, body: undefined }, { code: 'VENDOR_ERROR', httpStatus: 400 }],
    ['a 200 with another code', envelope(200, 4306, wire()), { code: 'BAD_VENDOR_RESPONSE', httpStatus: 200 }],
  ])('reports %s as an UpstreamError', async (_, answer, expected) => {
    const client = createImichatClient(scripted([answer as VendorResponse], []), token, '1');
    const error = await client.updateUser('10042', { status: 'inactive' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject(expected);
  });
});

describe('writes against the simulator', () => {
  let clock = Date.UTC(2025, 5, 2, 9, 0, 0);
  const sim = createImichatSimulator({ seed: 5, users: 20, now: () => clock });
  let connector: ImichatConnector;
  let id = '';

  beforeAll(async () => {
    await sim.listen();
    connector = createImichatConnector({
      baseUrl: sim.url ?? '', timeoutMs: 2000, concurrency: 4,
      apiKey: IMICHAT_SANDBOX_KEY, domain: IMICHAT_SANDBOX_DOMAIN, teamId: IMICHAT_SANDBOX_TEAM_ID,
    });
    id = (await connector.listAllUsers())[0]?.vendorUserId ?? '';
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  it('authorizes again when the token expired before a write, and applies the write once', async () => {
    await connector.getUsers([id]);
    clock += 3601_000;
    sim.clearRecords();
    const user = await connector.updateUser(id, { job_description: 'Team lead', custom_attributes: { business: 'Consumer' } });
    expect(user).toMatchObject({ jobTitle: 'Team lead', details: { customAttributes: expect.objectContaining({ business: 'Consumer' }) } });
    expect(sim.requests().entries.map((entry) => `${entry.method} ${entry.url} ${entry.status}`)).toEqual([`PUT /users/${id} 401`, 'GET /authorize 200', `PUT /users/${id} 200`]);
    expect(sim.ledger().entries.filter((entry) => entry.applied)).toHaveLength(1);
  });

  it('reads the account back when the answer to a write is unreadable', async () => {
    sim.faults.set([{ kind: 'malformed-json', times: 1, match: { methods: ['PUT'] } }]);
    sim.clearRecords();
    const user = await connector.updateUser(id, { first_name: 'Rewritten' });
    expect(user.firstName).toBe('Rewritten');
    expect(sim.requests().entries.map((entry) => `${entry.method} ${entry.url}`)).toEqual([`PUT /users/${id}`, `GET /users/${id}`]);
  });
});
