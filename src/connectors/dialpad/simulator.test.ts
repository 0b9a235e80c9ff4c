import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeople } from '../../simulator/people.js';
import { createDialpadSimulator, DIALPAD_SANDBOX_KEY } from './simulator.js';
import { DIALPAD_LICENSES, DIALPAD_ON_DUTY_STATUSES, DIALPAD_STATES, WireDialpadError, WireDialpadUser, type WireDialpadPage } from './wire.js';
import { sendJson } from '../../simulator/testing.js';

// The Dialpad simulator read like Dialpad's docs (seed 003; VENDORS.md "Dialpad"), over real HTTP.

const sim = createDialpadSimulator({ seed: 7 });
let base = '';
const auth = { authorization: `Bearer ${DIALPAD_SANDBOX_KEY}` };

const request = (url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => sendJson(url + path, method, body, headers);
const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => request(base, method, path, body, headers);

async function page(query = ''): Promise<WireDialpadPage> {
  const { status, body } = await call('GET', `/api/v2/users${query}`);
  expect(status).toBe(200);
  return body as unknown as WireDialpadPage;
}

/** Follows the cursor to the end; `query` holds filters (`&state=active`). */
async function allUsers(query = ''): Promise<WireDialpadUser[]> {
  const users: WireDialpadUser[] = [];
  let cursor: string | null | undefined = '';
  do {
    const next: WireDialpadPage = await page(`?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`);
    users.push(...next.items);
    cursor = next.cursor;
  } while (cursor);
  return users;
}

const find = async (test: (user: WireDialpadUser) => boolean) => (await allUsers()).find(test) as WireDialpadUser;

beforeAll(async () => {
  base = await sim.listen();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  // The 20 req/s limit would trip tests that walk the directory; the rate-limit tests turn it back on.
  Object.assign(sim.app.settings, { perSecond: null, perMinute: null });
});

describe('GET /api/v2/users/{id}', () => {
  it('returns the bare User with every documented field', async () => {
    const [first] = (await page('?limit=1')).items;
    const { status, body } = await call('GET', `/api/v2/users/${first?.id}`);
    expect(status).toBe(200);
    const user = WireDialpadUser.parse(body);
    expect(Object.keys(WireDialpadUser.shape).every((field) => field in (body ?? {}))).toBe(true);
    expect(user.display_name).toBe(`${user.first_name} ${user.last_name}`);
    expect(user.date_added).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('answers `me` with the key owner, the first user of the directory', async () => {
    const [first] = (await page('?limit=1')).items;
    const { status, body } = await call('GET', '/api/v2/users/me');
    expect(status).toBe(200);
    expect(body).toEqual(first);
    expect(body).toMatchObject({ state: 'active', is_super_admin: true });
  });

  it('answers 404 in Dialpad\'s error shape for an unknown id', async () => {
    const { status, body } = await call('GET', '/api/v2/users/1234567890123456789');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 404, message: 'User 1234567890123456789 not found' } });
  });

  it('carries int64 ids as JSON strings above 2^53, so parsing them as numbers visibly loses precision', async () => {
    const { text } = await call('GET', '/api/v2/users/me');
    const id = /"id":"(\d{19})"/.exec(text)?.[1] as string;
    expect(BigInt(id)).toBeGreaterThan(2n ** 53n);
    expect(String(BigInt(Number(id)))).not.toBe(id);
    expect(text).toMatch(/"company_id":"\d+"/);
    expect(text).toMatch(/"office_id":"\d+"/);
    expect(text).toMatch(/"admin_office_ids":\[("\d+",?)*\]/);
  });
});

describe('auth: Authorization: Bearer <key>', () => {
  it.each([
    ['missing', {}],
    ['wrong', { authorization: 'Bearer not-the-key' }],
    ['sent as Basic', { authorization: `Basic ${Buffer.from(`${DIALPAD_SANDBOX_KEY}:`).toString('base64')}` }],
    ['sent bare', { authorization: DIALPAD_SANDBOX_KEY }],
  ])('refuses a %s key with 401', async (_, headers) => {
    const { status, body } = await call('GET', '/api/v2/users/me', undefined, headers);
    expect(status).toBe(401);
    expect(WireDialpadError.parse(body).error.code).toBe(401);
  });
});

describe('GET /api/v2/users?cursor=&limit=&email=&state=', () => {
  it('defaults to 100 users of every state with a cursor to the rest', async () => {
    const first = await page();
    expect(first.items).toHaveLength(100);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await page(`?cursor=${first.cursor}`);
    expect(second.items).toHaveLength(100);
    expect('cursor' in second).toBe(false);
  });

  it('walks every user once by cursor; the last page has no cursor key', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const next = await page(`?limit=30${cursor ? `&cursor=${cursor}` : ''}`);
      for (const user of next.items) seen.add(user.id as string);
      cursor = next.cursor ?? undefined;
      pages++;
      expect('cursor' in next).toBe(pages < 7);
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen.size).toBe(200);
  });

  it.each(['limit=0', 'limit=101', 'limit=ten', 'cursor=nope', `cursor=${Buffer.from('offset:-1').toString('base64url')}`, 'state=ACTIVE', 'state=inactive'])(
    'rejects %s with 400',
    async (query) => {
      const { status, body } = await call('GET', `/api/v2/users?${query}`);
      expect(status).toBe(400);
      expect(WireDialpadError.parse(body).error.code).toBe(400);
    },
  );

  it('names the accepted states in the 400', async () => {
    const { body } = await call('GET', '/api/v2/users?state=inactive');
    expect(body).toEqual({ error: { code: 400, message: 'state must be one of the following values: active, all, cancelled, deleted, pending, suspended' } });
  });

  it('finds a user by any of their emails in any letter case; no match is an empty page without a cursor', async () => {
    const user = await find((u) => (u.emails ?? []).length === 2);
    for (const email of user.emails ?? []) {
      const found = await page(`?email=${encodeURIComponent(email.toUpperCase())}`);
      expect(found.items.map((u) => u.id)).toEqual([user.id]);
    }
    expect(await page('?email=nobody%40example.com')).toEqual({ items: [] });
  });

  it('filters by state; the mix is mostly active and every state occurs', async () => {
    const counts: Record<string, number> = {};
    for (const state of DIALPAD_STATES) {
      const items = await allUsers(`&state=${state}`);
      expect(items.every((user) => user.state === state)).toBe(true);
      counts[state] = items.length;
    }
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(200);
    expect(counts.active).toBeGreaterThan(130);
    for (const state of DIALPAD_STATES) expect(counts[state]).toBeGreaterThan(0);
    expect((await page('?state=all&limit=100')).items).toEqual((await page('?limit=100')).items);
  });
});

describe('PATCH /api/v2/users/{id} (seed 003)', () => {
  it('applies every writable field and shows it on the next GET', async () => {
    const user = await find((u) => (u.phone_numbers ?? []).length === 2 && u.state === 'active');
    const [a, b] = user.phone_numbers as [string, string];
    const patch = {
      first_name: 'Ada', last_name: 'Lovelace', job_title: 'Analyst',
      emails: ['ada@example.net', (user.emails as string[])[0]],
      phone_numbers: [b, a], forwarding_numbers: ['+31201234567'], extension: '4242',
      international_dialing_enabled: !user.international_dialing_enabled, is_super_admin: true, license: 'agents',
      office_id: 1234, admin_office_ids: ['9223372036854775807', 77], state: 'suspended',
      presence_status: { provider: 'Zoom', message: 'Weekly sync', type: 'conference' },
    };
    const { status, body } = await call('PATCH', `/api/v2/users/${user.id}`, patch);
    expect(status).toBe(200);
    const expected = {
      ...user, ...patch, display_name: 'Ada Lovelace', is_admin: true, is_available: false,
      office_id: '1234', admin_office_ids: ['9223372036854775807', '77'], status_message: 'On Zoom: in the Weekly sync meeting',
    };
    delete (expected as Record<string, unknown>).presence_status;
    expect(body).toEqual(expected);
    expect((await call('GET', `/api/v2/users/${user.id}`)).body).toEqual(expected);
    expect((await page(`?email=ADA%40example.net`)).items.map((u) => u.id)).toEqual([user.id]);
  });

  it('removes numbers, clears the extension with "", and drops paid numbers on a support license only when asked', async () => {
    const user = await find((u) => (u.phone_numbers ?? []).length === 2 && u.license !== 'lite_support_agents');
    expect((await call('PATCH', `/api/v2/users/${user.id}`, { phone_numbers: [user.phone_numbers?.[1]], extension: '' })).body)
      .toMatchObject({ phone_numbers: [user.phone_numbers?.[1]], extension: null });
    expect((await call('PATCH', `/api/v2/users/${user.id}`, { license: 'lite_support_agents' })).body).toMatchObject({ phone_numbers: [user.phone_numbers?.[1]] });
    await call('PATCH', `/api/v2/users/${user.id}`, { license: 'talk' });
    const dropped = await call('PATCH', `/api/v2/users/${user.id}`, { license: 'lite_support_agents', keep_paid_numbers: false });
    expect(dropped.body).toMatchObject({ license: 'lite_support_agents', phone_numbers: [] });
  });

  it('accepts `me` and an office id given as a numeric string', async () => {
    const { status, body } = await call('PATCH', '/api/v2/users/me', { office_id: '5555', presence_status: { provider: 'Slack', message: 'Lunch' } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ office_id: '5555', status_message: 'Slack: Lunch' });
  });

  it.each([
    [{ state: 'pending' }, 'state must be one of the following values: active, suspended'],
    [{ state: 'ACTIVE' }, 'state must be one of the following values: active, suspended'],
    [{ license: 'support' }, `license must be one of the following values: ${DIALPAD_LICENSES.join(', ')}`],
    [{ presence_status: { type: 'busy' } }, 'presence_status.type must be one of the following values: conference, default'],
    [{ display_name: 'X Y' }, 'property display_name should not exist'],
    [{ on_duty_status: DIALPAD_ON_DUTY_STATUSES[0] }, 'property on_duty_status should not exist'],
    [{ is_super_admin: 'yes' }, 'is_super_admin must be a boolean'],
    [{ emails: [] }, 'emails must hold at least one email'],
    [{ emails: ['not-an-email'] }, 'emails.0 must be a valid email'],
    [{ office_id: 'HQ' }, 'office_id must be an integer (a number or a string of digits)'],
    [{ phone_numbers: ['+31612345678'] }, 'phone_numbers may only reorder or remove numbers; +31612345678 is not assigned to this user (use the assign number API)'],
    ['{"first_name":', 'Invalid JSON body'],
  ])('rejects %j with 400 and applies nothing', async (patch, message) => {
    const user = await find((u) => (u.phone_numbers ?? []).every((number) => number !== '+31612345678'));
    const { status, body } = await call('PATCH', `/api/v2/users/${user.id}`, patch);
    expect(status).toBe(400);
    expect(WireDialpadError.parse(body).error.message).toContain(message);
    expect((await call('GET', `/api/v2/users/${user.id}`)).body).toEqual(user);
  });

  it('refuses an address that belongs to another user', async () => {
    const [first, second] = (await page('?limit=2')).items;
    const { status, body } = await call('PATCH', `/api/v2/users/${first?.id}`, { emails: [second?.emails?.[0]?.toLowerCase()] });
    expect(status).toBe(400);
    expect(WireDialpadError.parse(body).error.message).toMatch(/belongs to another user/);
  });

  it('answers 404 for an unknown id, route or method, in Dialpad\'s shape', async () => {
    expect((await call('PATCH', '/api/v2/users/1234567890123456789', { first_name: 'A' })).status).toBe(404);
    const { status, body } = await call('DELETE', '/api/v2/users/me');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 404, message: 'No route for DELETE /api/v2/users/me' } });
    expect((await call('GET', '/api/v2/offices')).body).toMatchObject({ error: { code: 404 } });
  });

  it('records applied true for a successful PATCH and false for a rejected one', async () => {
    await call('PATCH', '/api/v2/users/me', { job_title: 'CEO' });
    await call('PATCH', '/api/v2/users/me', { state: 'pending' });
    expect(sim.ledger().entries.map(({ status, applied }) => ({ status, applied }))).toEqual([
      { status: 200, applied: true },
      { status: 400, applied: false },
    ]);
  });
});

describe('rate limit: 20 req/s per company, 1200/min per users endpoint', () => {
  it('answers the 21st request in a second with 429, Retry-After and Dialpad\'s body, until the second has passed', async () => {
    let clock = 1_700_000_000_000;
    const limited = createDialpadSimulator({ seed: 7, now: () => clock });
    const url = await limited.listen();
    try {
      for (let i = 0; i < 20; i++) expect((await request(url, 'GET', '/api/v2/users/me')).status).toBe(200);
      const { status, headers, body } = await request(url, 'GET', '/api/v2/users?limit=1');
      expect(status).toBe(429);
      expect(headers.get('retry-after')).toBe('1');
      expect(body).toEqual({ error: { code: 429, message: 'Rate limit exceeded: 20 requests per second' } });
      clock += 1000;
      expect((await request(url, 'GET', '/api/v2/users/me')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('counts each users endpoint per minute, and settings turn both limits off', async () => {
    const admin = (settings: object) => call('PATCH', '/__admin/settings', settings);
    expect((await admin({ perSecond: null, perMinute: 3 })).body).toEqual({ perSecond: null, perMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call('GET', '/api/v2/users/me')).status).toBe(200);
    const { status, headers, body } = await call('GET', '/api/v2/users/me');
    expect(status).toBe(429);
    expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(WireDialpadError.parse(body).error.message).toBe('Rate limit exceeded: 3 requests per minute on GET /api/v2/users/{id}');
    expect((await call('GET', '/api/v2/users?limit=1')).status).toBe(200);

    expect((await admin({ perMinute: null })).status).toBe(200);
    const statuses = await Promise.all(Array.from({ length: 30 }, () => call('GET', '/api/v2/users/me')));
    expect(statuses.every((response) => response.status === 200)).toBe(true);
    expect((await admin({ perSecond: 'fast' })).status).toBe(400);
  });
});

describe('faults and seed data', () => {
  it('answers an injected 503 in Dialpad\'s shape with Retry-After, without applying the write', async () => {
    sim.faults.add({ kind: 'status', status: 503, retryAfterSeconds: 2 });
    const { status, headers, body } = await call('PATCH', '/api/v2/users/me', { job_title: 'CEO' });
    expect(status).toBe(503);
    expect(headers.get('retry-after')).toBe('2');
    expect(body).toEqual({ error: { code: 503, message: 'Service unavailable' } });
    expect(sim.ledger().entries).toMatchObject([{ applied: false, delivery: 'status' }]);
  });

  it('is deterministic per seed, ids are unique, and the shared people of the directory are in it', async () => {
    const ids = async (seed: number) => {
      const other = createDialpadSimulator({ seed });
      const response = await other.fetch(new Request('http://sim/api/v2/users?limit=5', { headers: auth }));
      return ((await response.json()) as WireDialpadPage).items.map((user) => user.id);
    };
    expect(await ids(7)).toEqual((await page('?limit=5')).items.map((user) => user.id));
    expect(await ids(8)).not.toEqual(await ids(7));

    const users = await allUsers();
    expect(new Set(users.map((user) => user.id)).size).toBe(200);
    expect(new Set(users.map((user) => user.company_id)).size).toBe(1);
    const emails = users.flatMap((user) => (user.emails ?? []).map((email) => email.toLowerCase()));
    const shared = createPeople({ seed: 7 }).shared.filter((person) => person.vendors.includes('dialpad'));
    expect(shared.length).toBeGreaterThan(20);
    for (const person of shared) expect(emails).toContain(person.email);
    expect(new Set(users.map((user) => user.on_duty_status).filter(Boolean))).toEqual(new Set(DIALPAD_ON_DUTY_STATUSES));
  });
});
