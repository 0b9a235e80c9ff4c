import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calls, startTestApp, type TestApp } from './support/app.js';
import { readUser, resultSelection, updateUser } from './support/updates.js';

// updateUser on CommPeak accounts, end to end: the PUT CommPeak receives, and what the client gets back.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const DETAILS = `details { ... on CommpeakUserDetails {
  sipUri twofaType useWebrtc useExtendedIpAcl userRouteCallerId timezoneId predictiveDynamicExtension
  maxSessionTime maxConcurrentSessions memberAllSkillGroups memberAllDesks isPredictiveClockedIn } }`;
const USER = `id firstName lastName fullName email username status availability language extension ${DETAILS}`;

type Result = Record<string, unknown> & { __typename: string };
interface Listed { id: string; vendorUserId: string; status: string; username: string }
let accounts: Listed[] = [];
/** The first CommPeak account: ACTIVE in the seed. */
let target: Listed;

beforeEach(async () => {
  const { data } = await app.graphql<{ users: { edges: { node: Listed }[] } }>('{ users(first: 100, filter: { vendors: [COMMPEAK] }) { edges { node { id vendorUserId status username } } } }');
  accounts = data?.users.edges.map((edge) => edge.node) ?? [];
  target = accounts[0] ?? { id: '', vendorUserId: '', status: '', username: '' };
  expect(target.status).toBe('ACTIVE');
  app.simulators.commpeak.clearRecords();
});

const update = (fields: Record<string, unknown>, account: { id: string } = target) => updateUser<Result>(app, { id: account.id, ...fields }, USER);
const reread = (account: { id: string } = target) => readUser<Record<string, unknown>>(app, account.id, USER);
const puts = () => app.simulators.commpeak.requests().entries.filter((entry) => entry.method === 'PUT').map((entry) => [entry.method, entry.url, entry.body]);
const ledger = () => app.simulators.commpeak.ledger().entries;
const accountWith = (status: string) => {
  const account = accounts.find((candidate) => candidate.status === status);
  if (!account) throw new Error(`the seed has no ${status} CommPeak account in its first 100`);
  return account;
};

/** Whether `actual` holds every value of `expected` (objects compared key by key). */
function holds(actual: unknown, expected: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    return actual !== null && typeof actual === 'object' && Object.entries(expected).every(([key, value]) => holds((actual as Record<string, unknown>)[key], value));
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** An ACTIVE account that does not hold `expected` yet: a value already held is no change and is not sent. */
async function accountNotHolding(expected: Record<string, unknown>): Promise<Listed> {
  for (const account of accounts.filter((candidate) => candidate.status === 'ACTIVE')) {
    if (!holds(await reread(account), expected)) {
      app.simulators.commpeak.clearRecords();
      return account;
    }
  }
  throw new Error(`every ACTIVE CommPeak account in the first 100 holds ${JSON.stringify(expected)}`);
}

describe('updateUser on CommPeak', () => {
  it.each([
    [{ firstName: 'Zoë' }, { first_name: 'Zoë' }, { firstName: 'Zoë' }],
    [{ lastName: 'van Dijk' }, { last_name: 'van Dijk' }, { lastName: 'van Dijk' }],
    [{ email: 'zoe.vandijk@example.org' }, { email: 'zoe.vandijk@example.org' }, { email: 'zoe.vandijk@example.org' }],
    [{ status: 'INACTIVE' }, { is_active: 0 }, { status: 'INACTIVE' }],
    [{ status: 'ACTIVE' }, { is_active: 1, is_deleted: 0 }, { status: 'ACTIVE' }],
    [{ availability: 'UNAVAILABLE' }, { is_clockedin: '0' }, { availability: 'UNAVAILABLE' }],
    [{ availability: 'AVAILABLE' }, { is_clockedin: '1' }, { availability: 'AVAILABLE' }],
    [{ language: 'es-ES' }, { default_language: 'es_ES' }, { language: 'es-ES' }],
    [{ language: 'pt-BR' }, { default_language: 'pt_BR' }, { language: 'pt-BR' }],
    [{ language: 'en-US' }, { default_language: 'en_US' }, { language: 'en-US' }],
    [{ extension: '4242' }, { virtual_extension: '4242' }, { extension: '4242' }],
    [{ extension: null }, { virtual_extension: '' }, { extension: null }],
  ])('writes %j as PUT body %j and returns the new value', async (input, body, expected) => {
    const account = 'status' in input && input.status === 'ACTIVE' ? accountWith('INACTIVE') : await accountNotHolding(expected);
    app.simulators.commpeak.clearRecords();
    const result = await update(input, account);
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: false, skippedFields: [], user: expected });
    expect(puts()).toEqual([['PUT', `/api/users/${account.vendorUserId}`, body]]);
    expect(ledger()).toMatchObject([{ applied: true, status: 200 }]);
    expect(await reread(account)).toMatchObject(expected);
  });

  it.each([
    [{ status: 'ACTIVE' }],
    [{ firstName: 'same', language: 'same' }],
  ])('sends nothing for %j when the account already holds it, and lists no change (dry run too)', async (input) => {
    const now = await reread();
    const same = Object.fromEntries(Object.keys(input).map((field) => [field, now[field]]));
    app.simulators.commpeak.clearRecords();
    for (const dryRun of [false, true]) {
      const result = await update({ ...same, dryRun });
      expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun, changes: [], skippedFields: [] });
    }
    expect(puts()).toEqual([]);
  });

  it('sends several canonical fields in one PUT and lists each change, after as CommPeak holds it', async () => {
    const before = await reread();
    app.simulators.commpeak.clearRecords();
    const result = await update({ firstName: 'Zoë', status: 'INACTIVE', availability: 'UNAVAILABLE', language: 'pt-BR' });
    expect(puts()).toEqual([['PUT', `/api/users/${target.vendorUserId}`, { first_name: 'Zoë', is_active: 0, is_clockedin: '0', default_language: 'pt_BR' }]]);
    expect(result.changes).toEqual([
      { field: 'firstName', before: before.firstName, after: 'Zoë' },
      { field: 'status', before: 'ACTIVE', after: 'INACTIVE' },
      { field: 'availability', before: before.availability, after: 'UNAVAILABLE' },
      { field: 'language', before: before.language, after: 'pt-BR' },
    ]);
    expect((result.user as { fullName: string }).fullName).toMatch(/^Zoë /);
  });

  it('restores a deleted account on ACTIVE: the result really reads ACTIVE', async () => {
    const deleted = accountWith('DELETED');
    const result = await update({ status: 'ACTIVE' }, deleted);
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { status: 'ACTIVE' }, changes: [{ field: 'status', before: 'DELETED', after: 'ACTIVE' }] });
    expect(puts()).toEqual([['PUT', `/api/users/${deleted.vendorUserId}`, { is_active: 1, is_deleted: 0 }]]);
    expect(await reread(deleted)).toMatchObject({ status: 'ACTIVE' });
  });

  it('activates an inactive account', async () => {
    const inactive = accountWith('INACTIVE');
    expect(await update({ status: 'ACTIVE' }, inactive)).toMatchObject({ __typename: 'UpdateUserSuccess', user: { status: 'ACTIVE' } });
    expect(puts()).toEqual([['PUT', `/api/users/${inactive.vendorUserId}`, { is_active: 1, is_deleted: 0 }]]);
  });

  it('refuses INACTIVE on a deleted account, which would still read DELETED, and writes nothing', async () => {
    const deleted = accountWith('DELETED');
    const result = await update({ status: 'INACTIVE' }, deleted);
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'status', acceptedValues: ['ACTIVE'] }] });
    expect(ledger()).toEqual([]);
  });

  const SECRET = 'N3wSipSecretQ9x';
  const PATCH = {
    username: 'zoe.vandijk',
    sipUri: 'sip:zoe.vandijk@sandbox.td.commpeak.com',
    twofaType: 'EMAIL',
    useWebrtc: true,
    useExtendedIpAcl: true,
    userRouteCallerId: 1,
    timezoneId: 17,
    predictiveDynamicExtension: '52002',
    maxSessionTime: 3600,
    maxConcurrentSessions: 3,
    memberAllSkillGroups: true,
    memberAllDesks: true,
    isPredictiveClockedIn: true,
    registrationPassword: SECRET,
  };

  it('round-trips every commpeak patch field; the SIP password is sent and never shown', async () => {
    const result = await update({ commpeak: PATCH });
    expect(result.__typename).toBe('UpdateUserSuccess');
    expect(puts()).toEqual([['PUT', `/api/users/${target.vendorUserId}`, {
      username: 'zoe.vandijk',
      sip_uri: 'sip:zoe.vandijk@sandbox.td.commpeak.com',
      twofa_type: 'email',
      use_webrtc: 1,
      use_extended_ip_acl: 1,
      user_route_caller_id: 1,
      timezone_id: 17,
      predictive_dynamic_extension: '52002',
      max_session_time: '3600',
      max_concurrent_sessions: '3',
      member_all_skill_groups: '1',
      member_all_desks: '1',
      is_predictive_clockedin: '1',
      registration_password: SECRET,
    }]]);
    const expected = {
      username: 'zoe.vandijk',
      details: {
        sipUri: 'sip:zoe.vandijk@sandbox.td.commpeak.com',
        twofaType: 'EMAIL',
        useWebrtc: true,
        useExtendedIpAcl: true,
        userRouteCallerId: 1,
        timezoneId: 17,
        predictiveDynamicExtension: '52002',
        maxSessionTime: 3600,
        maxConcurrentSessions: 3,
        memberAllSkillGroups: true,
        memberAllDesks: true,
        isPredictiveClockedIn: true,
      },
    };
    expect(result.user).toMatchObject(expected);
    expect(await reread()).toMatchObject(expected);
    const changes = result.changes as { field: string; before: unknown; after: unknown }[];
    // Only real changes are listed: a field that already held its value is no change.
    const patchFields = Object.keys(PATCH).map((field) => `commpeak.${field}`);
    expect(changes.map((change) => change.field).every((field) => patchFields.includes(field))).toBe(true);
    expect(changes.every((change) => JSON.stringify(change.before) !== JSON.stringify(change.after))).toBe(true);
    expect(changes).toContainEqual({ field: 'commpeak.username', before: target.username, after: 'zoe.vandijk' });
    expect(changes).toContainEqual({ field: 'commpeak.registrationPassword', before: null, after: '[write-only]' });
    const { text } = await app.graphql(`mutation ($input: UpdateUserInput!) { updateUser(input: $input) { ${resultSelection(USER)} } }`, { input: { id: target.id, dryRun: true, commpeak: { registrationPassword: SECRET } } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(text).not.toContain(SECRET);
  });

  it.each([
    ['twofaType', 'DISABLED', { twofa_type: 'disabled' }, { twofaType: 'DISABLED' }],
    ['useWebrtc', false, { use_webrtc: 0 }, { useWebrtc: false }],
    ['memberAllDesks', false, { member_all_desks: '0' }, { memberAllDesks: false }],
    ['maxSessionTime', 0, { max_session_time: '0' }, { maxSessionTime: 0 }],
    ['sipUri', null, { sip_uri: '' }, { sipUri: null }],
    ['predictiveDynamicExtension', null, { predictive_dynamic_extension: '' }, { predictiveDynamicExtension: null }],
  ])('writes commpeak.%s %j as %j', async (field, value, body, details) => {
    const account = await accountNotHolding({ details });
    const result = await update({ commpeak: { [field]: value } }, account);
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { details } });
    expect(puts()).toEqual([['PUT', `/api/users/${account.vendorUserId}`, body]]);
    expect(await reread(account)).toMatchObject({ details });
  });

  it('combines canonical fields and the commpeak patch in one PUT', async () => {
    const account = await accountNotHolding({ availability: 'UNAVAILABLE' });
    const result = await update({ availability: 'UNAVAILABLE', extension: '77', commpeak: { isPredictiveClockedIn: true, timezoneId: 5 } }, account);
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { availability: 'UNAVAILABLE', extension: '77', details: { isPredictiveClockedIn: true, timezoneId: 5 } } });
    expect(puts()).toEqual([['PUT', `/api/users/${account.vendorUserId}`, { is_clockedin: '0', virtual_extension: '77', is_predictive_clockedin: '1', timezone_id: 5 }]]);
  });

  it.each([
    ['a field CommPeak cannot write', { jobTitle: 'Agent' }, { field: 'jobTitle', acceptedValues: null }],
    ['a phone number (CommPeak has none)', { phoneNumber: '+31612345678' }, { field: 'phoneNumber', acceptedValues: null }],
    ['a language CommPeak cannot store exactly', { language: 'en' }, { field: 'language', acceptedValues: ['en-US', 'es-ES', 'pt-BR'] }],
    ['a well-formed tag that names an Object method', { language: 'toString' }, { field: 'language', acceptedValues: ['en-US', 'es-ES', 'pt-BR'] }],
    ['a status CommPeak cannot write', { status: 'SUSPENDED' }, { field: 'status', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    ['deleting through an update', { status: 'DELETED' }, { field: 'status', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    ['an availability CommPeak does not have', { availability: 'BUSY' }, { field: 'availability', acceptedValues: ['AVAILABLE', 'UNAVAILABLE'] }],
    ['clearing the email', { email: null }, { field: 'email', acceptedValues: null }],
    ['clearing a name', { firstName: null }, { field: 'firstName', acceptedValues: null }],
    ['clearing the username', { commpeak: { username: null } }, { field: 'commpeak.username', acceptedValues: null }],
    ['a negative session limit', { commpeak: { maxConcurrentSessions: -1 } }, { field: 'commpeak.maxConcurrentSessions', acceptedValues: null }],
    ['an empty SIP password', { commpeak: { registrationPassword: '' } }, { field: 'commpeak.registrationPassword', acceptedValues: null }],
    ['another vendor\'s patch', { rinkel: { preferences: { colorMode: 'DARK' } } }, { field: 'rinkel', acceptedValues: null }],
    ['an empty patch', {}, { field: 'patch', acceptedValues: null }],
    ['an empty commpeak patch', { commpeak: {} }, { field: 'patch', acceptedValues: null }],
  ])('refuses %s before any write', async (_, input, fieldError) => {
    const result = await update(input);
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([expect.objectContaining(fieldError)]);
    expect(ledger()).toEqual([]);
    expect(calls(app.simulators, 'commpeak').filter((call) => !call.startsWith('GET '))).toEqual([]);
  });

  it('maps a refusal only CommPeak makes back to the canonical field, with our words, and applies nothing', async () => {
    // The EmailAddress scalar takes a host without a dot; CommPeak's validator does not.
    const result = await update({ email: 'zoe@localhost' });
    expect(result).toEqual({ __typename: 'ValidationError', message: 'CommPeak rejected the update (HTTP 422).', fieldErrors: [{ field: 'email', reason: 'CommPeak rejected this value', acceptedValues: null }] });
    expect(ledger()).toMatchObject([{ method: 'PUT', applied: false, status: 422 }]);
  });

  it('maps a refused commpeak patch field to its patch name', async () => {
    const taken = accounts[1]?.username ?? '';
    const result = await update({ commpeak: { username: taken.toUpperCase() } });
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'commpeak.username', reason: 'CommPeak rejected this value' }] });
    expect(JSON.stringify(result)).not.toContain('already been taken');
    expect(ledger()).toMatchObject([{ applied: false, status: 422 }]);
  });

  it('validates and reports changes on dryRun without calling the write endpoint', async () => {
    const result = await update({ firstName: 'Dry', availability: 'UNAVAILABLE', commpeak: { useWebrtc: true, registrationPassword: 'x1' }, dryRun: true });
    expect(result).toMatchObject({
      __typename: 'UpdateUserSuccess',
      dryRun: true,
      changes: [
        { field: 'firstName', after: 'Dry' },
        { field: 'availability', after: 'UNAVAILABLE' },
        { field: 'commpeak.useWebrtc', after: true },
        { field: 'commpeak.registrationPassword', before: null, after: '[write-only]' },
      ],
    });
    expect((result.user as { firstName: string }).firstName).not.toBe('Dry');
    expect(puts()).toEqual([]);
    expect(ledger()).toEqual([]);
  });

  it('answers NotFoundError for an account CommPeak does not have', async () => {
    const missing = { id: Buffer.from('User:commpeak:999999999').toString('base64') };
    expect(await update({ firstName: 'X' }, missing)).toMatchObject({ __typename: 'NotFoundError', vendorUserId: '999999999' });
    expect(calls(app.simulators, 'commpeak')).toEqual(['GET /api/users/999999999']);
    expect(ledger()).toEqual([]);
  });

  it('reads back after a 503 to the PUT and says NOT_APPLIED when the account is unchanged', async () => {
    app.simulators.commpeak.faults.set([{ kind: 'status', status: 503, match: { methods: ['PUT'] } }]);
    expect(await update({ firstName: 'X' })).toMatchObject({ __typename: 'VendorError', vendor: 'COMMPEAK', httpStatus: 503, retryable: true, outcome: 'NOT_APPLIED', code: 'VENDOR_UNAVAILABLE' });
    expect(ledger()).toMatchObject([{ method: 'PUT', delivery: 'status' }]);
  });

  it('answers RateLimitedError with the Retry-After of a 429', async () => {
    app.simulators.commpeak.faults.set([{ kind: 'rate-limit', retryAfterSeconds: 6, match: { methods: ['PUT'] } }]);
    expect(await update({ firstName: 'X' })).toMatchObject({ __typename: 'RateLimitedError', vendor: 'COMMPEAK', retryAfterSeconds: 6 });
  });

  it('treats a 2xx with an unreadable body as applied, and reads the account back', async () => {
    app.simulators.commpeak.faults.set([{ kind: 'malformed-json', match: { methods: ['PUT'] } }]);
    const result = await update({ firstName: 'Readback' });
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { firstName: 'Readback' } });
    expect(ledger()).toMatchObject([{ applied: true }]);
    expect(calls(app.simulators, 'commpeak')).toEqual([`GET /api/users/${target.vendorUserId}`, `PUT /api/users/${target.vendorUserId}`, `GET /api/users/${target.vendorUserId}`]);
  });
});
