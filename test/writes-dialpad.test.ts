import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calls, startTestApp, type TestApp } from './support/app.js';
import { readUser, updateUser as runUpdate } from './support/updates.js';

// Dialpad's write path end to end: GraphQL `updateUser` → gateway → Dialpad simulator over real HTTP,
// proven by the request the simulator received and its write ledger.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
// reset() also turns Dialpad's own 20 req/s limit off: these tests are about bodies, not throttling.
beforeEach(() => app.reset());

interface Details {
  state: string | null;
  license: string | null;
  officeId: string | null;
  adminOfficeIds: string[];
  isSuperAdmin: boolean | null;
  internationalDialingEnabled: boolean | null;
  forwardingNumbers: string[];
  statusMessage: string | null;
}

interface Account {
  id: string;
  vendorUserId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  emails: string[];
  phoneNumber: string | null;
  phoneNumbers: string[];
  status: string;
  jobTitle: string | null;
  extension: string | null;
  details: Details;
}

interface FieldError { field: string; reason: string; acceptedValues: string[] | null }

interface Result {
  __typename: string;
  message?: string;
  dryRun?: boolean;
  skippedFields?: string[];
  changes?: { field: string; before: unknown; after: unknown }[];
  user?: Account;
  fieldErrors?: FieldError[];
  id?: string | null;
  retryAfterSeconds?: number | null;
  outcome?: string;
  retryable?: boolean;
  httpStatus?: number | null;
}

const ACCOUNT = `
  id vendorUserId firstName lastName email emails phoneNumber phoneNumbers status jobTitle extension
  details { ... on DialpadUserDetails { state license officeId adminOfficeIds isSuperAdmin internationalDialingEnabled forwardingNumbers statusMessage } }`;


/** The first 100 Dialpad accounts, read through the gateway's own listing; the simulator's records start empty after. */
async function accounts(): Promise<Account[]> {
  const { data, errors } = await app.graphql<{ users: { edges: { node: Account }[] } }>(
    `{ users(first: 100, filter: { vendors: [DIALPAD] }) { edges { node { ${ACCOUNT} } } } }`,
  );
  expect(errors).toBeUndefined();
  app.simulators.dialpad.clearRecords();
  return data?.users.edges.map((edge) => edge.node) ?? [];
}

async function find(predicate: (account: Account) => boolean): Promise<Account> {
  const found = (await accounts()).find(predicate);
  if (!found) throw new Error('no seeded Dialpad account fits this test');
  return found;
}

const active = (account: Account) => account.status === 'ACTIVE';

const updateUser = (input: Record<string, unknown>) => runUpdate<Result>(app, input, ACCOUNT);
const read = (id: string) => readUser<Account>(app, id, ACCOUNT);

/** The writes Dialpad received: method, path and body exactly. */
function writes(): { method: string; url: string; body: unknown }[] {
  return app.simulators.dialpad.requests().entries.filter((entry) => entry.method !== 'GET').map(({ method, url, body }) => ({ method, url, body }));
}

const ledger = () => app.simulators.dialpad.ledger().entries;

describe('Dialpad updateUser: every canonical field it writes', () => {
  it.each<[string, (account: Account) => boolean, (account: Account) => Record<string, unknown>, (account: Account) => Record<string, unknown>, (account: Account) => Partial<Account>]>([
    ['firstName', active, () => ({ firstName: 'Janneke' }), () => ({ first_name: 'Janneke' }), () => ({ firstName: 'Janneke' })],
    ['lastName', active, () => ({ lastName: 'van Dijk' }), () => ({ last_name: 'van Dijk' }), () => ({ lastName: 'van Dijk' })],
    [
      'email: the new address first, the others kept',
      (a) => active(a) && a.emails.length === 2,
      () => ({ email: 'new.primary@example.net' }),
      (a) => ({ emails: ['new.primary@example.net', ...a.emails] }),
      (a) => ({ email: 'new.primary@example.net', emails: ['new.primary@example.net', ...a.emails] }),
    ],
    [
      'email: a secondary address promoted',
      (a) => active(a) && a.emails.length === 2,
      (a) => ({ email: a.emails[1] }),
      (a) => ({ emails: [a.emails[1], a.emails[0]] }),
      (a) => ({ email: a.emails[1], emails: [a.emails[1], a.emails[0]] as string[] }),
    ],
    [
      'phoneNumber: an assigned number promoted',
      (a) => active(a) && a.phoneNumbers.length === 2,
      (a) => ({ phoneNumber: a.phoneNumbers[1] }),
      (a) => ({ phone_numbers: [a.phoneNumbers[1], a.phoneNumbers[0]] }),
      (a) => ({ phoneNumber: a.phoneNumbers[1], phoneNumbers: [a.phoneNumbers[1], a.phoneNumbers[0]] as string[] }),
    ],
    ['status SUSPENDED', active, () => ({ status: 'SUSPENDED' }), () => ({ state: 'suspended' }), () => ({ status: 'SUSPENDED' })],
    ['status ACTIVE', (a) => a.status === 'SUSPENDED', () => ({ status: 'ACTIVE' }), () => ({ state: 'active' }), () => ({ status: 'ACTIVE' })],
    ['jobTitle', active, () => ({ jobTitle: 'Head of Support' }), () => ({ job_title: 'Head of Support' }), () => ({ jobTitle: 'Head of Support' })],
    ['jobTitle null clears', (a) => a.jobTitle !== null, () => ({ jobTitle: null }), () => ({ job_title: '' }), () => ({ jobTitle: null })],
    ['extension', active, () => ({ extension: '4321' }), () => ({ extension: '4321' }), () => ({ extension: '4321' })],
    ['extension null clears', (a) => a.extension !== null, () => ({ extension: null }), () => ({ extension: '' }), () => ({ extension: null })],
  ])('%s', async (_, fits, patch, body, after) => {
    const account = await find(fits);
    const result = await updateUser({ id: account.id, ...patch(account) });

    expect(result.__typename).toBe('UpdateUserSuccess');
    expect(writes()).toEqual([{ method: 'PATCH', url: `/api/v2/users/${account.vendorUserId}`, body: body(account) }]);
    expect(calls(app.simulators, 'dialpad')).toEqual([`GET /api/v2/users/${account.vendorUserId}`, `PATCH /api/v2/users/${account.vendorUserId}`]);
    expect(result).toMatchObject({ dryRun: false, skippedFields: [], user: { id: account.id, ...after(account) } });
    const [field] = Object.keys(patch(account));
    expect(result.changes).toEqual([{ field, before: account[field as keyof Account], after: Object.values(after(account))[0] }]);
    expect(await read(account.id)).toMatchObject(after(account));
  });

  it('sends the Bearer key on the write', async () => {
    const account = await find(active);
    await updateUser({ id: account.id, firstName: 'Keyed' });
    const patch = app.simulators.dialpad.requests().entries.find((entry) => entry.method === 'PATCH');
    expect(patch?.headers.authorization).toBe('[redacted]');
    expect(ledger()).toMatchObject([{ method: 'PATCH', applied: true, status: 200 }]);
  });
});

describe('Dialpad updateUser: the dialpad patch', () => {
  it('round-trips license, offices, admin flags, dialing, forwarding numbers and presence', async () => {
    const all = await accounts();
    const offices = [...new Set(all.map((a) => a.details.officeId))];
    const account = all.find((a) => active(a) && a.details.license !== 'AGENTS' && !a.details.isSuperAdmin) as Account;
    const office = offices.find((id) => id !== account.details.officeId) as string;
    const result = await updateUser({
      id: account.id,
      dialpad: {
        license: 'AGENTS', officeId: office, adminOfficeIds: [office], isSuperAdmin: true, internationalDialingEnabled: !account.details.internationalDialingEnabled,
        forwardingNumbers: ['+31201112233', '+31201112244'], presenceStatus: { provider: 'Zoom', message: 'Weekly sync', type: 'CONFERENCE' },
      },
    });

    expect(writes()).toEqual([{
      method: 'PATCH',
      url: `/api/v2/users/${account.vendorUserId}`,
      body: {
        license: 'agents', is_super_admin: true, international_dialing_enabled: !account.details.internationalDialingEnabled, office_id: office,
        admin_office_ids: [office], forwarding_numbers: ['+31201112233', '+31201112244'],
        presence_status: { provider: 'Zoom', message: 'Weekly sync', type: 'conference' },
      },
    }]);
    const details = {
      license: 'AGENTS', officeId: office, adminOfficeIds: [office], isSuperAdmin: true, internationalDialingEnabled: !account.details.internationalDialingEnabled,
      forwardingNumbers: ['+31201112233', '+31201112244'], statusMessage: 'On Zoom: in the Weekly sync meeting',
    };
    expect(result).toMatchObject({ __typename: 'UpdateUserSuccess', user: { details } });
    expect(result.changes).toContainEqual({ field: 'dialpad.officeId', before: account.details.officeId, after: office });
    expect(result.changes).toContainEqual({ field: 'dialpad.license', before: account.details.license?.toLowerCase(), after: 'agents' });
    expect(result.changes).toContainEqual({ field: 'dialpad.presenceStatus.type', before: null, after: 'conference' });
    expect((await read(account.id)).details).toMatchObject(details);
  });

  it.each([
    [false, (numbers: string[]) => expect(numbers).toEqual([])],
    [true, (numbers: string[], before: string[]) => expect(numbers).toEqual(before)],
  ])('keepPaidNumbers %s with a change to a support license', async (keepPaidNumbers, check) => {
    const account = await find((a) => active(a) && a.phoneNumbers.length > 0 && a.details.license !== 'LITE_SUPPORT_AGENTS');
    const result = await updateUser({ id: account.id, dialpad: { license: 'LITE_SUPPORT_AGENTS', keepPaidNumbers } });
    expect(writes()).toEqual([{ method: 'PATCH', url: `/api/v2/users/${account.vendorUserId}`, body: { license: 'lite_support_agents', keep_paid_numbers: keepPaidNumbers } }]);
    expect(result.user?.details.license).toBe('LITE_SUPPORT_AGENTS');
    check(result.user?.phoneNumbers ?? [], account.phoneNumbers);
    check((await read(account.id)).phoneNumbers, account.phoneNumbers);
  });

  it('empties forwarding numbers and admin offices with null', async () => {
    const account = await find((a) => a.details.forwardingNumbers.length > 0);
    const result = await updateUser({ id: account.id, dialpad: { forwardingNumbers: null, adminOfficeIds: null } });
    expect(writes()).toEqual([{ method: 'PATCH', url: `/api/v2/users/${account.vendorUserId}`, body: { admin_office_ids: [], forwarding_numbers: [] } }]);
    expect(result.user?.details).toMatchObject({ forwardingNumbers: [], adminOfficeIds: [] });
  });
});

describe('Dialpad updateUser: refusals write nothing', () => {
  it.each<[string, (account: Account) => Record<string, unknown>, (account: Account) => Partial<FieldError>[]]>([
    ['availability (Dialpad cannot write it)', () => ({ availability: 'BUSY' }), () => [{ field: 'availability', acceptedValues: null }]],
    ['language (Dialpad cannot write it)', () => ({ language: 'nl' }), () => [{ field: 'language', acceptedValues: null }]],
    ['status PENDING', () => ({ status: 'PENDING' }), () => [{ field: 'status', acceptedValues: ['ACTIVE', 'SUSPENDED'] }]],
    ['status DELETED', () => ({ status: 'DELETED' }), () => [{ field: 'status', acceptedValues: ['ACTIVE', 'SUSPENDED'] }]],
    ['a number not assigned to the user', () => ({ phoneNumber: '+31699999999' }), (a) => [{ field: 'phoneNumber', acceptedValues: a.phoneNumbers }]],
    ['clearing the phone number', () => ({ phoneNumber: null }), () => [{ field: 'phoneNumber', acceptedValues: null }]],
    ['clearing the first name', () => ({ firstName: null }), () => [{ field: 'firstName', acceptedValues: null }]],
    ['clearing the last name', () => ({ lastName: null }), () => [{ field: 'lastName', acceptedValues: null }]],
    ['clearing the email', () => ({ email: null }), () => [{ field: 'email', acceptedValues: null }]],
    ['clearing the license', () => ({ dialpad: { license: null } }), () => [{ field: 'dialpad.license', acceptedValues: null }]],
    ['keepPaidNumbers alone', () => ({ dialpad: { keepPaidNumbers: false } }), () => [{ field: 'dialpad.keepPaidNumbers', acceptedValues: null }]],
    ['an office id that is no Dialpad id', () => ({ dialpad: { officeId: 'main-office' } }), () => [{ field: 'dialpad.officeId', acceptedValues: null }]],
    ['a Rinkel patch', () => ({ rinkel: { preferences: { colorMode: 'DARK' } } }), () => [{ field: 'rinkel' }]],
    ['an empty patch', () => ({}), () => [{ field: 'patch' }]],
    ['an empty dialpad patch', () => ({ dialpad: {} }), () => [{ field: 'patch' }]],
  ])('%s → ValidationError', async (_, patch, expected) => {
    const account = await find((a) => active(a) && a.phoneNumbers.length > 0);
    const result = await updateUser({ id: account.id, ...patch(account) });
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: expected(account).map((error) => expect.objectContaining(error)) });
    expect(result.fieldErrors).toHaveLength(expected(account).length);
    expect(ledger()).toEqual([]);
    expect(writes()).toEqual([]);
  });

  it('refuses what any account would refuse before reading the account', async () => {
    const account = await find(active);
    const result = await updateUser({ id: account.id, status: 'PENDING', availability: 'BUSY' });
    expect(result.fieldErrors?.map((error) => error.field)).toEqual(['status', 'availability']);
    expect(calls(app.simulators, 'dialpad')).toEqual([]);
  });

  it('maps a value only Dialpad refuses back to the canonical field, from its 400', async () => {
    const account = await find(active);
    const result = await updateUser({ id: account.id, extension: 'ext-12' });
    expect(writes()).toEqual([{ method: 'PATCH', url: `/api/v2/users/${account.vendorUserId}`, body: { extension: 'ext-12' } }]);
    expect(result).toEqual({ __typename: 'ValidationError', message: 'Dialpad rejected the update (HTTP 400).', fieldErrors: [{ field: 'extension', reason: 'Dialpad rejected this value', acceptedValues: null }] });
    expect(ledger()).toMatchObject([{ applied: false, status: 400 }]);
    expect((await read(account.id)).extension).toBe(account.extension);
  });

  it("maps Dialpad's refusal of another user's address to email", async () => {
    const [first, second] = (await accounts()).filter(active);
    const result = await updateUser({ id: first?.id, email: second?.email });
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'email', reason: 'Dialpad rejected this value' }] });
    expect(result.message).not.toContain(second?.email);
  });
});

describe('Dialpad updateUser: dryRun and failures', () => {
  it('dryRun returns the changes and sends no write', async () => {
    const account = await find((a) => active(a) && a.phoneNumbers.length === 2);
    const result = await updateUser({ id: account.id, dryRun: true, firstName: 'Dry', phoneNumber: account.phoneNumbers[1], status: 'SUSPENDED', dialpad: { isSuperAdmin: true } });
    expect(result).toMatchObject({
      __typename: 'UpdateUserSuccess',
      dryRun: true,
      user: { firstName: account.firstName, phoneNumber: account.phoneNumber, status: 'ACTIVE' },
      changes: [
        { field: 'firstName', before: account.firstName, after: 'Dry' },
        { field: 'phoneNumber', before: account.phoneNumber, after: account.phoneNumbers[1] },
        { field: 'status', before: 'ACTIVE', after: 'SUSPENDED' },
        { field: 'dialpad.isSuperAdmin', before: account.details.isSuperAdmin, after: true },
      ],
    });
    expect(calls(app.simulators, 'dialpad')).toEqual([`GET /api/v2/users/${account.vendorUserId}`]);
    expect(ledger()).toEqual([]);
  });

  it('answers NotFoundError for an id Dialpad does not know, without a write', async () => {
    const result = await updateUser({ id: encodeGlobalID('User', 'dialpad:1234567890123456789'), firstName: 'Nobody' });
    expect(result).toMatchObject({ __typename: 'NotFoundError', vendorUserId: '1234567890123456789' });
    expect(ledger()).toEqual([]);
  });

  it('answers VendorError NOT_APPLIED when the write meets a 503 and the account reads back unchanged', async () => {
    const account = await find(active);
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503, match: { methods: ['PATCH'] } }]);
    const result = await updateUser({ id: account.id, firstName: 'Maybe' });
    expect(result).toMatchObject({ __typename: 'VendorError', outcome: 'NOT_APPLIED', retryable: true, httpStatus: 503 });
    expect(result.message).not.toMatch(/Service unavailable/);
  });

  it('answers RateLimitedError with retryAfterSeconds when the write meets a 429', async () => {
    const account = await find(active);
    app.simulators.dialpad.faults.set([{ kind: 'rate-limit', retryAfterSeconds: 7, match: { methods: ['PATCH'] } }]);
    const result = await updateUser({ id: account.id, firstName: 'Later' });
    expect(result).toMatchObject({ __typename: 'RateLimitedError', retryAfterSeconds: 7 });
  });
});
