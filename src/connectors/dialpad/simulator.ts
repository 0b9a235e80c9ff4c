import { z } from 'zod';
import { createSimulator, type Simulator } from '../../simulator/create-simulator.js';
import { intParam } from '../../simulator/paging.js';
import { createPeople, type Account } from '../../simulator/people.js';
import { json, matchPath, parseJsonBody, type SimRequest, type SimResponse, type VendorApp, type VendorSimulatorOptions } from '../../simulator/protocol.js';
import { createRandom, deriveSeed, type Random } from '../../simulator/random.js';
import { createRateWindow, type RateWindow } from '../../simulator/rate-window.js';
import { describeIssues } from '../../simulator/validation.js';
import {
  DIALPAD_LICENSES, DIALPAD_ON_DUTY_STATUSES, DIALPAD_STATE_FILTERS, WireDialpadUserPatch,
  type WireDialpadPage, type WireDialpadUser,
} from './wire.js';

/**
 * Dialpad stand-in (seed 003; VENDORS.md "Dialpad"). Serves the bare origin, like the live
 * `https://dialpad.com`, under `/api/v2`. Errors are `{"error": {"code", "message"}}`.
 */

export const DIALPAD_SANDBOX_KEY = 'sandbox-dialpad-key';

export interface DialpadSettings {
  /** Requests per second for the company, over every endpoint; null turns the limit off. @default 20 */
  perSecond: number | null;
  /** Requests per minute on each users endpoint (method and path template); null turns it off. @default 1200 */
  perMinute: number | null;
}

const Limit = z.number().int().positive().nullable();
const settingsSchema = z.object({ perSecond: Limit, perMinute: Limit }).partial().strict();

/** A support license may drop paid numbers unless `keep_paid_numbers` (seed 003). */
const SUPPORT_LICENSES: ReadonlySet<string> = new Set(['lite_support_agents']);
const TIMEZONES = { NL: 'Europe/Amsterdam', BE: 'Europe/Brussels', ES: 'Europe/Madrid', SE: 'Europe/Stockholm' } as const;
const FAR_TIMEZONES = ['America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'UTC'] as const;
const LANGUAGES = ['en', 'en-US', 'nl', 'es', 'pt-BR', 'sv'] as const;
const JOB_TITLES = ['Support Agent', 'Sales Representative', 'Team Lead', 'Account Executive', 'Office Manager', 'Engineer'] as const;
const TWO_POW_53 = 2n ** 53n;

export function createDialpadSimulator(options: VendorSimulatorOptions = {}): Simulator {
  return createSimulator(createDialpadApp(options), { seed: options.seed ?? 1 });
}

export function createDialpadApp({ seed = 1, users: count = 200, now = Date.now }: VendorSimulatorOptions): VendorApp<DialpadSettings> {
  const seedUsers = (): Map<string, WireDialpadUser> => {
    const random = createRandom(deriveSeed(seed, 'dialpad'));
    const accounts = createPeople({ seed, usersPerVendor: count }).accounts.dialpad;
    const directory = { company: bigId(random), offices: [bigId(random), bigId(random), bigId(random)] };
    const used = new Set<string>();
    return new Map(accounts.map((account, i) => seedUser(random, account, i, directory, used)).map((user) => [user.id as string, user]));
  };
  let users = seedUsers();

  const settings: DialpadSettings = { perSecond: 20, perMinute: 1200 };
  const perSecond = createRateWindow(() => settings.perSecond ?? Infinity, 1000, now);
  const perMinute = new Map<string, RateWindow>();

  /** Answers the 429 when a window is full; counts the request in every window only when all have room. */
  const throttle = (endpoint: string | null): SimResponse | null => {
    const windows: [RateWindow, string][] = [];
    if (settings.perSecond !== null) windows.push([perSecond, `${settings.perSecond} requests per second`]);
    if (endpoint !== null && settings.perMinute !== null) {
      let window = perMinute.get(endpoint);
      if (!window) perMinute.set(endpoint, (window = createRateWindow(() => settings.perMinute ?? Infinity, 60_000, now)));
      windows.push([window, `${settings.perMinute} requests per minute on ${endpoint}`]);
    }
    for (const [window, limit] of windows) {
      if (window.remaining() > 0) continue;
      const taken = window.take();
      const retryAfter = taken.allowed ? 1 : taken.retryAfterSeconds;
      return { ...error(429, `Rate limit exceeded: ${limit}`), headers: { 'retry-after': String(retryAfter) } };
    }
    for (const [window] of windows) window.take();
    return null;
  };

  const routes = (request: SimRequest): SimResponse => {
    if (bearerToken(request.headers.authorization) !== DIALPAD_SANDBOX_KEY) return error(401, 'Invalid or missing API key');
    const params = matchPath('/api/v2/users/{id}', request.path);
    const endpoint = request.path === '/api/v2/users' && request.method === 'GET' ? 'GET /api/v2/users'
      : params && (request.method === 'GET' || request.method === 'PATCH') ? `${request.method} /api/v2/users/{id}` : null;
    const limited = throttle(endpoint);
    if (limited) return limited;
    if (endpoint === 'GET /api/v2/users') return list(request);
    if (params?.id !== undefined && endpoint !== null) {
      // `me` is the key's owner; a company key is played by the first user of the directory.
      const user = params.id === 'me' ? users.values().next().value : users.get(params.id);
      if (!user) return error(404, `User ${params.id} not found`);
      return request.method === 'GET' ? json(200, user) : update(user, request);
    }
    return error(404, `No route for ${request.method} ${request.path}`);
  };

  const list = (request: SimRequest): SimResponse => {
    const limit = intParam(request.query, 'limit', 100, 1, 100);
    if (limit === null) return error(400, 'limit must be an integer between 1 and 100');
    const state = request.query.get('state') || 'all';
    if (!(DIALPAD_STATE_FILTERS as readonly string[]).includes(state)) {
      return error(400, `state must be one of the following values: ${DIALPAD_STATE_FILTERS.join(', ')}`);
    }
    const rawCursor = request.query.get('cursor') || null;
    const offset = rawCursor === null ? 0 : decodeCursor(rawCursor);
    if (offset === null) return error(400, `Invalid cursor ${rawCursor}`);
    const email = request.query.get('email')?.toLowerCase() || null;
    const matches = [...users.values()].filter((user) =>
      (state === 'all' || user.state === state) && (email === null || (user.emails ?? []).some((address) => address.toLowerCase() === email)));
    const body: WireDialpadPage = { items: matches.slice(offset, offset + limit) };
    if (offset + limit < matches.length) body.cursor = encodeCursor(offset + limit);
    return json(200, body);
  };

  const update = (user: WireDialpadUser, request: SimRequest): SimResponse => {
    const body = parseJsonBody(request);
    if (body instanceof Error) return error(400, `Invalid JSON body: ${body.message}`);
    const parsed = WireDialpadUserPatch.safeParse(body ?? {});
    if (!parsed.success) return error(400, describeIssues(parsed.error).map((issue) => issue.message).join('; '));
    const { emails, phone_numbers, office_id, admin_office_ids, extension, presence_status, keep_paid_numbers = true, ...rest } = parsed.data;
    const next: WireDialpadUser = { ...user, ...rest };

    if (phone_numbers) {
      const added = phone_numbers.find((number) => !(user.phone_numbers ?? []).includes(number));
      if (added !== undefined) return error(400, `phone_numbers may only reorder or remove numbers; ${added} is not assigned to this user (use the assign number API)`);
      if (new Set(phone_numbers).size !== phone_numbers.length) return error(400, 'phone_numbers must not repeat a number');
      next.phone_numbers = phone_numbers;
    }
    if (emails) {
      const lower = emails.map((address) => address.toLowerCase());
      if (new Set(lower).size !== lower.length) return error(400, 'emails must not repeat an address');
      const taken = emails.find((address) => ![undefined, user.id].includes(ownerOf(address)));
      if (taken !== undefined) return error(400, `emails: ${taken} belongs to another user`);
      next.emails = emails;
    }
    if (office_id !== undefined) next.office_id = String(office_id);
    if (admin_office_ids) next.admin_office_ids = admin_office_ids.map(String);
    if (extension !== undefined) next.extension = extension === '' ? null : extension;
    if (presence_status) next.status_message = renderPresence(presence_status);
    if (rest.license && SUPPORT_LICENSES.has(rest.license) && !SUPPORT_LICENSES.has(user.license ?? '') && !keep_paid_numbers) next.phone_numbers = [];
    if (rest.state === 'suspended') next.is_available = false;
    next.is_admin = Boolean(next.is_super_admin) || (next.admin_office_ids ?? []).length > 0;
    next.display_name = [next.first_name, next.last_name].filter(Boolean).join(' ') || null;
    users.set(user.id as string, next);
    return json(200, next);
  };

  const ownerOf = (address: string): string | null | undefined => {
    const lower = address.toLowerCase();
    for (const user of users.values()) if ((user.emails ?? []).some((email) => email.toLowerCase() === lower)) return user.id;
    return undefined;
  };

  return {
    vendor: 'dialpad',
    secretHeaders: ['authorization'],
    settings,
    settingsSchema,
    handle: routes,
    errorResponse: error,
    // The kit restores the default settings on reset; the app restores its data and empties the windows.
    reset: () => {
      users = seedUsers();
      perSecond.clear();
      perMinute.clear();
    },
  };
}

function error(status: number, message: string): SimResponse {
  return json(status, { error: { code: status, message } });
}

/** RFC 9110: the scheme is case-insensitive; anything but Bearer (Basic, a bare key) is no key at all. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Opaque to clients: base64url of `offset:<n>`; anything else, even a re-padded variant, is refused. */
function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) return null;
  const offset = Number(match[1]);
  return encodeCursor(offset) === cursor ? offset : null;
}

/** The seed's templates: default "{provider}: {message}", conference "On {provider}: in the {message} meeting". */
function renderPresence({ provider, message, type = 'default' }: NonNullable<WireDialpadUserPatch['presence_status']>): string | null {
  if (!message) return null;
  if (!provider) return message;
  return type === 'conference' ? `On ${provider}: in the ${message} meeting` : `${provider}: ${message}`;
}

/**
 * A 19-digit int64 that a JS number cannot hold: a client that runs ids through `JSON.parse` as numbers
 * gets a visibly different id back instead of passing by luck.
 */
function bigId(random: Random, used?: Set<string>): string {
  for (;;) {
    const id = `${random.int(4_000_000_000, 6_999_999_999)}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
    const exact = BigInt(id);
    if (exact <= TWO_POW_53 || BigInt(Number(id)) === exact || used?.has(id)) continue;
    used?.add(id);
    return id;
  }
}

/** Local UTC date-time without a zone, as Dialpad writes it: `2023-04-01T12:34:56`. */
function dateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function seedState(random: Random): NonNullable<WireDialpadUser['state']> {
  const draw = random.next();
  return draw < 0.75 ? 'active' : draw < 0.83 ? 'suspended' : draw < 0.9 ? 'pending' : draw < 0.95 ? 'cancelled' : 'deleted';
}

function seedUser(
  random: Random, { person, email }: Account, index: number,
  directory: { company: string; offices: readonly string[] }, used: Set<string>,
): WireDialpadUser {
  const id = bigId(random, used);
  // The key's owner comes first and must be able to act: an active super admin.
  const owner = index === 0;
  const state = owner ? 'active' : seedState(random);
  const active = state === 'active';
  const phones = random.chance(0.8) ? [person.phone.e164] : [];
  if (phones.length > 0 && random.chance(0.15)) phones.push(`+${person.phone.e164.slice(1, 3)}${random.int(700000000, 799999999)}`);
  const officeId = random.pick(directory.offices);
  const isSuperAdmin = owner || random.chance(0.03);
  const adminOfficeIds = random.chance(0.1) ? [officeId] : [];
  const added = Date.UTC(2019, 0, 1) + random.int(0, 5 * 365 * 86_400) * 1000;
  const [local = ''] = person.email.split('@');
  return {
    id,
    first_name: person.firstName,
    last_name: person.lastName,
    display_name: `${person.firstName} ${person.lastName}`,
    // A second address on another domain never collides with another vendor's account of the same person.
    emails: random.chance(0.2) ? [email, `${local}@mail.example.org`] : [email],
    phone_numbers: phones,
    forwarding_numbers: random.chance(0.3) ? [`+${person.phone.e164.slice(1, 3)}${random.int(200000000, 299999999)}`] : [],
    extension: random.chance(0.6) ? String(1000 + index) : null,
    job_title: random.chance(0.85) ? random.pick(JOB_TITLES) : null,
    language: random.chance(0.9) ? random.pick(LANGUAGES) : null,
    timezone: random.chance(0.1) ? random.pick(FAR_TIMEZONES) : random.chance(0.95) ? TIMEZONES[person.phone.countryIsoCode] : null,
    image_url: random.chance(0.6) ? `https://cdn.dialpad.example/avatars/${id}.png` : null,
    state,
    on_duty_status: active ? random.pick(DIALPAD_ON_DUTY_STATUSES) : null,
    is_available: active && random.chance(0.6),
    is_admin: isSuperAdmin || adminOfficeIds.length > 0,
    is_super_admin: isSuperAdmin,
    international_dialing_enabled: random.chance(0.3),
    do_not_disturb: active && random.chance(0.1),
    license: random.chance(0.5) ? 'talk' : random.pick(DIALPAD_LICENSES),
    office_id: officeId,
    admin_office_ids: adminOfficeIds,
    company_id: directory.company,
    date_added: dateTime(added),
    // A pending user was invited but never signed in.
    date_active: state === 'pending' ? null : dateTime(added + random.int(0, 400 * 86_400) * 1000),
    status_message: null,
  };
}
