import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createSimulator, type Simulator } from '../../simulator/create-simulator.js';
import { intParam, pageOf } from '../../simulator/paging.js';
import { createPeople, type Account } from '../../simulator/people.js';
import { json, matchPath, parseJsonBody, type SimRequest, type SimResponse, type VendorApp, type VendorSimulatorOptions } from '../../simulator/protocol.js';
import { createRandom, deriveSeed, type Random } from '../../simulator/random.js';
import { createRateWindow } from '../../simulator/rate-window.js';
import { describeIssues } from '../../simulator/validation.js';
import {
  IMICHAT_BUSINESS_VALUES, IMICHAT_CODES, IMICHAT_LOCATION_VALUES, WireImichatUserPatch,
  type ImichatCode, type WireImichatEnvelope, type WireImichatUser, type WireImichatUserList,
} from './wire.js';

/**
 * IMIchat / Webex Engage stand-in (seed 004; VENDORS.md "IMIchat / Webex Engage"). Serves at the root,
 * so its URL plays the role of the live `https://<tenant>.imi.chat/v3.1`. Every body is the
 * `{status_code, description, response}` envelope and every response carries the daily-quota headers.
 */

export const IMICHAT_SANDBOX_KEY = 'sandbox-imichat-key';
export const IMICHAT_SANDBOX_DOMAIN = 'sandbox';
export const IMICHAT_SANDBOX_TEAM_ID = '1';
/** The `key` header `GET /authorize` accepts: base64("<api key>@<domain>"). */
export const IMICHAT_SANDBOX_KEY_HEADER = Buffer.from(`${IMICHAT_SANDBOX_KEY}@${IMICHAT_SANDBOX_DOMAIN}`).toString('base64');

export interface ImichatSettings {
  /** Lifetime of a token from `GET /authorize`. @default 3600 */
  tokenTtlSeconds: number;
  /**
   * Requests per tenant in any 24 h; every call counts, `/authorize` too. null turns the quota off
   * (and its headers with it), for load runs that would spend a real day's quota in seconds. @default 10000
   */
  dailyQuota: number | null;
}

export const IMICHAT_DEFAULT_SETTINGS: Readonly<ImichatSettings> = { tokenTtlSeconds: 3600, dailyQuota: 10_000 };

const settingsSchema = z
  .object({ tokenTtlSeconds: z.number().int().positive(), dailyQuota: z.number().int().positive().nullable() })
  .partial()
  .strict();

const DAY_MS = 24 * 60 * 60 * 1000;
const PER_PAGE = 10;
const USER_ID = /^[1-9]\d*$/;

export function createImichatSimulator(options: VendorSimulatorOptions = {}): Simulator {
  return createSimulator(createImichatApp(options), { seed: options.seed ?? 1 });
}

export function createImichatApp({ seed = 1, users: count = 200, now = Date.now }: VendorSimulatorOptions = {}): VendorApp<ImichatSettings> {
  const seedUsers = (): Map<number, WireImichatUser> => {
    const random = createRandom(deriveSeed(seed, 'imichat'));
    const accounts = createPeople({ seed, usersPerVendor: count }).accounts.imichat;
    let id = 10_000;
    // Gaps between ids, as in a directory where users were deleted; ascending, so the list is in id order.
    return new Map(accounts.map((account) => seedUser(random, (id += random.int(1, 3)), account)).map((user) => [user.id, user]));
  };
  const settings: ImichatSettings = { ...IMICHAT_DEFAULT_SETTINGS };
  const quota = createRateWindow(() => settings.dailyQuota ?? Infinity, DAY_MS, now);
  let users = seedUsers();
  /** Token → expiry (epoch ms). Several live at once: a token stays valid when another is issued. */
  const tokens = new Map<string, number>();

  const rateHeaders = (): Record<string, string> => {
    if (settings.dailyQuota === null) return {};
    const remaining = quota.remaining();
    // Seconds until the oldest counted request leaves the window; nothing to free in an empty window.
    const reset = remaining >= settings.dailyQuota ? 0 : Math.max(0, Math.ceil(quota.resetAt() - now() / 1000));
    return { 'Rate-Limit-Limit': String(settings.dailyQuota), 'Rate-Limit-Remaining': String(remaining), 'Rate-Limit-Reset': String(reset) };
  };

  const reply = (code: ImichatCode, extra: { response?: unknown; description?: string; status?: number; headers?: Record<string, string> } = {}): SimResponse => {
    const body: WireImichatEnvelope<unknown> = { status_code: code, description: extra.description ?? IMICHAT_CODES[code].description, response: extra.response ?? null };
    return json(extra.status ?? IMICHAT_CODES[code].http, body, { ...rateHeaders(), ...extra.headers });
  };

  const routes = (request: SimRequest): SimResponse => {
    const taken = settings.dailyQuota === null ? null : quota.take();
    if (taken && !taken.allowed) return reply(2008, { headers: { 'Retry-After': String(taken.retryAfterSeconds) } });
    if (request.path === '/authorize') return request.method === 'GET' ? authorize(request) : reply(2099);
    const refused = authenticate(request);
    if (refused) return refused;
    if (request.path === '/users') return request.method === 'GET' ? list(request) : reply(2099);
    const params = matchPath('/users/{id}', request.path);
    if (params?.id !== undefined) {
      const user = USER_ID.test(params.id) ? users.get(Number(params.id)) : undefined;
      if (request.method !== 'GET' && request.method !== 'PUT') return reply(2099);
      if (!user) return reply(3101, { description: `${IMICHAT_CODES[3101].description}: ${params.id}` });
      return request.method === 'GET' ? reply(4306, { response: user }) : update(user, request);
    }
    return reply(2009, { description: `${IMICHAT_CODES[2009].description}: ${request.method} ${request.path}` });
  };

  const authorize = (request: SimRequest): SimResponse => {
    const key = request.headers.key;
    if (!key) return reply(2002, { description: `${IMICHAT_CODES[2002].description}: key` });
    if (key.trim() !== IMICHAT_SANDBOX_KEY_HEADER) return reply(2003, { description: 'Invalid key: expected base64("<api key>@<domain>")' });
    // Forget tokens long expired so repeated authorizing cannot grow the map without bound; a day keeps 2004 meaningful.
    for (const [token, expiresAt] of tokens) if (expiresAt + DAY_MS < now()) tokens.delete(token);
    const token = randomBytes(24).toString('hex');
    tokens.set(token, now() + settings.tokenTtlSeconds * 1000);
    return reply(4301, { headers: { access_token: token } });
  };

  const authenticate = (request: SimRequest): SimResponse | undefined => {
    const token = request.headers.access_token;
    const team = request.headers.teamid;
    const missing = [token ? '' : 'access_token', team ? '' : 'teamid'].filter(Boolean);
    if (missing.length > 0) return reply(2002, { description: `${IMICHAT_CODES[2002].description}: ${missing.join(', ')}` });
    const expiresAt = tokens.get(token as string);
    if (expiresAt === undefined) return reply(2003);
    if (now() >= expiresAt) return reply(2004);
    if (team !== IMICHAT_SANDBOX_TEAM_ID) return reply(2010);
    return undefined;
  };

  const list = (request: SimRequest): SimResponse => {
    const page = intParam(request.query, 'page', 1, 1);
    if (page === null) return reply(3115, { description: `${IMICHAT_CODES[3115].description}: page must be a positive integer` });
    const response: WireImichatUserList = { users: pageOf([...users.values()], page, PER_PAGE).items };
    return reply(4307, { response });
  };

  const update = (user: WireImichatUser, request: SimRequest): SimResponse => {
    const body = parseJsonBody(request);
    if (body instanceof Error) return reply(3115, { description: `${IMICHAT_CODES[3115].description}: body is not valid JSON` });
    // `{}` carries nothing to update either: the same 3114 as no body (*decided*).
    if (body === undefined || isEmptyObject(body)) return reply(3114);
    const parsed = WireImichatUserPatch.safeParse(body);
    if (!parsed.success) {
      const reasons = describeIssues(parsed.error).map((issue) => issue.message).join('; ');
      return reply(3115, { description: `${IMICHAT_CODES[3115].description}: ${reasons}` });
    }
    const { custom_attributes: custom, skill_attributes: skills, ...fields } = parsed.data;
    // A null removes the attribute like any other key; only a value must be one of the known ones.
    if (custom && custom.business != null && !isOneOf(IMICHAT_BUSINESS_VALUES, custom.business)) return reply(3107);
    if (custom && custom.location != null && !isOneOf(IMICHAT_LOCATION_VALUES, custom.location)) return reply(3110);
    const next: WireImichatUser = {
      ...user,
      ...fields,
      custom_attributes: custom ? mergeAttributes(user.custom_attributes, custom) : user.custom_attributes,
      skill_attributes: skills ? mergeAttributes(user.skill_attributes, skills) : user.skill_attributes,
      updated_at: iso(now()),
    };
    users.set(user.id, next);
    return reply(4309, { response: next });
  };

  return {
    vendor: 'imichat',
    secretHeaders: ['key', 'access_token'],
    settings,
    settingsSchema,
    handle: routes,
    // Injected faults keep their HTTP status but speak the envelope, with the quota headers like any answer.
    errorResponse: (status, message) => {
      const code: ImichatCode = status === 429 ? 2008 : status >= 500 ? 2007 : status === 404 ? 3101 : status === 401 ? 2004 : 3115;
      return reply(code, { status, description: message });
    },
    reset: () => {
      users = seedUsers();
      tokens.clear();
      quota.clear();
    },
  };
}

/** `null` removes a key; any other value sets it; keys the patch does not name stay as they were. */
function mergeAttributes(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

function isOneOf(values: readonly string[], value: unknown): boolean {
  return typeof value === 'string' && values.includes(value);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** ISO-8601 UTC to the second, as the vendor's `created_at`/`updated_at`. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const SEED_FROM = Date.UTC(2019, 0, 1);
const SEED_TO = Date.UTC(2025, 0, 1);
const JOB_DESCRIPTIONS = ['Customer care agent', 'Senior support agent', 'Team lead', 'Billing specialist', 'Sales advisor', 'Onboarding coach'];
const SKILLS = ['billing', 'sales', 'technical_support', 'returns', 'onboarding'] as const;
/** The people's phone countries decide where their agents sit, so the seed looks coherent. */
const LOCATION_BY_COUNTRY: Record<Account['person']['phone']['countryIsoCode'], (typeof IMICHAT_LOCATION_VALUES)[number]> = {
  NL: 'Amsterdam', BE: 'Brussels', ES: 'Madrid', SE: 'Stockholm',
};

function seedUser(random: Random, id: number, { person, email }: Account): WireImichatUser {
  const created = random.int(SEED_FROM, SEED_TO);
  const status = random.chance(0.85) ? 'active' : 'inactive';
  const loggedIn = status === 'active' && random.chance(0.4);
  const accepting = loggedIn && random.chance(0.8);
  const skills = Object.fromEntries(SKILLS.filter(() => random.chance(0.35)).map((skill) => [skill, random.int(1, 10)]));
  return {
    id,
    created_at: iso(created),
    updated_at: iso(random.int(created, SEED_TO)),
    first_name: person.firstName,
    last_name: person.lastName,
    login_id: person.email.split('@')[0] as string,
    email_id: email,
    status,
    logged_in: loggedIn,
    job_description: random.pick(JOB_DESCRIPTIONS),
    login_using_email: random.chance(0.7),
    role_type: random.chance(0.15) ? 'Administrative' : 'Customer Care',
    accepting_chats: accepting,
    skill_attributes: skills,
    custom_attributes: {
      business: random.pick(IMICHAT_BUSINESS_VALUES),
      location: random.chance(0.1) ? 'Remote' : LOCATION_BY_COUNTRY[person.phone.countryIsoCode],
      ...(random.chance(0.4) ? { cost_center: `CC-${random.int(100, 999)}` } : {}),
    },
    active_chats: accepting ? random.int(0, 5) : 0,
  };
}
