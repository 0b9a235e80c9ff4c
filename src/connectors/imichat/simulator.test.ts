import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeople } from '../../simulator/people.js';
import { createImichatSimulator, IMICHAT_SANDBOX_KEY_HEADER, IMICHAT_SANDBOX_TEAM_ID } from './simulator.js';
import { IMICHAT_CODES, WireImichatEnvelope, WireImichatUser, WireImichatUserList, type ImichatCode } from './wire.js';
import { sendJson } from '../../simulator/testing.js';

// The IMIchat simulator read like the Webex Engage docs (seed 004; VENDORS.md "IMIchat / Webex Engage"), over real HTTP.

const START = Date.UTC(2025, 5, 2, 9, 0, 0);
let clock = START;
// 195 users: 20 pages whose last one is short, so "last page" and "past the end" differ.
const sim = createImichatSimulator({ seed: 7, users: 195, now: () => clock });
let base = '';
let session: Record<string, string> = {};

const UserEnvelope = WireImichatEnvelope(WireImichatUser);
const ListEnvelope = WireImichatEnvelope(WireImichatUserList);

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = session) => sendJson<WireImichatEnvelope<unknown>>(base + path, method, body, headers);

async function authorize(): Promise<string> {
  const { status, headers } = await call('GET', '/authorize', undefined, { key: IMICHAT_SANDBOX_KEY_HEADER });
  expect(status).toBe(200);
  return headers.get('access_token') ?? '';
}

async function listPage(page: number): Promise<WireImichatUser[]> {
  const { body } = await call('GET', `/users?page=${page}`);
  return ListEnvelope.parse(body).response?.users ?? [];
}

async function firstUser(): Promise<WireImichatUser> {
  return (await listPage(1))[0] as WireImichatUser;
}

beforeAll(async () => {
  base = await sim.listen();
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  clock = START;
  session = { access_token: await authorize(), teamid: IMICHAT_SANDBOX_TEAM_ID };
});

describe('GET /authorize', () => {
  it('answers 200 with the token in the access_token response header and the envelope in the body', async () => {
    const { status, headers, body } = await call('GET', '/authorize', undefined, { key: IMICHAT_SANDBOX_KEY_HEADER });
    expect(status).toBe(200);
    expect(headers.get('access_token')).toMatch(/^[0-9a-f]{48}$/);
    expect(body).toEqual({ status_code: 4301, description: 'Access token generated successfully', response: null });
  });

  it('issues a fresh token each time and keeps the earlier ones valid', async () => {
    const second = await authorize();
    expect(second).not.toBe(session.access_token);
    for (const token of [session.access_token as string, second]) {
      expect((await call('GET', '/users/0', undefined, { access_token: token, teamid: '1' })).body?.status_code).toBe(3101);
    }
  });

  it.each([
    ['missing', {}, 2002],
    ['wrong', { key: Buffer.from('sandbox-imichat-key@other').toString('base64') }, 2003],
    ['not base64-encoded', { key: 'sandbox-imichat-key@sandbox' }, 2003],
  ])('refuses a %s key with 400 and code %i', async (_, headers, code) => {
    const { status, headers: sent, body } = await call('GET', '/authorize', undefined, headers);
    expect(status).toBe(400);
    expect(body).toMatchObject({ status_code: code, response: null });
    expect(sent.get('access_token')).toBeNull();
  });
});

describe('access_token and teamid on every other call', () => {
  it.each([
    ['without access_token', () => ({ teamid: '1' }), 400, 2002],
    ['without teamid', () => ({ access_token: session.access_token as string }), 400, 2002],
    ['with an unknown token', () => ({ access_token: 'f'.repeat(48), teamid: '1' }), 400, 2003],
    ['with another team', () => ({ ...session, teamid: '2' }), 404, 2010],
  ])('refuses a call %s', async (_, headers, status, code) => {
    const response = await call('GET', '/users', undefined, headers());
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ status_code: code, description: expect.stringContaining(IMICHAT_CODES[code as ImichatCode].description), response: null });
  });

  it('names the missing header in the description', async () => {
    const { body } = await call('GET', '/users', undefined, {});
    expect(body?.description).toBe(`${IMICHAT_CODES[2002].description}: access_token, teamid`);
  });

  it('expires a token after 3600 s with 401 / 2004; authorizing again works', async () => {
    clock += 3599_000;
    expect((await call('GET', '/users')).status).toBe(200);
    clock += 2_000;
    const expired = await call('GET', '/users');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ status_code: 2004, description: 'Access Token expired', response: null });
    session = { ...session, access_token: await authorize() };
    expect((await call('GET', '/users')).body?.status_code).toBe(4307);
  });

  it('takes the token lifetime from settings.tokenTtlSeconds', async () => {
    await call('PATCH', '/__admin/settings', { tokenTtlSeconds: 60 }, {});
    session = { ...session, access_token: await authorize() };
    clock += 61_000;
    expect((await call('GET', '/users')).body?.status_code).toBe(2004);
  });
});

describe('Rate-Limit-* headers', () => {
  it('come with every response, errors included, and count down the daily quota', async () => {
    const ok = await call('GET', '/users');
    const refused = await call('GET', '/users', undefined, {});
    const unknown = await call('GET', '/nowhere');
    for (const { headers } of [ok, refused, unknown]) {
      expect(headers.get('rate-limit-limit')).toBe('10000');
      expect(Number(headers.get('rate-limit-reset'))).toBe(86_400);
    }
    // authorize in beforeEach was the first of the day.
    expect([ok, refused, unknown].map(({ headers }) => headers.get('rate-limit-remaining'))).toEqual(['9998', '9997', '9996']);
  });
});

describe('GET /users/{id}', () => {
  it('answers 200 / 4306 with the user in the documented shape', async () => {
    const user = await firstUser();
    const { status, body } = await call('GET', `/users/${user.id}`);
    expect(status).toBe(200);
    const envelope = UserEnvelope.parse(body);
    expect(envelope).toMatchObject({ status_code: 4306, description: 'User details fetched successfully' });
    expect(envelope.response).toEqual(user);
    expect(user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(user.login_id).toBe(`${user.email_id.toLowerCase().split('@')[0]}`);
  });

  it.each(['999999', '0', '-1', 'abc', '10001.5'])('answers 404 / 3101 for id %s', async (id) => {
    const { status, body } = await call('GET', `/users/${id}`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ status_code: 3101, response: null });
  });
});

describe('GET /users?page=', () => {
  it('answers 200 / 4307 with {"users": [...]}, ten per page, page 1 by default', async () => {
    const { status, body } = await call('GET', '/users');
    const envelope = ListEnvelope.parse(body);
    expect(status).toBe(200);
    expect(envelope.status_code).toBe(4307);
    expect(envelope.response?.users).toHaveLength(10);
    expect(envelope.response?.users).toEqual(await listPage(1));
  });

  it('walks every user once in id order; the last page is short and the one after it empty', async () => {
    const ids: number[] = [];
    for (let page = 1; page <= 20; page++) ids.push(...(await listPage(page)).map((user) => user.id));
    expect(ids).toHaveLength(195);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(195);
    expect(await listPage(20)).toHaveLength(5);
    const past = await call('GET', '/users?page=21');
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ status_code: 4307, response: { users: [] } });
  });

  it.each(['0', '-1', '1.5', 'abc'])('refuses page=%s with 400 / 3115', async (page) => {
    const { status, body } = await call('GET', `/users?page=${page}`);
    expect(status).toBe(400);
    expect(body).toEqual({ status_code: 3115, description: 'Request is invalid: page must be a positive integer', response: null });
  });
});

describe('PUT /users/{id} (seed 004)', () => {
  it('updates every writable field, answers 200 / 4309 with the user, and the next GET shows it', async () => {
    const user = await firstUser();
    clock += 5_000;
    const patch = {
      first_name: 'Jane',
      last_name: 'Doe',
      status: user.status === 'active' ? 'inactive' : 'active',
      job_description: 'Escalations',
      login_using_email: !user.login_using_email,
      custom_attributes: { business: 'Enterprise', location: 'Madrid' },
      skill_attributes: { billing: 9 },
    };
    const { status, body } = await call('PUT', `/users/${user.id}`, patch);
    expect(status).toBe(200);
    const updated = UserEnvelope.parse(body);
    expect(updated).toMatchObject({ status_code: 4309, description: 'User updated successfully' });
    expect(updated.response).toEqual({
      ...user,
      ...patch,
      custom_attributes: { ...user.custom_attributes, ...patch.custom_attributes },
      skill_attributes: { ...user.skill_attributes, ...patch.skill_attributes },
      updated_at: new Date(clock).toISOString().replace('.000Z', 'Z'),
    });
    expect(UserEnvelope.parse((await call('GET', `/users/${user.id}`)).body).response).toEqual(updated.response);
  });

  it('merges custom_attributes and skill_attributes key by key; null removes a key', async () => {
    const user = await firstUser();
    await call('PUT', `/users/${user.id}`, { custom_attributes: { tier: 'gold' }, skill_attributes: { returns: 4, sales: 2 } });
    const { body } = await call('PUT', `/users/${user.id}`, { custom_attributes: { location: 'Remote' }, skill_attributes: { sales: null } });
    const next = UserEnvelope.parse(body).response as WireImichatUser;
    expect(next.custom_attributes).toEqual({ ...user.custom_attributes, tier: 'gold', location: 'Remote' });
    const { sales: _sales, ...skills } = user.skill_attributes;
    expect(next.skill_attributes).toEqual({ ...skills, returns: 4 });
  });

  it.each([['no body', undefined], ['an empty object', {}]])('answers 400 / 3114 for %s', async (_, body) => {
    const user = await firstUser();
    const response = await call('PUT', `/users/${user.id}`, body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ status_code: 3114, description: 'Request body not provided', response: null });
  });

  it.each([
    [{ email_id: 'x@example.com' }, 'property email_id should not exist'],
    [{ login_id: 'x' }, 'property login_id should not exist'],
    [{ role_type: 'Administrative' }, 'property role_type should not exist'],
    [{ accepting_chats: true }, 'property accepting_chats should not exist'],
    [{ id: 1 }, 'property id should not exist'],
    [{ nickname: 'JJ' }, 'property nickname should not exist'],
    [{ status: 'suspended' }, 'status must be one of the following values: active, inactive'],
    [{ login_using_email: 'yes' }, 'login_using_email must be a boolean'],
    [{ first_name: 5 }, 'first_name must be a string'],
    [{ skill_attributes: { billing: [1] } }, 'skill_attributes.billing must be a string, a number or a boolean'],
    ['{"first_name":', 'body is not valid JSON'],
  ])('answers 400 / 3115 for %j, naming the field, and applies nothing', async (patch, reason) => {
    const user = await firstUser();
    const { status, body } = await call('PUT', `/users/${user.id}`, patch);
    expect(status).toBe(400);
    expect(body).toEqual({ status_code: 3115, description: `Request is invalid: ${reason}`, response: null });
    expect(UserEnvelope.parse((await call('GET', `/users/${user.id}`)).body).response).toEqual(user);
  });

  it('removes business or location on null like any other attribute', async () => {
    const user = await firstUser();
    const { status, body } = await call('PUT', `/users/${user.id}`, { custom_attributes: { location: null } });
    expect(status).toBe(200);
    expect(UserEnvelope.parse(body).response?.custom_attributes).not.toHaveProperty('location');
  });

  it.each([
    [3107, { business: 'Retail' }, "The value provided for the custom attribute 'business' is not valid."],
    [3110, { location: 'Paris' }, "The value provided for the custom attribute 'location' is not valid."],
    [3110, { location: 42 }, "The value provided for the custom attribute 'location' is not valid."],
  ])('answers 400 / %i for custom_attributes %j', async (code, custom_attributes, description) => {
    const user = await firstUser();
    const { status, body } = await call('PUT', `/users/${user.id}`, { first_name: 'Changed', custom_attributes });
    expect(status).toBe(400);
    expect(body).toEqual({ status_code: code, description, response: null });
    expect(UserEnvelope.parse((await call('GET', `/users/${user.id}`)).body).response).toEqual(user);
  });

  it('answers 404 / 3101 for an unknown user', async () => {
    const { status, body } = await call('PUT', '/users/999999', { first_name: 'A' });
    expect(status).toBe(404);
    expect(body?.status_code).toBe(3101);
  });

  it('shows in the ledger which writes were applied', async () => {
    const user = await firstUser();
    await call('PUT', `/users/${user.id}`, { job_description: 'Night shift' });
    await call('PUT', `/users/${user.id}`, { email_id: 'x@example.com' });
    expect(sim.ledger().entries.map(({ method, url, applied, status }) => ({ method, url, applied, status }))).toEqual([
      { method: 'PUT', url: `/users/${user.id}`, applied: true, status: 200 },
      { method: 'PUT', url: `/users/${user.id}`, applied: false, status: 400 },
    ]);
  });

  it('keeps key and access_token out of the request log', async () => {
    const logged = sim.requests().entries.map((entry) => entry.headers);
    expect(logged[0]?.key).toBe('[redacted]');
    await call('GET', '/users');
    expect(sim.requests().entries.at(-1)?.headers.access_token).toBe('[redacted]');
  });
});

describe('methods and paths', () => {
  it.each([['POST', '/users'], ['DELETE', '/users/10001'], ['PATCH', '/users/10001'], ['POST', '/authorize']])('answers 405 / 2099 for %s %s', async (method, path) => {
    const { status, body } = await call(method, path, method === 'DELETE' ? undefined : {});
    expect(status).toBe(405);
    expect(body).toEqual({ status_code: 2099, description: 'Method not allowed', response: null });
  });

  it('answers 404 / 2009 for a path the API does not serve', async () => {
    const { status, body } = await call('GET', '/v3.1/users');
    expect(status).toBe(404);
    expect(body).toEqual({ status_code: 2009, description: 'Requested resource was not found: GET /v3.1/users', response: null });
  });
});

describe('daily quota', () => {
  it('answers 429 / 2008 with Retry-After once the quota is spent, authorize included, until the day slides on', async () => {
    await call('PATCH', '/__admin/settings', { dailyQuota: 3 }, {});
    clock += 60_000;
    expect((await call('GET', '/users')).status).toBe(200);
    const last = await call('GET', '/users');
    expect(last.headers.get('rate-limit-remaining')).toBe('0');
    for (const refused of [await call('GET', '/users'), await call('GET', '/authorize', undefined, { key: IMICHAT_SANDBOX_KEY_HEADER })]) {
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ status_code: 2008, description: 'Daily API quota exceeded', response: null });
      // The authorize of beforeEach, a minute earlier, is the first to leave the window.
      expect(refused.headers.get('retry-after')).toBe(String(86_400 - 60));
      expect(refused.headers.get('rate-limit-reset')).toBe(String(86_400 - 60));
    }
    clock = START + 86_400_000 + 1;
    expect((await call('GET', '/authorize', undefined, { key: IMICHAT_SANDBOX_KEY_HEADER })).status).toBe(200);
  });

  it('is off with dailyQuota null: no 2008 however many calls, and no quota headers to mislead a client', async () => {
    await call('PATCH', '/__admin/settings', { dailyQuota: null }, {});
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await call('GET', '/users'));
    expect(answers.map((answer) => answer.status)).toEqual(new Array(12).fill(200));
    expect(answers[11]?.headers.get('rate-limit-remaining')).toBeNull();
    await call('PATCH', '/__admin/settings', { dailyQuota: 3 }, {});
    expect((await call('GET', '/users')).headers.get('rate-limit-limit')).toBe('3');
  });
});

describe('injected faults', () => {
  it('answers a 5xx in the envelope with 2007 and the quota headers', async () => {
    sim.faults.add({ kind: 'status', status: 500 });
    const { status, headers, body } = await call('GET', '/users');
    expect(status).toBe(500);
    expect(body).toMatchObject({ status_code: 2007, response: null });
    expect(headers.get('rate-limit-limit')).toBe('10000');
  });

  it('answers an injected 429 with 2008 and Retry-After', async () => {
    sim.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const { status, headers, body } = await call('GET', '/users');
    expect(status).toBe(429);
    expect(body?.status_code).toBe(2008);
    expect(headers.get('retry-after')).toBe('7');
  });
});

describe('seed data', () => {
  it('holds the directory accounts, email_id exactly as stored, ids from 10001 up with gaps', async () => {
    const users: WireImichatUser[] = [];
    for (let page = 1; page <= 20; page++) users.push(...(await listPage(page)));
    const accounts = createPeople({ seed: 7, usersPerVendor: 195 }).accounts.imichat;
    expect(users.map((user) => user.email_id)).toEqual(accounts.map((account) => account.email));
    expect(users[0]?.id).toBeGreaterThan(10_000);
    expect((users.at(-1)?.id ?? 0) - (users[0]?.id ?? 0)).toBeGreaterThan(195);
    const share = (predicate: (user: WireImichatUser) => boolean) => users.filter(predicate).length / users.length;
    expect(share((user) => user.status === 'active')).toBeGreaterThan(0.75);
    expect(share((user) => user.role_type === 'Administrative')).toBeLessThan(0.3);
    expect(users.every((user) => user.active_chats >= 0 && user.active_chats <= 5)).toBe(true);
  });

  it('is deterministic per seed', async () => {
    const ids = async (seed: number) => {
      const other = createImichatSimulator({ seed, users: 195 });
      const token = (await other.fetch(new Request('http://sim/authorize', { headers: { key: IMICHAT_SANDBOX_KEY_HEADER } }))).headers.get('access_token') ?? '';
      const response = await other.fetch(new Request('http://sim/users', { headers: { access_token: token, teamid: '1' } }));
      return ListEnvelope.parse(await response.json()).response?.users.map((user) => user.id);
    };
    expect(await ids(7)).toEqual((await listPage(1)).map((user) => user.id));
    expect(await ids(8)).not.toEqual(await ids(7));
  });
});
