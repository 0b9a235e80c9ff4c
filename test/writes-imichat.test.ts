import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calls, startTestApp, type TestApp } from './support/app.js';
import { readUser, updateUser, moveOff as moveOffShared } from './support/updates.js';

// updateUser on IMIchat accounts, end to end: the PUT IMIchat receives, and what the client gets back.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const USER = 'id firstName lastName fullName status jobTitle details { ... on ImichatUserDetails { customAttributes skillAttributes loginUsingEmail } }';

type Result = Record<string, unknown> & { __typename: string };
interface Details { customAttributes: Record<string, unknown>; skillAttributes: Record<string, unknown>; loginUsingEmail: boolean }
let target: { id: string; vendorUserId: string; status: string; details: Details };

beforeEach(async () => {
  const { data } = await app.graphql<{ users: { edges: { node: typeof target }[] } }>(
    `{ users(first: 1, filter: { vendors: [IMICHAT] }) { edges { node { id vendorUserId status details { ... on ImichatUserDetails { customAttributes skillAttributes loginUsingEmail } } } } } }`,
  );
  target = data?.users.edges[0]?.node ?? { id: '', vendorUserId: '', status: '', details: { customAttributes: {}, skillAttributes: {}, loginUsingEmail: false } };
  app.simulators.imichat.clearRecords();
});

const update = (fields: Record<string, unknown>) => updateUser<Result>(app, { id: target.id, ...fields }, USER);
const reread = () => readUser<Record<string, unknown> | undefined>(app, target.id, USER);
const puts = () => app.simulators.imichat.requests().entries.filter((entry) => entry.method === 'PUT').map((entry) => [entry.url, entry.body]);
const ledger = () => app.simulators.imichat.ledger().entries;

const moveOff = (input: Record<string, unknown>) => moveOffShared(app, 'imichat', target.id, USER, input, update);

describe('updateUser on IMIchat', () => {
  it.each([
    [{ firstName: 'Janneke' }, { first_name: 'Janneke' }, { firstName: 'Janneke' }],
    [{ lastName: 'van Dijk' }, { last_name: 'van Dijk' }, { lastName: 'van Dijk' }],
    [{ status: 'INACTIVE' }, { status: 'inactive' }, { status: 'INACTIVE' }],
    [{ status: 'ACTIVE' }, { status: 'active' }, { status: 'ACTIVE' }],
    [{ jobTitle: 'Escalations lead' }, { job_description: 'Escalations lead' }, { jobTitle: 'Escalations lead' }],
    [{ jobTitle: null }, { job_description: '' }, { jobTitle: null }],
  ])('writes %j as PUT body %j and returns the new value', async (input, body, expected) => {
    await moveOff(input);
    const result = await update(input);
    expect(result.__typename).toBe('UpdateUserSuccess');
    expect(puts()).toEqual([[`/users/${target.vendorUserId}`, body]]);
    expect(result.user).toMatchObject(expected);
    expect(await reread()).toMatchObject(expected);
  });

  it('sends the token headers IMIchat requires with the PUT', async () => {
    await update({ firstName: 'Headers' });
    const put = app.simulators.imichat.requests().entries.find((entry) => entry.method === 'PUT');
    expect(put?.headers).toMatchObject({ access_token: '[redacted]', teamid: '1', 'content-type': 'application/json' });
  });

  it('writes several fields in one PUT and reports each change, after as IMIchat holds it', async () => {
    const before = await reread();
    const result = await update({ firstName: 'Jan', lastName: 'Bakker', jobTitle: 'Shift lead' });
    expect(puts()).toEqual([[`/users/${target.vendorUserId}`, { first_name: 'Jan', last_name: 'Bakker', job_description: 'Shift lead' }]]);
    expect(result).toMatchObject({
      __typename: 'UpdateUserSuccess',
      dryRun: false,
      skippedFields: [],
      changes: [
        { field: 'firstName', before: before?.firstName, after: 'Jan' },
        { field: 'lastName', before: before?.lastName, after: 'Bakker' },
        { field: 'jobTitle', before: before?.jobTitle, after: 'Shift lead' },
      ],
      user: { fullName: 'Jan Bakker' },
    });
  });

  it('round-trips every imichat patch field: attributes merged key by key, a null key removed', async () => {
    const { customAttributes, skillAttributes, loginUsingEmail } = target.details;
    const imichat = {
      customAttributes: { business: 'Public Sector', team: 'Night shift' },
      skillAttributes: { escalations: 9 },
      loginUsingEmail: !loginUsingEmail,
    };
    const result = await update({ imichat });
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess' });
    expect(puts()).toEqual([[`/users/${target.vendorUserId}`, { custom_attributes: imichat.customAttributes, skill_attributes: { escalations: 9 }, login_using_email: !loginUsingEmail }]]);
    const details = { customAttributes: { ...customAttributes, ...imichat.customAttributes }, skillAttributes: { ...skillAttributes, escalations: 9 }, loginUsingEmail: !loginUsingEmail };
    expect(result.user).toMatchObject({ details });
    expect(await reread()).toMatchObject({ details });
    expect(result.changes).toEqual([
      { field: 'imichat.customAttributes', before: customAttributes, after: details.customAttributes },
      { field: 'imichat.skillAttributes', before: skillAttributes, after: details.skillAttributes },
      { field: 'imichat.loginUsingEmail', before: loginUsingEmail, after: !loginUsingEmail },
    ]);

    app.simulators.imichat.clearRecords();
    const removal = await update({ imichat: { customAttributes: { team: null }, skillAttributes: { escalations: null } } });
    expect(puts()).toEqual([[`/users/${target.vendorUserId}`, { custom_attributes: { team: null }, skill_attributes: { escalations: null } }]]);
    const after = { customAttributes: { ...customAttributes, business: 'Public Sector' }, skillAttributes };
    expect(removal).toMatchObject({ __typename: 'UpdateUserSuccess', user: { details: after } });
    expect((removal.user as { details: Details }).details.customAttributes).not.toHaveProperty('team');
    expect(await reread()).toMatchObject({ details: after });
  });

  it('combines canonical fields and the imichat patch in one PUT', async () => {
    const result = await update({ status: 'INACTIVE', imichat: { skillAttributes: { billing: 3 } } });
    expect(result.__typename).toBe('UpdateUserSuccess');
    expect(puts()).toEqual([[`/users/${target.vendorUserId}`, { status: 'inactive', skill_attributes: { billing: 3 } }]]);
  });

  it.each([
    ['a status IMIchat does not have', { status: 'SUSPENDED' }, { field: 'status', acceptedValues: ['ACTIVE', 'INACTIVE'] }],
    ['a read-only field (email)', { email: 'jane@example.org' }, { field: 'email', acceptedValues: null }],
    ['a read-only field (availability)', { availability: 'AVAILABLE' }, { field: 'availability', acceptedValues: null }],
    ['a field IMIchat does not have (language)', { language: 'en' }, { field: 'language', acceptedValues: null }],
    ['a field IMIchat does not have (phoneNumber)', { phoneNumber: '+31612345678' }, { field: 'phoneNumber', acceptedValues: null }],
    ['a field IMIchat does not have (extension)', { extension: '201' }, { field: 'extension', acceptedValues: null }],
    ['clearing a first name', { firstName: null }, { field: 'firstName', acceptedValues: null }],
    ['clearing a last name', { lastName: null }, { field: 'lastName', acceptedValues: null }],
    ['clearing the status', { status: null }, { field: 'status', acceptedValues: null }],
    ['clearing loginUsingEmail', { imichat: { loginUsingEmail: null } }, { field: 'imichat.loginUsingEmail', acceptedValues: null }],
    ['clearing all custom attributes', { imichat: { customAttributes: null } }, { field: 'imichat.customAttributes', acceptedValues: null }],
    ["another vendor's patch", { rinkel: { preferences: { colorMode: 'DARK' } } }, { field: 'rinkel', acceptedValues: null }],
    ['an empty patch', {}, { field: 'patch', acceptedValues: null }],
    ['an empty imichat patch', { imichat: {} }, { field: 'patch', acceptedValues: null }],
  ])('refuses %s before any write', async (_, input, fieldError) => {
    const result = await update(input);
    expect(result.__typename).toBe('ValidationError');
    expect((result.fieldErrors as unknown[])[0]).toMatchObject(fieldError);
    expect(ledger()).toEqual([]);
    expect(calls(app.simulators, 'imichat').filter((call) => !call.startsWith('GET '))).toEqual([]);
  });

  it.each([
    ['business', 'imichat.customAttributes.business', ['Consumer', 'Small Business', 'Enterprise', 'Public Sector']],
    ['location', 'imichat.customAttributes.location', ['Amsterdam', 'Brussels', 'Madrid', 'Stockholm', 'Remote']],
  ])('maps IMIchat refusing custom attribute %s back to that field with the accepted values, and writes nothing', async (key, field, acceptedValues) => {
    const result = await update({ jobTitle: 'Never stored', imichat: { customAttributes: { [key]: 'Atlantis' } } });
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field, reason: 'IMIchat rejected this value', acceptedValues }] });
    expect(JSON.stringify(result)).not.toContain('is not valid');
    expect(ledger()).toMatchObject([{ method: 'PUT', applied: false, status: 400 }]);
    expect(await reread()).not.toMatchObject({ jobTitle: 'Never stored' });
  });

  it('maps a request IMIchat finds invalid (3115) to the field its description names', async () => {
    const result = await update({ imichat: { skillAttributes: { billing: { level: 3 } } } });
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'imichat.skillAttributes.billing', reason: 'IMIchat rejected this value', acceptedValues: null }] });
    expect(JSON.stringify(result)).not.toContain('must be');
    expect(ledger()).toMatchObject([{ applied: false, status: 400 }]);
  });

  it('validates and reports changes on dryRun without calling the write endpoint', async () => {
    const flipped = !target.details.loginUsingEmail;
    const result = await update({ firstName: 'Dry', status: 'INACTIVE', imichat: { loginUsingEmail: flipped }, dryRun: true });
    expect(result).toMatchObject({
      __typename: 'UpdateUserSuccess',
      dryRun: true,
      changes: [{ field: 'firstName', after: 'Dry' }, { field: 'status', before: target.status, after: 'INACTIVE' }, { field: 'imichat.loginUsingEmail', after: flipped }],
    });
    expect(puts()).toEqual([]);
    expect(ledger()).toEqual([]);
  });

  it('answers NotFoundError for an account IMIchat does not have (3101)', async () => {
    target = { ...target, id: Buffer.from('User:imichat:999999').toString('base64'), vendorUserId: '999999' };
    expect(await update({ firstName: 'X' })).toMatchObject({ __typename: 'NotFoundError', vendorUserId: '999999' });
    expect(ledger()).toEqual([]);
  });

  it('says NOT_APPLIED for a 503 to the write once the account reads back unchanged, RateLimitedError with the wait for a 429', async () => {
    app.simulators.imichat.faults.set([{ kind: 'status', status: 503, match: { methods: ['PUT'] } }]);
    expect(await update({ firstName: 'X' })).toMatchObject({ __typename: 'VendorError', vendor: 'IMICHAT', httpStatus: 503, retryable: true, outcome: 'NOT_APPLIED' });
    app.simulators.imichat.faults.set([{ kind: 'rate-limit', retryAfterSeconds: 7, match: { methods: ['PUT'] } }]);
    expect(await update({ firstName: 'Y' })).toMatchObject({ __typename: 'RateLimitedError', vendor: 'IMICHAT', retryAfterSeconds: 7 });
    expect(ledger().filter((entry) => entry.applied)).toEqual([]);
  });

  it('authorizes again when IMIchat refuses the token during the write, and applies it once', async () => {
    // Tokens now live one second (the reset forgets the one already issued); the PUT waits longer than
    // that, so it arrives with an expired token (401 / 2004).
    app.simulators.imichat.reset();
    Object.assign(app.simulators.imichat.app.settings, { tokenTtlSeconds: 1 });
    app.simulators.imichat.faults.set([{ kind: 'latency', ms: 1100, times: 1, match: { methods: ['PUT'] } }]);
    const result = await update({ jobTitle: 'After renewal' });
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { jobTitle: 'After renewal' } });
    const sequence = app.simulators.imichat.requests().entries.map((entry) => `${entry.method} ${entry.url.replace(/\d+$/, ':id')} ${entry.status}`);
    expect(sequence.slice(-3)).toEqual(['PUT /users/:id 401', 'GET /authorize 200', 'PUT /users/:id 200']);
    expect(ledger().filter((entry) => entry.applied)).toHaveLength(1);
  });

  it('treats a 2xx with an unreadable body as applied, and reads the account back', async () => {
    app.simulators.imichat.faults.set([{ kind: 'malformed-json', match: { methods: ['PUT'] } }]);
    const result = await update({ firstName: 'Readback' });
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { firstName: 'Readback' } });
    expect(ledger()).toMatchObject([{ applied: true }]);
  });
});
