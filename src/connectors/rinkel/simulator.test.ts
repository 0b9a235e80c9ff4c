import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeople } from '../../simulator/people.js';
import { createRinkelSimulator, RINKEL_SANDBOX_KEY } from './simulator.js';
import { WireRinkelUser, type WireRinkelPage } from './wire.js';
import { sendJson } from '../../simulator/testing.js';

// The Rinkel simulator read like Rinkel's docs (seeds 000, 002; VENDORS.md "Rinkel"), over real HTTP.

const sim = createRinkelSimulator({ seed: 7 });
let base = '';
const auth = { 'x-rinkel-api-key': RINKEL_SANDBOX_KEY };

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => sendJson(base + path, method, body, headers);

async function firstUser(): Promise<WireRinkelUser> {
  const { body } = await call('GET', '/users?perPage=1');
  return (body as unknown as WireRinkelPage).data[0] as WireRinkelUser;
}

beforeAll(async () => {
  base = await sim.listen();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('GET /users/{id} (seed 002)', () => {
  it('returns {"data": User} in the documented shape, availability in upper case', async () => {
    const user = await firstUser();
    const { status, body } = await call('GET', `/users/${user.id}`);
    expect(status).toBe(200);
    const parsed = WireRinkelUser.parse(body?.data);
    expect(parsed.id).toMatch(/^[0-9a-f]{24}$/);
    expect(['AVAILABLE', 'UNAVAILABLE']).toContain(parsed.availability);
    expect(parsed.fullName).toBe(`${parsed.firstName} ${parsed.lastName}`);
  });

  it('answers 404 in the NestJS shape for an unknown id', async () => {
    const { status, body } = await call('GET', '/users/000000000000000000000000');
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'User 000000000000000000000000 not found' });
  });
});

describe('auth: header x-rinkel-api-key', () => {
  it.each([
    ['missing', {}],
    ['wrong', { 'x-rinkel-api-key': 'not-the-key' }],
    ['sent as a bearer token', { authorization: `Bearer ${RINKEL_SANDBOX_KEY}` }],
  ])('refuses a %s key with 401', async (_, headers) => {
    const { status, body } = await call('GET', '/users', undefined, headers);
    expect(status).toBe(401);
    expect(body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});

describe('GET /users?page=&perPage= (list)', () => {
  it('defaults to 10 per page with meta.pagination and links', async () => {
    const { status, body } = await call('GET', '/users');
    const page = body as unknown as WireRinkelPage;
    expect(status).toBe(200);
    expect(page.data).toHaveLength(10);
    expect(page.meta.pagination).toEqual({ totalItems: 200, totalPages: 20, currentPage: 1, perPage: 10 });
    expect(page.links.previous).toBeNull();
    expect(page.links.next).toMatch(/\/users\?page=2&perPage=10$/);
    expect(page.links.last).toMatch(/\/users\?page=20&perPage=10$/);
  });

  it('walks every page without a repeat; the last page has no next link; past the end is empty', async () => {
    const seen = new Set<string>();
    for (let pageNo = 1; pageNo <= 4; pageNo++) {
      const page = (await call('GET', `/users?page=${pageNo}&perPage=50`)).body as unknown as WireRinkelPage;
      for (const user of page.data) seen.add(user.id);
      expect(page.links.next === null).toBe(pageNo === 4);
    }
    expect(seen.size).toBe(200);
    const past = (await call('GET', '/users?page=5&perPage=50')).body as unknown as WireRinkelPage;
    expect(past.data).toEqual([]);
    expect(past.meta.pagination.currentPage).toBe(5);
  });

  it.each(['perPage=51', 'perPage=0', 'page=0', 'page=abc'])('rejects %s with 400', async (query) => {
    const { status, body } = await call('GET', `/users?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });
});

describe('PATCH /users/{id} (seed 000)', () => {
  it('takes availability in lower case and shows it in upper case on the next GET', async () => {
    const user = await firstUser();
    const target = user.availability === 'AVAILABLE' ? 'unavailable' : 'available';
    const { status, body } = await call('PATCH', `/users/${user.id}`, { availability: target });
    expect(status).toBe(200);
    expect((body?.data as WireRinkelUser).availability).toBe(target.toUpperCase());
    const again = await call('GET', `/users/${user.id}`);
    expect((again.body?.data as WireRinkelUser).availability).toBe(target.toUpperCase());
  });

  it('rejects the read casing (AVAILABLE) and unknown values, naming the accepted ones', async () => {
    const user = await firstUser();
    for (const availability of ['AVAILABLE', 'busy']) {
      const { status, body } = await call('PATCH', `/users/${user.id}`, { availability });
      expect(status).toBe(400);
      expect(body?.message).toBe('availability must be one of the following values: available, unavailable');
    }
    expect(sim.ledger().entries.every((entry) => !entry.applied)).toBe(true);
  });

  it('derives E.164 from {countryIsoCode, number}', async () => {
    const user = await firstUser();
    const { body } = await call('PATCH', `/users/${user.id}`, { phoneNumber: { countryIsoCode: 'NL', number: '06 12345678' } });
    expect((body?.data as WireRinkelUser).phoneNumber).toEqual({ e164: '+31612345678', countryIsoCode: 'NL', countryCallingCode: 31, number: '612345678' });
  });

  it('merges nested preferences and notifications instead of replacing them', async () => {
    const user = await firstUser();
    const { body } = await call('PATCH', `/users/${user.id}`, {
      preferences: { language: 'sv', webphone: { callWaiting: { enabled: false } } },
      notifications: { voicemail: { channels: ['email'] } },
    });
    const next = body?.data as WireRinkelUser;
    expect(next.preferences).toEqual({
      ...user.preferences,
      language: 'sv',
      webphone: { ...user.preferences.webphone, callWaiting: { ...user.preferences.webphone.callWaiting, enabled: false } },
    });
    expect(next.notifications.voicemail).toEqual({ ...user.notifications.voicemail, channels: ['email'] });
    expect(next.notifications.missedCalls).toEqual(user.notifications.missedCalls);
  });

  it('recomputes fullName and initials from a new name', async () => {
    const user = await firstUser();
    const { body } = await call('PATCH', `/users/${user.id}`, { firstName: 'Jane', lastName: 'Doe' });
    expect(body?.data).toMatchObject({ firstName: 'Jane', lastName: 'Doe', fullName: 'Jane Doe', initials: 'JD' });
  });

  it.each([
    [{ insights: { enabled: false } }, 'property insights should not exist'],
    [{ fullName: 'X Y' }, 'property fullName should not exist'],
    [{ preferences: { language: 'en-US' } }, 'preferences.language must be one of the following values: en, nl, es, sv'],
    [{ email: 'not-an-email' }, 'email must be a valid email'],
    [{ phoneNumber: { countryIsoCode: 'NL', number: '12' } }, 'phoneNumber.number 12 is not a valid phone number for NL'],
  ])('rejects %j with 400 "%s" and applies nothing', async (patch, message) => {
    const user = await firstUser();
    const { status, body } = await call('PATCH', `/users/${user.id}`, patch);
    expect(status).toBe(400);
    expect(body?.message).toBe(message);
    expect((await call('GET', `/users/${user.id}`)).body?.data).toEqual(user);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const user = await firstUser();
    const { status } = await call('PATCH', `/users/${user.id}`, '{"firstName":');
    expect(status).toBe(400);
  });

  it('answers 404 for an unknown id and an unknown route', async () => {
    expect((await call('PATCH', '/users/ffffffffffffffffffffffff', { firstName: 'A' })).status).toBe(404);
    expect((await call('DELETE', '/users/ffffffffffffffffffffffff')).body?.message).toBe('Cannot DELETE /users/ffffffffffffffffffffffff');
  });
});

describe('seed data', () => {
  it('is deterministic per seed and holds the shared people of the directory', async () => {
    const again = createRinkelSimulator({ seed: 7 });
    const other = createRinkelSimulator({ seed: 8 });
    const request = () => new Request('http://sim/users?perPage=5', { headers: auth });
    const ids = async (s: typeof sim) => ((await (await s.fetch(request())).json()) as WireRinkelPage).data.map((u) => u.id);
    expect(await ids(again)).toEqual(await ids(sim));
    expect(await ids(other)).not.toEqual(await ids(sim));

    const shared = createPeople({ seed: 7 }).shared.filter((person) => person.vendors.includes('rinkel'));
    const emails: string[] = [];
    for (let page = 1; page <= 4; page++) emails.push(...((await call('GET', `/users?page=${page}&perPage=50`)).body as unknown as WireRinkelPage).data.map((u) => u.email.toLowerCase()));
    expect(shared.length).toBeGreaterThan(20);
    for (const person of shared) expect(emails).toContain(person.email);
  });
});
