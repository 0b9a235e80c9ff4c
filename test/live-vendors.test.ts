import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { startSimulators, type Simulators } from '../src/simulator/start.js';

// The gateway pointed by env at vendor servers it did not start (here: simulators in this process,
// reached only through *_BASE_URL and credentials), checked field by field against API.md's table.

const BASIC = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;
type Wire = Record<string, unknown>;

let vendors: Simulators;
let app: App;

async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<{ data: T; errors?: { extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data: T };
}

async function vendorGet(url: string, headers: Record<string, string>): Promise<Wire> {
  return (await (await fetch(url, { headers })).json()) as Wire;
}

const CANONICAL = `vendorUserId firstName lastName fullName initials email emails username phoneNumber phoneNumbers
  status availability language timeZone jobTitle extension avatarUrl isAdmin createdAt updatedAt`;

beforeAll(async () => {
  vendors = await startSimulators({ seed: 9, users: 30 });
  const config = loadConfig({
    PORT: '0',
    RINKEL_BASE_URL: vendors.rinkel.url ?? '', RINKEL_API_KEY: 'sandbox-rinkel-key',
    DIALPAD_BASE_URL: vendors.dialpad.url ?? '', DIALPAD_API_KEY: 'sandbox-dialpad-key',
    IMICHAT_BASE_URL: vendors.imichat.url ?? '', IMICHAT_API_KEY: 'sandbox-imichat-key', IMICHAT_DOMAIN: 'sandbox', IMICHAT_TEAM_ID: '1',
    COMMPEAK_BASE_URL: vendors.commpeak.url ?? '', COMMPEAK_USERNAME: 'sandbox', COMMPEAK_PASSWORD: 'sandbox',
  });
  app = await startApp(config);
});
afterAll(async () => {
  await app.close();
  await vendors.close();
});

async function canonical(vendor: string, vendorUserId: string): Promise<Wire> {
  const { data } = await gql<{ u: Wire }>(`query ($v: Vendor!, $id: String!) { u: userByVendorId(vendor: $v, vendorUserId: $id) { ${CANONICAL} } }`, { v: vendor, id: vendorUserId });
  return data.u;
}

describe('live mode from the environment', () => {
  it('runs no simulators of its own and reports every vendor LIVE', async () => {
    expect(app.simulators).toBeNull();
    const { data } = await gql<{ vendors: { mode: string; health: string }[] }>('{ vendors { mode health } }');
    expect(data.vendors).toEqual(Array.from({ length: 4 }, () => ({ mode: 'LIVE', health: 'UP' })));
  });

  it('maps every Rinkel field per API.md', async () => {
    const page = await vendorGet(`${vendors.rinkel.url}/users?perPage=50`, { 'x-rinkel-api-key': 'sandbox-rinkel-key' });
    for (const wire of (page.data as Wire[]).slice(0, 10)) {
      const phone = wire.phoneNumber as Wire | null;
      expect(await canonical('RINKEL', String(wire.id))).toEqual({
        vendorUserId: wire.id, firstName: wire.firstName, lastName: wire.lastName, fullName: wire.fullName, initials: wire.initials,
        email: wire.email, emails: [wire.email], username: null, phoneNumber: phone?.e164 ?? null, phoneNumbers: phone ? [phone.e164] : [],
        status: 'ACTIVE', availability: wire.availability, language: (wire.preferences as Wire).language, timeZone: null, jobTitle: null,
        extension: null, avatarUrl: (wire.avatarUrls as Wire | null)?.large ?? null, isAdmin: null, createdAt: null, updatedAt: null,
      });
    }
  });

  it('maps every Dialpad field per API.md', async () => {
    const page = await vendorGet(`${vendors.dialpad.url}/api/v2/users?state=all`, { authorization: 'Bearer sandbox-dialpad-key' });
    const states: Record<string, string> = { active: 'ACTIVE', suspended: 'SUSPENDED', pending: 'PENDING', cancelled: 'DELETED', deleted: 'DELETED' };
    const duty = (value: unknown) => (value === null ? null : value === 'available' ? 'AVAILABLE' : value === 'unavailable' ? 'UNAVAILABLE' : 'BUSY');
    for (const wire of (page.items as Wire[]).slice(0, 12)) {
      const emails = (wire.emails as string[] | null) ?? [];
      const phones = (wire.phone_numbers as string[] | null) ?? [];
      const got = await canonical('DIALPAD', String(wire.id));
      expect(got).toMatchObject({
        vendorUserId: wire.id, firstName: wire.first_name, lastName: wire.last_name, fullName: wire.display_name,
        email: emails[0] ?? null, emails, username: null, phoneNumber: phones[0] ?? null, phoneNumbers: phones,
        status: states[String(wire.state)], availability: duty(wire.on_duty_status), language: wire.language, timeZone: wire.timezone,
        jobTitle: wire.job_title, extension: wire.extension, avatarUrl: wire.image_url,
        isAdmin: Boolean(wire.is_admin) || Boolean(wire.is_super_admin), createdAt: wire.date_added ? new Date(`${String(wire.date_added)}Z`).toISOString() : null, updatedAt: null,
      });
      expect(String(got.vendorUserId)).toMatch(/^\d{19}$/);
    }
  });

  it('maps every IMIchat field per API.md', async () => {
    const auth = await fetch(`${vendors.imichat.url}/authorize`, { headers: { key: Buffer.from('sandbox-imichat-key@sandbox').toString('base64') } });
    const headers = { access_token: auth.headers.get('access_token') ?? '', teamid: '1' };
    const page = await vendorGet(`${vendors.imichat.url}/users?page=1`, headers);
    for (const wire of ((page.response as Wire).users as Wire[]).slice(0, 10)) {
      expect(await canonical('IMICHAT', String(wire.id))).toMatchObject({
        vendorUserId: String(wire.id), firstName: wire.first_name, lastName: wire.last_name, fullName: `${String(wire.first_name)} ${String(wire.last_name)}`,
        email: wire.email_id, emails: [wire.email_id], username: wire.login_id, phoneNumber: null, phoneNumbers: [],
        status: String(wire.status).toUpperCase(), availability: wire.accepting_chats ? 'AVAILABLE' : 'UNAVAILABLE', language: null,
        jobTitle: wire.job_description, isAdmin: wire.role_type === 'Administrative',
        createdAt: new Date(String(wire.created_at)).toISOString(), updatedAt: new Date(String(wire.updated_at)).toISOString(),
      });
    }
  });

  it('maps every CommPeak field per API.md, string flags included', async () => {
    const page = (await vendorGet(`${vendors.commpeak.url}/api/users?per-page=30`, { authorization: BASIC })) as unknown as Wire[];
    const locales: Record<string, string> = { en_US: 'en-US', es_ES: 'es-ES', pt_BR: 'pt-BR' };
    for (const wire of page) {
      const status = wire.is_deleted === '1' ? 'DELETED' : wire.is_active === '1' ? 'ACTIVE' : 'INACTIVE';
      expect(await canonical('COMMPEAK', String(wire.id))).toMatchObject({
        vendorUserId: wire.id, firstName: wire.first_name, lastName: wire.last_name, fullName: `${String(wire.first_name)} ${String(wire.last_name)}`,
        email: wire.email, emails: [wire.email], username: wire.username, phoneNumber: null, status,
        availability: wire.is_clockedin === '1' ? 'AVAILABLE' : 'UNAVAILABLE', language: locales[String(wire.default_language)],
        extension: wire.virtual_extension === '' ? null : wire.virtual_extension, isAdmin: null,
      });
    }
    const { data } = await gql<{ u: { raw: Wire } }>(`{ u: userByVendorId(vendor: COMMPEAK, vendorUserId: "${String(page[0]?.id)}") { raw } }`);
    expect(data.u.raw).not.toHaveProperty('registration_password');
    expect(JSON.stringify(data.u.raw)).not.toContain(String(page[0]?.registration_password));
  });
});

describe('configuration errors', () => {
  it('stops on a half-configured vendor, naming what is missing', () => {
    expect(() => loadConfig({ IMICHAT_BASE_URL: 'https://acme.imi.chat/v3.1', IMICHAT_API_KEY: 'k' })).toThrow(ConfigError);
    expect(() => loadConfig({ IMICHAT_BASE_URL: 'https://acme.imi.chat/v3.1', IMICHAT_API_KEY: 'k' })).toThrow(
      /imichat is half-configured: IMICHAT_BASE_URL, IMICHAT_API_KEY set but IMICHAT_DOMAIN, IMICHAT_TEAM_ID missing/,
    );
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', DIALPAD_TIMEOUT_MS: '-1', RINKEL_BASE_URL: 'ftp://x', RINKEL_API_KEY: 'k' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT must be an integer between 0 and 65535, got "eighty"');
    expect(message).toContain('DIALPAD_TIMEOUT_MS must be an integer between 1 and');
    expect(message).toContain('RINKEL_BASE_URL must be an http(s) URL, got "ftp://x"');
  });

  it('turns off the vendors that are not configured once any one is, and says so per item', async () => {
    const config = loadConfig({ PORT: '0', COMMPEAK_BASE_URL: vendors.commpeak.url ?? '', COMMPEAK_USERNAME: 'sandbox', COMMPEAK_PASSWORD: 'sandbox' });
    expect(config.sandbox).toBeNull();
    const only = await startApp(config);
    try {
      const response = await fetch(`${only.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ users(first: 1) { totalCount } vendors { mode } r: userByVendorId(vendor: RINKEL, vendorUserId: "ffffffffffffffffffffffff") { id } }' }),
      });
      const body = (await response.json()) as { data: { users: { totalCount: number }; vendors: { mode: string }[]; r: null }; errors: { extensions: Record<string, unknown> }[] };
      expect(body.data.users.totalCount).toBe(30);
      expect(body.data.vendors.map((v) => v.mode)).toEqual(['OFF', 'OFF', 'OFF', 'LIVE']);
      expect(body.data.r).toBeNull();
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'RINKEL' });
    } finally {
      await only.close();
    }
  });
});
