import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError, WriteRejected } from '../../errors.js';
import { createHttpClient, type HttpClient, type VendorRequest } from '../http.js';
import type { CanonicalPatch, CanonicalUser, UserConnector } from '../types.js';
import { createDialpadClient, type DialpadClient } from './client.js';
import { createDialpadConnector } from './index.js';
import {
  decodeDialpadRejection, decodeDialpadUser, DIALPAD_READABLE_FIELDS, DIALPAD_WRITABLE_FIELDS, encodeDialpadPatch, holdsEmail, isDialpadId,
  planDialpadUpdate, readDialpadUser, type DialpadDetails, type DialpadPatchInput,
} from './mapping.js';
import { createDialpadSimulator, DIALPAD_SANDBOX_KEY } from './simulator.js';
import { DIALPAD_ON_DUTY_STATUSES, DIALPAD_STATES, type WireDialpadUser } from './wire.js';

// Dialpad's mapping as tables (wire fixture → canonical value), then the client and connector against the simulator.

type User = WireDialpadUser & { id: string };

const NULLS: User = {
  id: '9223372036854775807', first_name: null, last_name: null, display_name: null, emails: null, phone_numbers: null,
  forwarding_numbers: null, extension: null, job_title: null, language: null, timezone: null, image_url: null, state: null,
  on_duty_status: null, is_available: null, is_admin: null, is_super_admin: null, international_dialing_enabled: null,
  do_not_disturb: null, license: null, office_id: null, admin_office_ids: null, company_id: null, date_added: null,
  date_active: null, status_message: null,
};

const JANE: User = {
  id: '5123456789012345678', first_name: 'Jane', last_name: 'de Vries', display_name: 'Jane de Vries',
  emails: ['jane@example.com', 'j.devries@mail.example.org'], phone_numbers: ['+31612345678', '+31712345678'],
  forwarding_numbers: ['+31201234567'], extension: '1001', job_title: 'Team Lead', language: 'nl', timezone: 'Europe/Amsterdam',
  image_url: 'https://cdn.dialpad.example/avatars/5123456789012345678.png', state: 'active', on_duty_status: 'occupied-end',
  is_available: true, is_admin: true, is_super_admin: false, international_dialing_enabled: false, do_not_disturb: false,
  license: 'talk', office_id: '4000000000000000011', admin_office_ids: ['4000000000000000011'], company_id: '6999999999999999999',
  date_added: '2021-03-04T05:06:07', date_active: '2024-01-02T03:04:05', status_message: 'Zoom: Weekly sync',
};

const decode = (overrides: Partial<Omit<WireDialpadUser, 'id'>>) => decodeDialpadUser({ ...JANE, ...overrides });
const detailsOf = (user: CanonicalUser) => user.details as DialpadDetails;

describe('decodeDialpadUser', () => {
  it('maps a full user onto the canonical fields and the rest onto details', () => {
    expect(decodeDialpadUser(JANE)).toEqual({
      vendor: 'dialpad', vendorUserId: '5123456789012345678',
      firstName: 'Jane', lastName: 'de Vries', fullName: 'Jane de Vries', initials: 'JV',
      email: 'jane@example.com', emails: ['jane@example.com', 'j.devries@mail.example.org'], username: null,
      phoneNumber: '+31612345678', phoneNumbers: ['+31612345678', '+31712345678'],
      status: 'ACTIVE', availability: 'BUSY', language: 'nl', timeZone: 'Europe/Amsterdam', jobTitle: 'Team Lead', extension: '1001',
      avatarUrl: 'https://cdn.dialpad.example/avatars/5123456789012345678.png', isAdmin: true,
      createdAt: new Date('2021-03-04T05:06:07Z'), updatedAt: null,
      details: {
        vendor: 'dialpad', state: 'active', onDutyStatus: 'occupied-end', forwardingNumbers: ['+31201234567'], isAvailable: true,
        isSuperAdmin: false, internationalDialingEnabled: false, doNotDisturb: false, license: 'talk',
        officeId: '4000000000000000011', adminOfficeIds: ['4000000000000000011'], companyId: '6999999999999999999',
        dateActive: new Date('2024-01-02T03:04:05Z'), statusMessage: 'Zoom: Weekly sync',
      },
      raw: JANE,
    });
  });

  it('reads a user whose every field is null (all are documented nullable) without inventing values', () => {
    expect(decodeDialpadUser(NULLS)).toEqual({
      vendor: 'dialpad', vendorUserId: '9223372036854775807',
      firstName: null, lastName: null, fullName: null, initials: null, email: null, emails: [], username: null,
      phoneNumber: null, phoneNumbers: [], status: 'UNKNOWN', availability: null, language: null, timeZone: null,
      jobTitle: null, extension: null, avatarUrl: null, isAdmin: null, createdAt: null, updatedAt: null,
      details: {
        vendor: 'dialpad', state: null, onDutyStatus: null, forwardingNumbers: [], isAvailable: null, isSuperAdmin: null,
        internationalDialingEnabled: null, doNotDisturb: null, license: null, officeId: null, adminOfficeIds: [],
        companyId: null, dateActive: null, statusMessage: null,
      },
      raw: NULLS,
    });
  });

  it.each([
    ['active', 'ACTIVE'],
    ['suspended', 'SUSPENDED'],
    ['pending', 'PENDING'],
    ['cancelled', 'DELETED'],
    ['deleted', 'DELETED'],
    // Unknown must claim neither "works" nor "gone": UNKNOWN, documented in the schema.
    [null, 'UNKNOWN'],
  ] as const)('state %j → status %s', (state, status) => {
    expect(decode({ state }).status).toBe(status);
    expect(detailsOf(decode({ state })).state).toBe(state);
  });

  it('has a status for every state Dialpad documents', () => {
    expect(DIALPAD_STATES.map((state) => decode({ state }).status)).not.toContain(undefined);
  });

  it.each([
    ['available', 'AVAILABLE'],
    ['unavailable', 'UNAVAILABLE'],
    ['busy', 'BUSY'],
    ['occupied', 'BUSY'],
    ['occupied-end', 'BUSY'],
    ['wrapup', 'BUSY'],
    ['wrapup-end', 'BUSY'],
    [null, null],
  ] as const)('on_duty_status %j → availability %j', (on_duty_status, availability) => {
    expect(decode({ on_duty_status }).availability).toBe(availability);
    expect(detailsOf(decode({ on_duty_status })).onDutyStatus).toBe(on_duty_status);
  });

  it('covers every on_duty_status Dialpad documents', () => {
    expect(DIALPAD_ON_DUTY_STATUSES.map((on_duty_status) => decode({ on_duty_status }).availability)).not.toContain(undefined);
  });

  it.each([
    [true, true, true],
    [true, false, true],
    [false, true, true],
    [false, false, false],
    [true, null, true],
    [null, true, true],
    [false, null, false],
    [null, false, false],
    [null, null, null],
  ] as const)('is_admin %j, is_super_admin %j → isAdmin %j', (is_admin, is_super_admin, isAdmin) => {
    expect(decode({ is_admin, is_super_admin }).isAdmin).toBe(isAdmin);
  });

  it.each([
    [['b@example.com', 'a@example.com'], 'b@example.com', ['b@example.com', 'a@example.com']],
    [['only@example.com'], 'only@example.com', ['only@example.com']],
    [[], null, []],
    [null, null, []],
  ])('emails %j → primary %j', (emails, email, all) => {
    expect(decode({ emails })).toMatchObject({ email, emails: all });
  });

  it.each([
    [['+31612345678', '+31712345678'], '+31612345678'],
    [[], null],
    [null, null],
  ])('phone_numbers %j → phoneNumber %j', (phone_numbers, phoneNumber) => {
    expect(decode({ phone_numbers })).toMatchObject({ phoneNumber, phoneNumbers: phone_numbers ?? [] });
  });

  it.each([
    ['2021-03-04T05:06:07', '2021-03-04T05:06:07.000Z'],
    ['2021-03-04T05:06:07.250', '2021-03-04T05:06:07.250Z'],
    ['2021-03-04T05:06:07Z', '2021-03-04T05:06:07.000Z'],
    ['2021-03-04T07:06:07+02:00', '2021-03-04T05:06:07.000Z'],
    ['not a date', null],
    ['', null],
    [null, null],
  ])('date %j is read as UTC → %j', (date, iso) => {
    const user = decode({ date_added: date, date_active: date });
    expect(user.createdAt?.toISOString() ?? null).toBe(iso);
    expect(detailsOf(user).dateActive?.toISOString() ?? null).toBe(iso);
  });

  it.each([
    [{ display_name: 'Jane de Vries', first_name: 'J', last_name: 'V' }, 'Jane de Vries', 'JV'],
    [{ display_name: null, first_name: 'Jane', last_name: 'de Vries' }, 'Jane de Vries', 'JV'],
    [{ display_name: '', first_name: 'Jane', last_name: null }, 'Jane', 'J'],
    [{ display_name: 'Front Desk', first_name: null, last_name: null }, 'Front Desk', null],
    [{ display_name: '  ', first_name: '', last_name: '' }, null, null],
  ])('names %j → fullName %j, initials %j', (names, fullName, initials) => {
    expect(decode(names)).toMatchObject({ fullName, initials });
  });

  it('reads empty strings as not set', () => {
    const user = decode({ first_name: '', job_title: '', extension: '', language: ' ', timezone: '', image_url: '', office_id: '', status_message: '' });
    expect(user).toMatchObject({ firstName: null, jobTitle: null, extension: null, language: null, timeZone: null, avatarUrl: null });
    expect(user.details).toMatchObject({ officeId: null, statusMessage: null });
  });

  it('keeps int64 ids above 2^53 exact, as strings', () => {
    const ids = { id: '9007199254740993', office_id: '9223372036854775807', company_id: '18446744073709551615', admin_office_ids: ['9007199254740993'] };
    expect(String(Number(ids.id))).not.toBe(ids.id);
    const user = decodeDialpadUser({ ...JANE, ...ids });
    expect(user.vendorUserId).toBe('9007199254740993');
    expect(user.details).toMatchObject({ officeId: '9223372036854775807', companyId: '18446744073709551615', adminOfficeIds: ['9007199254740993'] });
  });

  it('reports every canonical field but username and updatedAt as readable', () => {
    expect(DIALPAD_READABLE_FIELDS).toEqual([
      'firstName', 'lastName', 'fullName', 'initials', 'email', 'emails', 'phoneNumber', 'phoneNumbers', 'status',
      'availability', 'language', 'timeZone', 'jobTitle', 'extension', 'avatarUrl', 'isAdmin', 'createdAt',
    ]);
  });
});

describe('holdsEmail: what findByEmail keeps of what Dialpad matched', () => {
  it.each([
    [['jane@example.com'], 'JANE@Example.com', true],
    [['other@example.com', 'jane@example.com'], 'jane@example.com', true],
    [['jane@example.com.evil'], 'jane@example.com', false],
    [['xjane@example.com'], 'jane@example.com', false],
    [[], 'jane@example.com', false],
    [null, 'jane@example.com', false],
  ])('emails %j, asked %j → %j', (emails, email, kept) => {
    expect(holdsEmail({ emails: emails ?? [] }, email)).toBe(kept);
  });
});

describe('isDialpadId', () => {
  it.each([
    ['5123456789012345678', true],
    ['18446744073709551615', true],
    ['1', true],
    ['123456789012345678901', false],
    ['me', false],
    ['007', false],
    ['0', false],
    ['', false],
    ['-1', false],
    ['12 3', false],
    ['../admin?x=1', false],
  ])('%j → %j', (id, valid) => {
    expect(isDialpadId(id)).toBe(valid);
  });
});

/** An HttpClient that answers from a script, for shapes the simulator never sends. */
function scripted(...bodies: unknown[]): HttpClient & { sent: VendorRequest[] } {
  const sent: VendorRequest[] = [];
  return {
    sent,
    send: async (request) => {
      sent.push(request);
      return { status: 200, headers: {}, body: bodies.shift() };
    },
    close: async () => {},
  };
}

describe('client: what Dialpad may send that the simulator does not', () => {
  it('reads an omitted field as null, as the docs call every field nullable, without noting drift', async () => {
    const { id, first_name } = JANE;
    const noted: string[] = [];
    const user = readDialpadUser(await createDialpadClient(scripted({ id, first_name }), 'k').getUser(id), (fields) => noted.push(...fields));
    expect(user).toMatchObject({ firstName: 'Jane', emails: [], status: 'UNKNOWN' });
    expect(noted).toEqual([]);
  });

  it('reads an unknown state as UNKNOWN, keeps the value in raw and notes the drift', async () => {
    const noted: string[] = [];
    const user = readDialpadUser({ ...JANE, state: 'archived' }, (fields) => noted.push(...fields));
    expect(user).toMatchObject({ firstName: 'Jane', status: 'UNKNOWN', details: { state: null }, raw: { state: 'archived' } });
    expect(noted).toEqual(['state']);
  });

  it.each([
    ['no id', { ...NULLS, id: null }],
    ['an id as a number', { ...JANE, id: 5123456789012345 }],
  ])('refuses a user with %s as BAD_VENDOR_RESPONSE', async (_, body) => {
    const error = await Promise.resolve(createDialpadClient(scripted(body), 'k').getUser('1')).then((payload) => readDialpadUser(payload)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toBe('BAD_VENDOR_RESPONSE');
  });

  it('treats a null or empty cursor as the last page', async () => {
    const client = createDialpadClient(scripted({ items: [JANE], cursor: '' }, { items: [NULLS], cursor: null }), 'k');
    expect(await client.listPage(undefined)).toEqual({ users: [JANE], cursor: null });
    expect(await client.listPage(undefined)).toEqual({ users: [NULLS], cursor: null });
  });

  it('stops a cursor that repeats instead of looping forever', async () => {
    const http = scripted({ items: [JANE], cursor: 'a' }, { items: [], cursor: 'b' }, { items: [], cursor: 'a' });
    const error = await createDialpadClient(http, 'k').findByEmail('jane@example.com').catch((e: unknown) => e);
    expect((error as UpstreamError).code).toBe('BAD_VENDOR_RESPONSE');
    expect(http.sent.map((request) => request.query?.cursor)).toEqual([undefined, 'a', 'b']);
  });
});

describe('client and connector against the simulator, over HTTP', () => {
  const sim = createDialpadSimulator({ seed: 5, users: 250 });
  let http: HttpClient;
  let client: DialpadClient;
  let connector: UserConnector;
  const calls = () => sim.requests().entries.map((entry) => `${entry.method} ${entry.url}`);

  beforeAll(async () => {
    const baseUrl = await sim.listen();
    http = createHttpClient({ vendor: 'dialpad', baseUrl, timeoutMs: 2000, concurrency: 4 });
    client = createDialpadClient(http, DIALPAD_SANDBOX_KEY);
    connector = createDialpadConnector({ baseUrl, apiKey: DIALPAD_SANDBOX_KEY, timeoutMs: 2000, concurrency: 4 });
  });
  afterAll(async () => {
    await Promise.all([http.close(), connector.close()]);
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    // The 20 req/s limit is Dialpad's to enforce on real traffic, not these tests' subject.
    Object.assign(sim.app.settings, { perSecond: null, perMinute: null });
  });

  it('gets the bare user with a Bearer key and keeps its 19-digit id exact', async () => {
    const [first] = (await client.listPage(undefined, undefined, 1)).users as WireDialpadUser[];
    sim.clearRecords();
    const user = (await client.getUser(first?.id ?? '')) as WireDialpadUser & { id: string };
    expect(user).toEqual(first);
    expect(BigInt(user.id)).toBeGreaterThan(2n ** 53n);
    expect(calls()).toEqual([`GET /api/v2/users/${user.id}`]);
    expect(sim.requests().entries[0]?.headers.authorization).toBe('[redacted]');
  });

  it('encodes ids into the path and reports an unknown one as NOT_FOUND', async () => {
    const error = await client.getUser('../x y').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    expect(calls()).toEqual(['GET /api/v2/users/..%2Fx%20y']);
  });

  it('refuses a wrong key as VENDOR_ERROR 401', async () => {
    const error = await createDialpadClient(http, 'nope').getUser('1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VENDOR_ERROR', httpStatus: 401 });
  });

  it('walks the directory by cursor, 100 per page with state=all, one page after the other', async () => {
    const first = await client.listPage(undefined);
    const second = await client.listPage(first.cursor ?? undefined);
    const third = await client.listPage(second.cursor ?? undefined);
    expect([first, second, third].map((page) => page.users.length)).toEqual([100, 100, 50]);
    expect(third.cursor).toBeNull();
    sim.clearRecords();

    const users = await connector.listAllUsers();
    expect(users.map((user) => user.vendorUserId)).toEqual([first, second, third].flatMap((page) => (page.users as WireDialpadUser[]).map((user) => user.id)));
    expect(new Set(users.map((user) => user.status))).toEqual(new Set(['ACTIVE', 'SUSPENDED', 'PENDING', 'DELETED']));
    expect(calls()).toEqual([
      'GET /api/v2/users?limit=100&state=all',
      `GET /api/v2/users?limit=100&state=all&cursor=${first.cursor}`,
      `GET /api/v2/users?limit=100&state=all&cursor=${second.cursor}`,
    ]);
  });

  it('finds a user by a secondary address given in another letter case, in one call', async () => {
    const users = await connector.listAllUsers();
    const target = users.find((user) => user.emails.length === 2) as CanonicalUser;
    const address = target.emails[1] ?? '';
    const shouted = address.toUpperCase();
    expect(shouted).not.toBe(address);
    sim.clearRecords();

    expect(((await client.findByEmail(shouted)) as WireDialpadUser[]).map((user) => user.id)).toEqual([target.vendorUserId]);
    expect((await connector.findByEmail?.(shouted))?.map((user) => user.vendorUserId)).toEqual([target.vendorUserId]);
    const query = new URLSearchParams({ email: shouted, state: 'all' }).toString();
    expect(calls()).toEqual([`GET /api/v2/users?${query}`, `GET /api/v2/users?${query}`]);
  });

  it('finds nobody for an address no one has', async () => {
    expect(await connector.findByEmail?.('nobody@example.com')).toEqual([]);
    expect(calls()).toEqual(['GET /api/v2/users?email=nobody%40example.com&state=all']);
  });

  it('gets a batch with one GET per valid id; `me` and leading zeros fail without a call', async () => {
    const [a, b] = (await client.listPage(undefined, undefined, 2)).users as WireDialpadUser[];
    sim.clearRecords();
    const slots = await connector.getUsers([a?.id ?? '', 'me', `0${b?.id}`, b?.id ?? '']);
    expect(slots.map((slot) => (slot instanceof UpstreamError ? slot.code : (slot as CanonicalUser).vendorUserId))).toEqual([a?.id, 'NOT_FOUND', 'NOT_FOUND', b?.id]);
    expect(calls().sort()).toEqual([`GET /api/v2/users/${a?.id}`, `GET /api/v2/users/${b?.id}`].sort());
  });

  it('pings with a one-user page', async () => {
    await connector.ping();
    expect(calls()).toEqual(['GET /api/v2/users?limit=1&state=all']);
  });
});

describe('write mapping', () => {
  const current = decodeDialpadUser(JANE);
  const plan = (patch: CanonicalPatch, vendorPatch?: DialpadPatchInput) => planDialpadUpdate(current, patch, vendorPatch as Record<string, unknown> | undefined);

  it('writes every canonical field but availability and language (read-only at Dialpad)', () => {
    expect(DIALPAD_WRITABLE_FIELDS).toEqual(['firstName', 'lastName', 'email', 'phoneNumber', 'status', 'jobTitle', 'extension']);
  });

  it.each<[string, CanonicalPatch, Record<string, unknown>]>([
    ['firstName', { firstName: 'Janet' }, { first_name: 'Janet' }],
    ['lastName', { lastName: 'Visser' }, { last_name: 'Visser' }],
    ['jobTitle', { jobTitle: 'Engineer' }, { job_title: 'Engineer' }],
    ['jobTitle null clears with ""', { jobTitle: null }, { job_title: '' }],
    ['extension', { extension: '2002' }, { extension: '2002' }],
    ['extension null clears with ""', { extension: null }, { extension: '' }],
    ['status SUSPENDED', { status: 'SUSPENDED' }, { state: 'suspended' }],
    ['a new email first, the others kept', { email: 'new@example.com' }, { emails: ['new@example.com', 'jane@example.com', 'j.devries@mail.example.org'] }],
    ['a secondary email promoted, compared in any case', { email: 'J.DeVries@mail.example.org' }, { emails: ['J.DeVries@mail.example.org', 'jane@example.com'] }],
    ['an assigned number promoted, the others after it', { phoneNumber: '+31712345678' }, { phone_numbers: ['+31712345678', '+31612345678'] }],
    [
      'several fields in one body',
      { firstName: 'Janet', status: 'SUSPENDED', extension: '7' },
      { first_name: 'Janet', state: 'suspended', extension: '7' },
    ],
  ])('%s → the exact wire body', (_, patch, body) => {
    expect(plan(patch)).toMatchObject({ body, issues: [] });
  });

  it.each<[string, CanonicalPatch]>([
    ['status ACTIVE', { status: 'ACTIVE' }],
    ['the primary email again', { email: 'jane@example.com' }],
    ['the primary number again', { phoneNumber: '+31612345678' }],
    ['the first name it has', { firstName: 'Jane' }],
  ])('%s: a value already held is no change and nothing to send', (_, patch) => {
    expect(plan(patch)).toEqual({ body: {}, changes: [], issues: [] });
  });

  it('sends status ACTIVE for an account not yet read (planned before the read)', () => {
    expect(planDialpadUpdate(null, { status: 'ACTIVE' }, undefined).body).toEqual({ state: 'active' });
  });

  it('lists changes with the value before and the value asked for', () => {
    expect(plan({ firstName: 'Janet', jobTitle: null, status: 'SUSPENDED' }).changes).toEqual([
      { field: 'firstName', before: 'Jane', after: 'Janet' },
      { field: 'status', before: 'ACTIVE', after: 'SUSPENDED' },
      { field: 'jobTitle', before: 'Team Lead', after: null },
    ]);
  });

  it.each<[string, CanonicalPatch, { field: string; acceptedValues?: readonly string[] }]>([
    ['availability (read-only)', { availability: 'AVAILABLE' }, { field: 'availability' }],
    ['language (read-only)', { language: 'nl' }, { field: 'language' }],
    ['status INACTIVE', { status: 'INACTIVE' }, { field: 'status', acceptedValues: ['ACTIVE', 'SUSPENDED'] }],
    ['status PENDING', { status: 'PENDING' }, { field: 'status', acceptedValues: ['ACTIVE', 'SUSPENDED'] }],
    ['status DELETED', { status: 'DELETED' }, { field: 'status', acceptedValues: ['ACTIVE', 'SUSPENDED'] }],
    ['status null', { status: null }, { field: 'status' }],
    ['firstName null', { firstName: null }, { field: 'firstName' }],
    ['lastName null', { lastName: null }, { field: 'lastName' }],
    ['email null', { email: null }, { field: 'email' }],
    ['phoneNumber null (clearing removes numbers)', { phoneNumber: null }, { field: 'phoneNumber' }],
    ['a number not assigned to the user', { phoneNumber: '+31699999999' }, { field: 'phoneNumber', acceptedValues: ['+31612345678', '+31712345678'] }],
  ])('refuses %s', (_, patch, issue) => {
    const { body, changes, issues } = plan(patch);
    expect(issues).toEqual([expect.objectContaining(issue)]);
    expect(issues[0]?.acceptedValues).toEqual(issue.acceptedValues);
    expect(issues[0]?.reason).toMatch(/Dialpad/);
    expect(body).toEqual({});
    expect(changes).toEqual([]);
  });

  it('before the account is read, refuses only what any account would refuse', () => {
    const early = (patch: CanonicalPatch) => planDialpadUpdate(null, patch, undefined);
    // The number cannot be checked yet: a placeholder body, no refusal.
    expect(early({ phoneNumber: '+31699999999' })).toEqual({ body: { phone_numbers: ['+31699999999'] }, changes: [{ field: 'phoneNumber', before: null, after: '+31699999999' }], issues: [] });
    expect(early({ email: 'new@example.com' }).body).toEqual({ emails: ['new@example.com'] });
    expect(early({ phoneNumber: null }).issues.map((issue) => issue.field)).toEqual(['phoneNumber']);
    expect(early({ status: 'PENDING', language: 'en' }).issues.map((issue) => issue.field)).toEqual(['status', 'language']);
  });

  it('offers no number when the user holds none', () => {
    const bare = decodeDialpadUser({ ...JANE, phone_numbers: [] });
    expect(planDialpadUpdate(bare, { phoneNumber: '+31612345678' }, undefined).issues).toEqual([expect.objectContaining({ field: 'phoneNumber', acceptedValues: [] })]);
  });

  it('encodes the dialpad patch to the snake_case body, office ids as strings of digits', () => {
    const input: DialpadPatchInput = {
      license: 'lite_support_agents', officeId: '4000000000000000099', adminOfficeIds: ['4000000000000000011', '4000000000000000099'],
      isSuperAdmin: true, internationalDialingEnabled: true, forwardingNumbers: ['+31201111111'], keepPaidNumbers: false,
      presenceStatus: { provider: 'Zoom', message: 'Weekly sync', type: 'conference' },
    };
    expect(encodeDialpadPatch(input, current)).toEqual({
      body: {
        license: 'lite_support_agents', is_super_admin: true, international_dialing_enabled: true, office_id: '4000000000000000099',
        admin_office_ids: ['4000000000000000011', '4000000000000000099'], forwarding_numbers: ['+31201111111'],
        presence_status: { provider: 'Zoom', message: 'Weekly sync', type: 'conference' }, keep_paid_numbers: false,
      },
      changes: [
        { field: 'dialpad.license', before: 'talk', after: 'lite_support_agents' },
        { field: 'dialpad.isSuperAdmin', before: false, after: true },
        { field: 'dialpad.internationalDialingEnabled', before: false, after: true },
        { field: 'dialpad.officeId', before: '4000000000000000011', after: '4000000000000000099' },
        { field: 'dialpad.adminOfficeIds', before: ['4000000000000000011'], after: ['4000000000000000011', '4000000000000000099'] },
        { field: 'dialpad.forwardingNumbers', before: ['+31201234567'], after: ['+31201111111'] },
        { field: 'dialpad.presenceStatus.provider', before: null, after: 'Zoom' },
        { field: 'dialpad.presenceStatus.message', before: null, after: 'Weekly sync' },
        { field: 'dialpad.presenceStatus.type', before: null, after: 'conference' },
      ],
      issues: [],
    });
  });

  it('merges the dialpad patch with canonical fields into one body', () => {
    expect(plan({ firstName: 'Janet' }, { isSuperAdmin: false, officeId: 17 })).toMatchObject({ body: { first_name: 'Janet', is_super_admin: false, office_id: '17' }, issues: [] });
  });

  it('empties the lists with null', () => {
    expect(encodeDialpadPatch({ forwardingNumbers: null, adminOfficeIds: null }, current)).toMatchObject({
      body: { forwarding_numbers: [], admin_office_ids: [] },
      changes: [{ field: 'dialpad.adminOfficeIds', before: ['4000000000000000011'], after: [] }, { field: 'dialpad.forwardingNumbers', before: ['+31201234567'], after: [] }],
      issues: [],
    });
  });

  it.each<[string, DialpadPatchInput, string[]]>([
    ['null for what cannot be unset', { license: null, isSuperAdmin: null, internationalDialingEnabled: null, officeId: null }, ['dialpad.license', 'dialpad.isSuperAdmin', 'dialpad.internationalDialingEnabled', 'dialpad.officeId']],
    ['an office id that is not a Dialpad id', { officeId: 'main' }, ['dialpad.officeId']],
    ['an admin office id that is not a Dialpad id', { adminOfficeIds: ['1', '-2'] }, ['dialpad.adminOfficeIds']],
    ['a null presence status', { presenceStatus: null }, ['dialpad.presenceStatus']],
    ['a null part of the presence status', { presenceStatus: { provider: 'Zoom', message: null } }, ['dialpad.presenceStatus.message']],
    ['an empty presence status', { presenceStatus: {} }, ['dialpad.presenceStatus']],
    ['keepPaidNumbers without a license change', { keepPaidNumbers: true }, ['dialpad.keepPaidNumbers']],
    ['keepPaidNumbers null', { license: 'talk', keepPaidNumbers: null }, ['dialpad.keepPaidNumbers']],
  ])('refuses %s, before and after the account is read', (_, input, fields) => {
    for (const account of [null, current]) {
      const { issues } = planDialpadUpdate(account, {}, input as Record<string, unknown>);
      expect(issues.map((issue) => issue.field)).toEqual(fields);
    }
  });

  it('reports canonical and dialpad refusals together', () => {
    expect(plan({ language: 'en' }, { license: null }).issues.map((issue) => issue.field)).toEqual(['language', 'dialpad.license']);
  });

  it.each([
    ['state must be one of the following values: active, suspended', ['status']],
    ['first_name must be a single line', ['firstName']],
    ['last_name must be a string', ['lastName']],
    ['emails: jane@example.com belongs to another user', ['email']],
    ['emails.1 must be a valid email', ['email']],
    ['phone_numbers may only reorder or remove numbers; +31699999999 is not assigned to this user (use the assign number API)', ['phoneNumber']],
    ['job_title must be a single line', ['jobTitle']],
    ['extension must be a string of digits', ['extension']],
    ['office_id must be an integer (a number or a string of digits)', ['dialpad.officeId']],
    ['admin_office_ids.0 must be an integer', ['dialpad.adminOfficeIds']],
    ['presence_status.type must be one of the following values: conference, default', ['dialpad.presenceStatus.type']],
    ['forwarding_numbers.0 must be an E.164 phone number; forwarding_numbers.1 must be an E.164 phone number', ['dialpad.forwardingNumbers']],
    ['property nickname should not exist; state must be one of the following values: active, suspended', ['dialpad.nickname', 'status']],
    ['Invalid JSON body: Unexpected token', ['dialpad']],
    ['', ['dialpad']],
  ])('decodes the 400 %j onto %j, without the vendor text', (message, fields) => {
    const issues = decodeDialpadRejection(message);
    expect(issues.map((issue) => issue.field)).toEqual(fields);
    for (const issue of issues) expect(issue.reason).toBe('Dialpad rejected this value');
  });

  it('turns a 400 into WriteRejected and reads an empty 2xx as "no user in the answer"', async () => {
    const rejecting: HttpClient = {
      send: async () => ({ status: 400, headers: {}, body: { error: { code: 400, message: 'extension must be a string of digits' } } }),
      close: async () => {},
    };
    const error = await createDialpadClient(rejecting, 'k').updateUser('1', { extension: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteRejected);
    expect(error).toMatchObject({ vendor: 'dialpad', httpStatus: 400, fieldErrors: [{ field: 'extension', reason: 'Dialpad rejected this value' }] });

    const http = scripted(undefined);
    expect(await createDialpadClient(http, 'k').updateUser('5123456789012345678', { first_name: 'J' })).toBeNull();
    expect(http.sent).toEqual([expect.objectContaining({ method: 'PATCH', path: '/api/v2/users/5123456789012345678', body: { first_name: 'J' } })]);
  });
});
