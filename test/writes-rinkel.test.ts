import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { readUser, updateUser, moveOff as moveOffShared } from './support/updates.js';

// updateUser on Rinkel accounts, end to end: the PATCH Rinkel receives, and what the client gets back.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const USER = 'id firstName lastName fullName initials email phoneNumber availability language';

type Result = Record<string, unknown> & { __typename: string };
let target: { id: string; vendorUserId: string };

beforeEach(async () => {
  const { data } = await app.graphql<{ users: { edges: { node: { id: string; vendorUserId: string } }[] } }>('{ users(first: 1, filter: { vendors: [RINKEL] }) { edges { node { id vendorUserId } } } }');
  target = data?.users.edges[0]?.node ?? { id: '', vendorUserId: '' };
  app.simulators.rinkel.clearRecords();
});

const update = (fields: Record<string, unknown>) => updateUser<Result>(app, { id: target.id, ...fields }, USER);
const patches = () => app.simulators.rinkel.requests().entries.filter((entry) => entry.method === 'PATCH').map((entry) => [entry.url, entry.body]);
const ledger = () => app.simulators.rinkel.ledger().entries;

const moveOff = (input: Record<string, unknown>) => moveOffShared(app, 'rinkel', target.id, USER, input, update);

describe('updateUser on Rinkel', () => {
  it.each([
    [{ firstName: 'Jane' }, { firstName: 'Jane' }, { firstName: 'Jane' }],
    [{ lastName: 'de Vries' }, { lastName: 'de Vries' }, { lastName: 'de Vries' }],
    [{ email: 'jane@example.org' }, { email: 'jane@example.org' }, { email: 'jane@example.org' }],
    [{ phoneNumber: '+31612345678' }, { phoneNumber: { countryIsoCode: 'NL', number: '612345678' } }, { phoneNumber: '+31612345678' }],
    [{ availability: 'UNAVAILABLE' }, { availability: 'unavailable' }, { availability: 'UNAVAILABLE' }],
    [{ availability: 'AVAILABLE' }, { availability: 'available' }, { availability: 'AVAILABLE' }],
    [{ language: 'sv' }, { preferences: { language: 'sv' } }, { language: 'sv' }],
  ])('writes %j as PATCH body %j and returns the new value', async (input, body, expected) => {
    await moveOff(input);
    const result = await update(input);
    expect(result.__typename).toBe('UpdateUserSuccess');
    expect(patches()).toEqual([[`/users/${target.vendorUserId}`, body]]);
    expect(result.user).toMatchObject(expected);
    expect(await readUser(app, target.id, USER)).toMatchObject(expected);
  });

  it('merges canonical language and the rinkel patch into one preferences object, one PATCH', async () => {
    const held = (await readUser<{ language: string } | undefined>(app, target.id, USER))?.language;
    const language = held === 'en' ? 'sv' : 'en';
    app.simulators.rinkel.clearRecords();
    const result = await update({ language, rinkel: { preferences: { colorMode: 'DARK', webphone: { callWaiting: { enabled: false } } }, notifications: { voicemail: { channels: ['EMAIL'] } } } });
    expect(result.__typename).toBe('UpdateUserSuccess');
    expect(patches()).toEqual([[`/users/${target.vendorUserId}`, {
      preferences: { language, colorMode: 'dark', webphone: { callWaiting: { enabled: false } } },
      notifications: { voicemail: { channels: ['email'] } },
    }]]);
    // Input fields arrive in schema order (the printed schema is sorted): notifications before preferences.
    // The seeded account already uses the dark colour mode: sent with the rest of the patch, but no change.
    expect((result.changes as { field: string }[]).map((change) => change.field)).toEqual([
      'language', 'rinkel.notifications.voicemail.channels', 'rinkel.preferences.webphone.callWaiting.enabled',
    ]);
  });

  it('reports changes with before and after, after as Rinkel holds it', async () => {
    const before = await app.graphql<{ user: { firstName: string; fullName: string } }>(`{ user(id: "${target.id}") { firstName fullName } }`);
    const result = await update({ firstName: 'Jane' });
    expect(result.changes).toEqual([{ field: 'firstName', before: before.data?.user.firstName, after: 'Jane' }]);
    expect((result.user as { fullName: string }).fullName).toMatch(/^Jane /);
  });

  it.each([
    ['a language Rinkel cannot store exactly', { language: 'en-US' }, { field: 'language', acceptedValues: ['en', 'nl', 'es', 'sv'] }],
    ['a language tag that is also an Object method name', { language: 'toString' }, { field: 'language', acceptedValues: ['en', 'nl', 'es', 'sv'] }],
    ['an availability Rinkel does not have', { availability: 'BUSY' }, { field: 'availability', acceptedValues: ['AVAILABLE', 'UNAVAILABLE'] }],
    ['a field Rinkel cannot write', { jobTitle: 'Agent' }, { field: 'jobTitle', acceptedValues: null }],
    ['a status (Rinkel has none)', { status: 'SUSPENDED' }, { field: 'status', acceptedValues: null }],
    ['clearing a name', { lastName: null }, { field: 'lastName', acceptedValues: null }],
    ['a number outside the countries Rinkel serves', { phoneNumber: '+14155550100' }, { field: 'phoneNumber' }],
    ['another vendor\'s patch', { dialpad: { isSuperAdmin: true } }, { field: 'dialpad', acceptedValues: null }],
    ['an empty patch', {}, { field: 'patch', acceptedValues: null }],
    ['an empty name', { firstName: '  ' }, { field: 'firstName', acceptedValues: null }],
  ])('refuses %s before any vendor call', async (_, input, fieldError) => {
    const result = await update(input);
    expect(result.__typename).toBe('ValidationError');
    expect((result.fieldErrors as unknown[])[0]).toMatchObject(fieldError);
    expect(app.simulators.rinkel.requests().entries).toEqual([]);
  });

  it('maps a refusal only Rinkel makes back to the canonical field, and writes nothing', async () => {
    const result = await update({ rinkel: { preferences: { colorMode: null } } });
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'rinkel.preferences.colorMode', reason: 'Rinkel rejected this value' }] });
    expect(JSON.stringify(result)).not.toContain('must be one of');
    expect(ledger()).toMatchObject([{ applied: false, status: 400 }]);
  });

  it('validates and reports changes on dryRun without calling the write endpoint', async () => {
    const result = await update({ firstName: 'Dry', availability: 'AVAILABLE', dryRun: true });
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', dryRun: true, changes: [{ field: 'firstName', after: 'Dry' }, { field: 'availability', after: 'AVAILABLE' }] });
    expect(patches()).toEqual([]);
  });

  it('answers NotFoundError for an account Rinkel does not have', async () => {
    target = { id: Buffer.from('User:rinkel:ffffffffffffffffffffffff').toString('base64'), vendorUserId: 'ffffffffffffffffffffffff' };
    expect(await update({ firstName: 'X' })).toMatchObject({ __typename: 'NotFoundError', vendorUserId: 'ffffffffffffffffffffffff' });
    expect(ledger()).toEqual([]);
  });

  it('reads the account back when a write got no clear answer, and reports what really happened', async () => {
    app.simulators.rinkel.faults.set([{ kind: 'status', status: 503, match: { methods: ['PATCH'] } }]);
    expect(await update({ firstName: 'X' })).toMatchObject({ __typename: 'VendorError', vendor: 'RINKEL', httpStatus: 503, retryable: true, outcome: 'NOT_APPLIED' });
    app.simulators.rinkel.faults.set([{ kind: 'reset', when: 'after', match: { methods: ['PATCH'] } }]);
    expect(await update({ firstName: 'Y' })).toMatchObject({ __typename: 'UpdateUserSuccess', user: { firstName: 'Y' } });
    expect(ledger().map((entry) => entry.applied)).toEqual([false, true]);
    app.simulators.rinkel.faults.set([{ kind: 'rate-limit', retryAfterSeconds: 6, match: { methods: ['PATCH'] } }]);
    expect(await update({ firstName: 'Z' })).toMatchObject({ __typename: 'RateLimitedError', vendor: 'RINKEL', retryAfterSeconds: 6 });
  });

  it('treats a 2xx with an unreadable body as applied, and reads the account back', async () => {
    app.simulators.rinkel.faults.set([{ kind: 'malformed-json', match: { methods: ['PATCH'] } }]);
    const result = await update({ firstName: 'Readback' });
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { firstName: 'Readback' } });
    expect(ledger()).toMatchObject([{ applied: true }]);
  });
});
