import diagnostics from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeSupergraph, exampleSubgraphs } from '../examples/compose.js';
import { startDirectory, type DirectoryServer } from '../examples/employee-directory/server.js';
import { propagateHeaders } from '../examples/hive/gateway.config.js';
import { VENDOR_IDS, type VendorId } from '../src/connectors/types.js';
import { createPeople } from '../src/simulator/people.js';
import { calls, startTestApp, type TestApp } from './support/app.js';

// The supergraph for real: the example employee directory, Switchboard (with its simulators) and Hive
// Gateway running the composed supergraph, each on its own loopback port. Clients talk to Hive Gateway only.

const TOKENS = { read: 'sg-reader-token-0001', write: 'sg-writer-token-0001', readWrite: 'sg-read-write-0001' };
const AUTH_TOKENS = JSON.stringify({ [TOKENS.read]: ['users:read'], [TOKENS.write]: ['users:write'], [TOKENS.readWrite]: ['users:read', 'users:write'] });

interface Account { id: string; vendor: string; vendorUserId: string; fullName: string | null }
interface Body<T> { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }

const people = createPeople({ seed: 5 }).shared;
/** Seed 5's person with accounts in all four vendors, and another with accounts in two or more. */
const everywhere = [...people].sort((a, b) => b.vendors.length - a.vendors.length)[0];
const other = people.find((person) => person !== everywhere && person.vendors.includes('dialpad'));

let app: TestApp;
let directory: DirectoryServer;
let hive: Server;
let hiveUrl: string;
/** The four-vendor person's accounts, as Switchboard lists them. */
let accounts: Account[];
/** A Dialpad account nobody in the directory has. */
let stranger: Account;

async function query<T>(document: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: Body<T> }> {
  const response = await fetch(hiveUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body<T> };
}

/** Requests each simulator saw, as `METHOD /path` (IMIchat's token calls left out). */
function vendorCalls(): Record<VendorId, string[]> {
  return Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, calls(app.simulators, vendor).sort()])) as Record<VendorId, string[]>;
}

/** Where every TCP connection made in this process went: Hive Gateway must need no network but loopback. */
const remoteHosts = new Set<string>();
const recordConnection = (message: unknown) => {
  const { socket } = message as { socket: Socket };
  socket.once('connect', () => remoteHosts.add(socket.remoteAddress ?? 'unknown'));
};

beforeAll(async () => {
  diagnostics.subscribe('net.client.socket', recordConnection);
  if (!everywhere || !other) throw new Error('seed 5 has fewer shared people than expected');
  // DIRECTORY_TTL_MS=0 in the test app: every email lookup lists afresh, so calls do not depend on test order.
  app = await startTestApp({ AUTH_TOKENS });
  const listed = await app.graphql<{ usersByEmail: Account[] }>('query ($e: EmailAddress!) { usersByEmail(email: $e) { id vendor vendorUserId fullName } }', { e: everywhere.email }, { authorization: `Bearer ${TOKENS.read}` });
  accounts = listed.data?.usersByEmail ?? [];
  expect(accounts.map((account) => account.vendor).sort()).toEqual(['COMMPEAK', 'DIALPAD', 'IMICHAT', 'RINKEL']);
  const page = await app.graphql<{ users: { edges: { node: Account }[] } }>('{ users(first: 50, filter: { vendors: [DIALPAD] }) { edges { node { id vendor vendorUserId fullName } } } }', undefined, { authorization: `Bearer ${TOKENS.read}` });
  const known = new Set([everywhere.email, other.email]);
  const found = page.data?.users.edges.map((edge) => edge.node).find((node) => !accounts.some((account) => account.id === node.id) && !known.has(node.fullName ?? ''));
  if (!found) throw new Error('no Dialpad account outside the directory');
  stranger = found;
  const rinkel = accounts.find((account) => account.vendor === 'RINKEL') as Account;

  directory = await startDirectory({
    employees: [
      { id: 'E-1', name: 'Everywhere', department: 'Support', email: everywhere.email, deskPhoneUserId: rinkel.id },
      { id: 'E-2', name: 'Other', department: 'Sales', email: other.email, deskPhoneUserId: stranger.id },
    ],
  });
  const supergraph = composeSupergraph(exampleSubgraphs({ switchboardUrl: `${app.url}/graphql`, directoryUrl: directory.url }));
  // The README's configuration, as the CLI would load it; quiet in tests.
  const gateway = createGatewayRuntime({ supergraph, propagateHeaders, logging: false });
  hive = createServer(gateway);
  await new Promise<void>((resolve) => hive.listen(0, '127.0.0.1', resolve));
  hiveUrl = `http://127.0.0.1:${(hive.address() as AddressInfo).port}/graphql`;
}, 60_000);

afterAll(async () => {
  diagnostics.unsubscribe('net.client.socket', recordConnection);
  hive?.closeAllConnections();
  await new Promise((resolve) => hive?.close(resolve));
  await directory?.close();
  await app?.close();
});

beforeEach(async () => {
  app.reset();
  // reset() drops IMIchat's token: authorize again now, so the calls counted are only the reads.
  await app.graphql('{ users(first: 1, filter: { vendors: [IMICHAT] }) { totalCount } }', undefined, { authorization: `Bearer ${TOKENS.read}` });
  for (const vendor of VENDOR_IDS) app.simulators[vendor].clearRecords();
});

const EMPLOYEE = `query ($id: ID!) { employee(id: $id) {
  name
  person { email accounts { id vendor vendorUserId fullName } unavailableVendors }
  deskPhone { id vendor vendorUserId fullName employee { name } }
} }`;

interface EmployeeView {
  employee: {
    name: string;
    person: { email: string; accounts: Account[]; unavailableVendors: string[] };
    deskPhone: (Account & { employee: { name: string } | null }) | null;
  } | null;
}

/** Reads of one account by id each vendor saw (list pages and searches have a query string). */
function readsById(): Record<VendorId, string[]> {
  const all = vendorCalls();
  return Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, all[vendor].filter((call) => call.startsWith('GET ') && !call.includes('?'))])) as Record<VendorId, string[]>;
}

const GET_PATH: Record<VendorId, (id: string) => string> = {
  rinkel: (id) => `GET /users/${id}`,
  dialpad: (id) => `GET /api/v2/users/${id}`,
  imichat: (id) => `GET /users/${id}`,
  commpeak: (id) => `GET /api/users/${id}`,
};

const accountIn = (vendor: string) => accounts.find((account) => account.vendor === vendor) as Account;

describe('Switchboard behind Hive Gateway', () => {
  it("joins an employee to their accounts in the four vendors, reading each account once", async () => {
    const { status, body } = await query<EmployeeView>(EMPLOYEE, { id: 'E-1' }, TOKENS.read);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const employee = body.data?.employee;
    expect(employee?.name).toBe('Everywhere');
    expect(employee?.person.accounts).toEqual(accounts);
    expect(employee?.person.unavailableVendors).toEqual([]);
    // The desk phone is the person's Rinkel account: named twice in the query, read once.
    expect(employee?.deskPhone).toEqual({ ...accountIn('RINKEL'), employee: { name: 'Everywhere' } });
    expect(readsById()).toEqual({
      rinkel: [GET_PATH.rinkel(accountIn('RINKEL').vendorUserId)],
      // Dialpad's ?email= search returns the whole account: no read by id after it.
      dialpad: [],
      imichat: [GET_PATH.imichat(accountIn('IMICHAT').vendorUserId)],
      commpeak: [GET_PATH.commpeak(accountIn('COMMPEAK').vendorUserId)],
    });
    expect(vendorCalls().dialpad).toEqual([`GET /api/v2/users?email=${encodeURIComponent(everywhere?.email ?? '')}&state=all`]);
  });

  it('lists every employee with their desk phones, one read per distinct account', async () => {
    const { body } = await query<{ employees: { name: string; deskPhone: Account | null }[] }>('{ employees { name deskPhone { vendor vendorUserId fullName } } }', undefined, TOKENS.read);
    expect(body.errors).toBeUndefined();
    expect(body.data?.employees).toEqual([
      { name: 'Everywhere', deskPhone: { vendor: 'RINKEL', vendorUserId: accountIn('RINKEL').vendorUserId, fullName: accountIn('RINKEL').fullName } },
      { name: 'Other', deskPhone: { vendor: 'DIALPAD', vendorUserId: stranger.vendorUserId, fullName: stranger.fullName } },
    ]);
    expect(readsById()).toEqual({ rinkel: [GET_PATH.rinkel(accountIn('RINKEL').vendorUserId)], dialpad: [GET_PATH.dialpad(stranger.vendorUserId)], imichat: [], commpeak: [] });
  });

  it("routes a mutation to Switchboard with the caller's token, and Switchboard enforces its scope", async () => {
    const rinkel = accountIn('RINKEL');
    const mutation = `mutation ($id: ID!) { updateUser(input: { id: $id, availability: UNAVAILABLE }) {
      __typename ... on UpdateUserSuccess { user { id availability } changes { field before after } } } }`;
    const refused = await query<{ updateUser: unknown }>(mutation, { id: rinkel.id }, TOKENS.read);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['updateUser'], 'FORBIDDEN']]);
    expect(vendorCalls().rinkel).toEqual([]);

    const { body } = await query<{ updateUser: { __typename: string; user: { id: string; availability: string } } }>(mutation, { id: rinkel.id }, TOKENS.readWrite);
    expect(body.errors).toBeUndefined();
    expect(body.data?.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', user: { id: rinkel.id, availability: 'UNAVAILABLE' } });
    expect(vendorCalls().rinkel.filter((call) => call.startsWith('PATCH '))).toEqual([`PATCH /users/${rinkel.vendorUserId}`]);
  });

  it("forwards the caller's bearer token: Switchboard's refusals reach the client coded, the directory's own fields intact", async () => {
    const document = '{ employee(id: "E-2") { name deskPhone { fullName } } }';
    for (const [token, code] of [[undefined, 'UNAUTHENTICATED'], [TOKENS.write, 'FORBIDDEN']] as const) {
      const { body } = await query<{ employee: { name: string; deskPhone: unknown } }>(document, undefined, token);
      // The desk phone's id comes from the directory; its nullable fullName from Switchboard, refused.
      expect(body.data?.employee).toEqual({ name: 'Other', deskPhone: { fullName: null } });
      expect(body.errors?.map((error) => error.extensions?.code)).toContain(code);
      for (const error of body.errors ?? []) {
        expect(error.path?.slice(0, 2)).toEqual(['employee', 'deskPhone']);
        expect(JSON.stringify(error)).not.toMatch(/stack|at .*\.ts/);
      }
    }
    const { body } = await query<{ employee: { deskPhone: { fullName: string } } }>(document, undefined, TOKENS.read);
    expect(body.data?.employee.deskPhone.fullName).toBe(stranger.fullName);
    expect(readsById().dialpad).toEqual([GET_PATH.dialpad(stranger.vendorUserId)]);
  });

  it("keeps the other vendors' accounts when one vendor is down, its failure reaching the client with code and path", async () => {
    app.simulators.rinkel.faults.set([{ kind: 'status', status: 503 }]);
    const { status, body } = await query<EmployeeView>(EMPLOYEE, { id: 'E-1' }, TOKENS.read);
    expect(status).toBe(200);
    const employee = body.data?.employee;
    expect(employee?.person.accounts).toEqual(accounts.filter((account) => account.vendor !== 'RINKEL'));
    expect(employee?.person.unavailableVendors).toEqual(['RINKEL']);
    // The desk phone is a Rinkel account: null, with Switchboard's error at its place in the client's query.
    expect(employee?.deskPhone).toBeNull();
    expect(body.errors?.map((error) => ({ at: error.path?.slice(0, 2), code: error.extensions?.code, vendor: error.extensions?.vendor, httpStatus: error.extensions?.httpStatus }))).toEqual([
      { at: ['employee', 'deskPhone'], code: 'VENDOR_UNAVAILABLE', vendor: 'RINKEL', httpStatus: 503 },
    ]);
  });

  it('made no connection beyond loopback: no registry, CDN, usage reporting or telemetry', () => {
    expect(remoteHosts.size).toBeGreaterThan(0);
    expect([...remoteHosts]).toEqual(['127.0.0.1']);
  });
});
