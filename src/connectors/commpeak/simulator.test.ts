import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeople } from '../../simulator/people.js';
import { COMMPEAK_SANDBOX_PASSWORD, COMMPEAK_SANDBOX_USERNAME, createCommpeakSimulator } from './simulator.js';
import { COMMPEAK_NUMERIC_FLAGS, COMMPEAK_STRING_FLAGS, WireCommpeakError, WireCommpeakUser, type WireCommpeakValidationErrors } from './wire.js';
import { sendJson } from '../../simulator/testing.js';

// The CommPeak simulator read like CommPeak's docs (seed 001; VENDORS.md "CommPeak"), over real HTTP.

const sim = createCommpeakSimulator({ seed: 7 });
let base = '';
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const auth = { authorization: basic(COMMPEAK_SANDBOX_USERNAME, COMMPEAK_SANDBOX_PASSWORD) };

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => sendJson<unknown>(base + path, method, body, headers);

async function users(query: string): Promise<WireCommpeakUser[]> {
  return (await call('GET', `/api/users?${query}`)).body as WireCommpeakUser[];
}

async function firstUser(): Promise<WireCommpeakUser> {
  return (await users('per-page=1'))[0] as WireCommpeakUser;
}

const pagination = (headers: Headers) =>
  ['Total-Count', 'Page-Count', 'Current-Page', 'Per-Page'].map((name) => Number(headers.get(`x-pagination-${name}`)));

beforeAll(async () => {
  base = await sim.listen();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('GET /api/users/{id}', () => {
  it('returns the bare User with every value a string and flags "0"/"1"', async () => {
    const { id } = await firstUser();
    const { status, body } = await call('GET', `/api/users/${id}`);
    expect(status).toBe(200);
    for (const value of Object.values(body as object)) expect(value).toBeTypeOf('string');
    const user = WireCommpeakUser.strict().parse(body);
    expect(user.id).toMatch(/^\d+$/);
    for (const flag of [...COMMPEAK_NUMERIC_FLAGS, ...COMMPEAK_STRING_FLAGS]) expect(['0', '1']).toContain(user[flag]);
    expect(user.sip_uri).toBe(`sip:${user.username}@sandbox.td.commpeak.com`);
    expect(user.username).toMatch(/^[a-z.]+\d+$/);
    expect(user.registration_password).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('answers 404 in the Yii2 error shape for an unknown id', async () => {
    const { status, body } = await call('GET', '/api/users/999999');
    expect(status).toBe(404);
    expect(body).toEqual({ name: 'Not Found', message: 'Object not found: 999999', code: 0, status: 404 });
  });
});

describe('auth: HTTP Basic', () => {
  it.each([
    ['missing', {}],
    ['with a wrong password', { authorization: basic(COMMPEAK_SANDBOX_USERNAME, 'wrong') }],
    ['with a wrong username', { authorization: basic('admin', COMMPEAK_SANDBOX_PASSWORD) }],
    ['sent as a bearer token', { authorization: 'Bearer sandbox' }],
    ['not base64', { authorization: 'Basic sandbox:sandbox' }],
  ])('refuses credentials %s with 401 and a Basic challenge', async (_, headers) => {
    const { status, headers: sent, body } = await call('GET', '/api/users', undefined, headers);
    expect(status).toBe(401);
    expect(sent.get('www-authenticate')).toBe('Basic realm="api"');
    expect(body).toEqual({ name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 });
  });

  it('applies no PUT without credentials', async () => {
    const user = await firstUser();
    expect((await call('PUT', `/api/users/${user.id}`, { first_name: 'Mallory' }, {})).status).toBe(401);
    expect((await call('GET', `/api/users/${user.id}`)).body).toEqual(user);
  });
});

describe('GET /api/users?page=&per-page= (list)', () => {
  it('defaults to page 1 of 20 users, with X-Pagination-* and Link headers', async () => {
    const { status, headers, body } = await call('GET', '/api/users');
    expect(status).toBe(200);
    expect(body).toHaveLength(20);
    expect(pagination(headers)).toEqual([200, 10, 1, 20]);
    const link = headers.get('link') ?? '';
    expect(link).toContain('/api/users?page=2>; rel=next');
    expect(link).toContain('/api/users?page=10>; rel=last');
    expect(link).not.toContain('rel=prev');
  });

  it('walks every page in id order without a repeat; the last page is short and has no next link', async () => {
    const ids: number[] = [];
    for (let page = 1; page <= 7; page++) {
      const { headers, body } = await call('GET', `/api/users?page=${page}&per-page=30`);
      ids.push(...(body as WireCommpeakUser[]).map((user) => Number(user.id)));
      expect(pagination(headers)).toEqual([200, 7, page, 30]);
      expect(headers.get('link')?.includes('rel=next')).toBe(page < 7);
    }
    expect(new Set(ids).size).toBe(200);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await users('page=7&per-page=30')).toHaveLength(20);
  });

  it('answers a page past the end with [] and the headers, so a naive loop stops', async () => {
    const { status, headers, body } = await call('GET', '/api/users?page=8&per-page=30');
    expect(status).toBe(200);
    expect(body).toEqual([]);
    expect(pagination(headers)).toEqual([200, 7, 8, 30]);
    expect(headers.get('link')).toContain('/api/users?page=7&per-page=30>; rel=prev');
  });

  it('takes per-page from 1 to 100', async () => {
    expect(await users('per-page=1')).toHaveLength(1);
    expect(await users('per-page=100')).toHaveLength(100);
  });

  it.each([
    ['per-page=0', 'per-page', 'Per Page must be no less than 1.'],
    ['per-page=101', 'per-page', 'Per Page must be no greater than 100.'],
    ['per-page=ten', 'per-page', 'Per Page must be an integer.'],
    ['page=0', 'page', 'Page must be no less than 1.'],
    ['page=1.5', 'page', 'Page must be an integer.'],
  ])('rejects %s with 422 naming the field', async (query, field, message) => {
    const { status, body } = await call('GET', `/api/users?${query}`);
    expect(status).toBe(422);
    expect(body).toEqual([{ field, message }] satisfies WireCommpeakValidationErrors);
  });

  it('lists both bad parameters at once', async () => {
    const { body } = await call('GET', '/api/users?page=-1&per-page=500');
    expect((body as WireCommpeakValidationErrors).map((issue) => issue.field)).toEqual(['page', 'per-page']);
  });
});

describe('PUT /api/users/{id} (seed 001)', () => {
  async function put(id: string, body: unknown) {
    const response = await call('PUT', `/api/users/${id}`, body);
    const again = await call('GET', `/api/users/${id}`);
    return { ...response, stored: again.body as WireCommpeakUser };
  }

  it('takes numeric flags as numbers and reads them back as "0"/"1"', async () => {
    const user = await firstUser();
    const flip = (value: string) => (value === '1' ? 0 : 1);
    const body = Object.fromEntries(COMMPEAK_NUMERIC_FLAGS.map((flag) => [flag, flip(user[flag])]));
    const { status, body: updated, stored } = await put(user.id, body);
    expect(status).toBe(200);
    for (const flag of COMMPEAK_NUMERIC_FLAGS) {
      expect((updated as WireCommpeakUser)[flag]).toBe(String(body[flag]));
      expect(stored[flag]).toBe(String(body[flag]));
    }
  });

  it('takes string flags as "0"/"1" and reads them back unchanged', async () => {
    const user = await firstUser();
    const body = Object.fromEntries(COMMPEAK_STRING_FLAGS.map((flag) => [flag, user[flag] === '1' ? '0' : '1']));
    const { status, stored } = await put(user.id, body);
    expect(status).toBe(200);
    expect(stored).toEqual({ ...user, ...body });
  });

  it.each([
    [{ default_language: 'pt_BR' }, { default_language: 'pt_BR' }],
    [{ twofa_type: 'google' }, { twofa_type: 'google' }],
    [{ timezone_id: 77 }, { timezone_id: '77' }],
    [{ user_route_caller_id: 0 }, { user_route_caller_id: '0' }],
    [{ max_session_time: '7200', max_concurrent_sessions: '4' }, { max_session_time: '7200', max_concurrent_sessions: '4' }],
    [{ email: 'Ana.Lopez@Example.com', first_name: 'Ana', last_name: 'López' }, { email: 'Ana.Lopez@Example.com', first_name: 'Ana', last_name: 'López' }],
    [{ virtual_extension: '', predictive_dynamic_extension: '4321' }, { virtual_extension: '', predictive_dynamic_extension: '4321' }],
  ])('writes %j and reads back %j, every value still a string', async (body, expected) => {
    const user = await firstUser();
    const { status, body: updated, stored } = await put(user.id, body);
    expect(status).toBe(200);
    expect(updated).toEqual({ ...user, ...expected });
    expect(WireCommpeakUser.strict().parse(stored)).toEqual({ ...user, ...expected });
  });

  it('stores a new registration_password, which the next read returns', async () => {
    const user = await firstUser();
    expect((await put(user.id, { registration_password: 'n3w-SIP-s3cret' })).stored.registration_password).toBe('n3w-SIP-s3cret');
  });

  it('accepts id when it equals the path id, and treats {} as a no-op', async () => {
    const user = await firstUser();
    expect((await put(user.id, { id: Number(user.id), first_name: 'Ana' })).stored.first_name).toBe('Ana');
    const { status, body } = await put(user.id, {});
    expect(status).toBe(200);
    expect(body).toEqual({ ...user, first_name: 'Ana' });
  });

  it.each([
    ['a numeric flag set to 2', { is_active: 2 }, 'is_active', 'Is Active must be either 0 or 1.'],
    ['a numeric flag sent as a string', { use_webrtc: '1' }, 'use_webrtc', 'Use Webrtc must be an integer.'],
    ['a string flag sent as a number', { is_clockedin: 1 }, 'is_clockedin', 'Is Clockedin must be a string.'],
    ['a string flag set to "2"', { member_all_desks: '2' }, 'member_all_desks', 'Member All Desks must be either "0" or "1".'],
    ['an unknown language', { default_language: 'en-US' }, 'default_language', 'Default Language is invalid. Allowed values: en_US, es_ES, pt_BR.'],
    ['an unknown twofa_type', { twofa_type: 'sms' }, 'twofa_type', 'Twofa Type is invalid. Allowed values: default, disabled, email, google.'],
    ['a bad email', { email: 'not-an-email' }, 'email', 'Email is not a valid email address.'],
    ['an unknown field', { nickname: 'Ana' }, 'nickname', 'Setting unknown property: nickname.'],
    ['timezone_id as a string', { timezone_id: '77' }, 'timezone_id', 'Timezone Id must be an integer.'],
    ['a fractional user_route_caller_id', { user_route_caller_id: 1.5 }, 'user_route_caller_id', 'User Route Caller Id must be an integer.'],
    ['max_session_time as a number', { max_session_time: 3600 }, 'max_session_time', 'Max Session Time must be a string.'],
    ['an empty username', { username: '' }, 'username', 'Username cannot be blank.'],
  ])('rejects %s with 422 and applies nothing', async (_, body, field, message) => {
    const user = await firstUser();
    const { status, body: errors, stored } = await put(user.id, body);
    expect(status).toBe(422);
    expect(errors).toEqual([{ field, message }]);
    expect(stored).toEqual(user);
  });

  it('rejects an id that differs from the path, and a username another user holds', async () => {
    const [user, other] = (await users('per-page=2')) as [WireCommpeakUser, WireCommpeakUser];
    expect((await put(user.id, { id: Number(user.id) + 1 })).body).toEqual([{ field: 'id', message: `Id must be equal to "${user.id}".` }]);
    const taken = other.username.toUpperCase();
    expect((await put(user.id, { username: taken })).body).toEqual([{ field: 'username', message: `Username "${taken}" has already been taken.` }]);
  });

  it('lists every bad field of one body, in body order', async () => {
    const user = await firstUser();
    const { status, body, stored } = await put(user.id, { first_name: 'Ana', is_deleted: '0', twofa_type: 'sms', email: 'x@', extra: true, is_clockedin: 0 });
    expect(status).toBe(422);
    expect((body as WireCommpeakValidationErrors).map((issue) => issue.field)).toEqual(['is_deleted', 'twofa_type', 'email', 'extra', 'is_clockedin']);
    expect(stored).toEqual(user);
  });

  it.each([
    ['that is not JSON', '{"first_name":', /^Invalid JSON data in request body: /],
    ['that is a JSON array', '[{"first_name": "Ana"}]', /^The request body must be a JSON object\.$/],
  ])('answers a body %s with 400 in the error shape', async (_, raw, message) => {
    const user = await firstUser();
    const { status, body } = await call('PUT', `/api/users/${user.id}`, raw);
    expect(status).toBe(400);
    expect(WireCommpeakError.parse(body)).toMatchObject({ name: 'Bad Request', code: 0, status: 400, message: expect.stringMatching(message) });
  });

  it('answers 404 for an unknown id', async () => {
    expect((await call('PUT', '/api/users/999999', { first_name: 'Ana' })).body).toEqual({ name: 'Not Found', message: 'Object not found: 999999', code: 0, status: 404 });
  });
});

describe('methods and routes', () => {
  it.each([
    ['DELETE', '/api/users/1001', 'GET, HEAD, PUT, OPTIONS'],
    ['PATCH', '/api/users/1001', 'GET, HEAD, PUT, OPTIONS'],
    ['POST', '/api/users', 'GET, HEAD, OPTIONS'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const { status, headers, body } = await call(method, path, {});
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe(allow);
    expect(body).toEqual({ name: 'Method Not Allowed', message: `Method Not Allowed. This URL can only handle the following request methods: ${allow}.`, code: 0, status: 405 });
  });

  it('answers OPTIONS with the allowed methods, and HEAD with the list headers and no body', async () => {
    const options = await call('OPTIONS', '/api/users/1001', undefined, {});
    expect([options.status, options.headers.get('allow')]).toEqual([200, 'GET, HEAD, PUT, OPTIONS']);
    const head = await call('HEAD', '/api/users?per-page=50');
    expect([head.status, head.body]).toEqual([200, null]);
    expect(pagination(head.headers)).toEqual([200, 4, 1, 50]);
  });

  it.each(['/api/user/1001', '/users', '/api/users/1001/extra'])('answers the unknown path %s with 404', async (path) => {
    expect((await call('GET', path)).body).toEqual({ name: 'Not Found', message: 'Page not found.', code: 0, status: 404 });
  });
});

describe('faults and records', () => {
  it('answers an injected rate limit with 429 in the CommPeak shape and Retry-After', async () => {
    sim.faults.add({ kind: 'rate-limit', retryAfterSeconds: 3 });
    const { status, headers, body } = await call('GET', '/api/users');
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('3');
    expect(WireCommpeakError.parse(body)).toMatchObject({ name: 'Too Many Requests', code: 0, status: 429 });
  });

  it('shows in the ledger which PUT was applied, and redacts the credentials in the log', async () => {
    const user = await firstUser();
    sim.clearRecords();
    await call('PUT', `/api/users/${user.id}`, { first_name: 'Ana' });
    await call('PUT', `/api/users/${user.id}`, { is_active: 2 });
    expect(sim.ledger().entries).toMatchObject([
      { method: 'PUT', url: `/api/users/${user.id}`, body: { first_name: 'Ana' }, applied: true, status: 200 },
      { method: 'PUT', url: `/api/users/${user.id}`, body: { is_active: 2 }, applied: false, status: 422 },
    ]);
    expect(sim.requests().entries.map((entry) => entry.headers.authorization)).toEqual(['[redacted]', '[redacted]']);
  });
});

describe('seed data', () => {
  it('is deterministic per seed', async () => {
    const ids = async (seed: number) => {
      const response = await createCommpeakSimulator({ seed }).fetch(new Request('http://sim/api/users?per-page=5', { headers: auth }));
      return ((await response.json()) as WireCommpeakUser[]).map((user) => `${user.id} ${user.username}`);
    };
    expect(await ids(7)).toEqual((await users('per-page=5')).map((user) => `${user.id} ${user.username}`));
    expect(await ids(8)).not.toEqual(await ids(7));
  });

  it('holds the directory\'s CommPeak accounts, addresses exactly as stored, in a plausible mix', async () => {
    const all = [...(await users('page=1&per-page=100')), ...(await users('page=2&per-page=100'))];
    const emails = createPeople({ seed: 7 }).accounts.commpeak.map((account) => account.email);
    expect(all.map((user) => user.email).sort()).toEqual([...emails].sort());
    const share = (predicate: (user: WireCommpeakUser) => boolean) => all.filter(predicate).length / all.length;
    expect(share((user) => user.is_active === '1')).toBeGreaterThan(0.8);
    expect(share((user) => user.is_active === '1')).toBeLessThan(0.95);
    expect(share((user) => user.is_deleted === '1')).toBeGreaterThan(0);
    expect(share((user) => user.is_deleted === '1')).toBeLessThan(0.1);
    expect(all.filter((user) => user.is_deleted === '1').every((user) => user.is_active === '0')).toBe(true);
    expect(new Set(all.map((user) => user.default_language))).toEqual(new Set(['en_US', 'es_ES', 'pt_BR']));
    expect(new Set(all.map((user) => user.username)).size).toBe(200);
    expect(all.every((user) => /^(\d{4})?$/.test(user.virtual_extension))).toBe(true);
  });
});
