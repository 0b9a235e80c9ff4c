import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { createSimulator, type Simulator } from '../../simulator/create-simulator.js';
import { intParam, pageOf } from '../../simulator/paging.js';
import { asciiSlug, createPeople, type Account } from '../../simulator/people.js';
import { json, matchPath, parseJsonBody, type SimRequest, type SimResponse, type VendorApp, type VendorSimulatorOptions } from '../../simulator/protocol.js';
import { createRandom, deriveSeed, type Random } from '../../simulator/random.js';
import type { FieldIssue } from '../../simulator/validation.js';
import {
  COMMPEAK_LANGUAGES, COMMPEAK_NUMERIC_FLAGS, COMMPEAK_STRING_FLAGS, COMMPEAK_TWOFA_TYPES, WireCommpeakUser, WireCommpeakUserUpdate,
  type WireCommpeakError, type WireCommpeakValidationErrors,
} from './wire.js';

/**
 * CommPeak stand-in (seed 001; VENDORS.md "CommPeak"). Serves at the root, so its URL plays the role of
 * the live `https://<tenant>.td.commpeak.com`. CommPeak behaves like a Yii2 REST controller; where
 * VENDORS.md is silent this follows Yii2's defaults, and says so where it does.
 */

export const COMMPEAK_SANDBOX_USERNAME = 'sandbox';
export const COMMPEAK_SANDBOX_PASSWORD = 'sandbox';

const PER_PAGE = { min: 1, max: 100, default: 20 } as const;
// Yii2's OptionsAction lists the verbs a URL takes; HEAD and OPTIONS come with its REST UrlRule.
const COLLECTION_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
const RESOURCE_METHODS = ['GET', 'HEAD', 'PUT', 'OPTIONS'] as const;
const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

type Issue = z.ZodError['issues'][number];

export function createCommpeakSimulator(options: VendorSimulatorOptions = {}): Simulator {
  return createSimulator(createCommpeakApp(options), { seed: options.seed ?? 1 });
}

export function createCommpeakApp({ seed = 1, users: count = 200 }: VendorSimulatorOptions = {}): VendorApp {
  const seedUsers = (): Map<string, WireCommpeakUser> => {
    const random = createRandom(deriveSeed(seed, 'commpeak'));
    const accounts = createPeople({ seed, usersPerVendor: count }).accounts.commpeak;
    // Auto-increment ids with gaps (rows deleted long ago); ascending, so the list is in id order as Yii's is.
    let id = 1000;
    return new Map(accounts.map((account) => seedUser(random, account, String((id += random.int(1, 3))))).map((user) => [user.id, user]));
  };
  let users = seedUsers();

  const routes = (request: SimRequest): SimResponse => {
    // Yii2 resolves the route, then runs the verb filter, then authenticates: 404 and 405 precede 401.
    const params = matchPath('/api/users/{id}', request.path);
    const allowed = request.path === '/api/users' ? COLLECTION_METHODS : params ? RESOURCE_METHODS : null;
    if (!allowed) return error(404, 'Page not found.');
    const allow = { Allow: allowed.join(', ') };
    if (!(allowed as readonly string[]).includes(request.method)) {
      return error(405, `Method Not Allowed. This URL can only handle the following request methods: ${allow.Allow}.`, allow);
    }
    // Preflight-style OPTIONS is answered without credentials, as Yii2 apps commonly configure it.
    if (request.method === 'OPTIONS') return { status: 200, headers: allow };
    if (!authorized(request.headers.authorization)) return error(401, 'Your request was made with invalid credentials.');
    if (params?.id === undefined) return list(request);
    const user = users.get(params.id);
    if (!user) return error(404, `Object not found: ${params.id}`);
    return request.method === 'PUT' ? update(user, request) : json(200, user);
  };

  const list = (request: SimRequest): SimResponse => {
    const page = intParam(request.query, 'page', 1, 1);
    const perPage = intParam(request.query, 'per-page', PER_PAGE.default, PER_PAGE.min, PER_PAGE.max);
    // Yii2 would clamp both silently; VENDORS.md decides on a 422 naming each bad parameter.
    const issues: FieldIssue[] = [];
    if (page === null) issues.push(integerIssue('page', request.query.get('page') ?? '', 1));
    if (perPage === null) issues.push(integerIssue('per-page', request.query.get('per-page') ?? '', PER_PAGE.min, PER_PAGE.max));
    if (page === null || perPage === null) return json(422, issues satisfies WireCommpeakValidationErrors);

    // A page past the end is `[]`, not the last page again (Yii2's validatePage): a client that loops
    // until it sees fewer than per-page users must terminate.
    const result = pageOf([...users.values()], page, perPage);
    return json(200, result.items, {
      'X-Pagination-Total-Count': String(result.totalItems),
      'X-Pagination-Page-Count': String(result.totalPages),
      'X-Pagination-Current-Page': String(page),
      'X-Pagination-Per-Page': String(perPage),
      Link: paginationLinks(request.headers.host ?? 'localhost', page, result.totalPages, perPage),
    });
  };

  const update = (user: WireCommpeakUser, request: SimRequest): SimResponse => {
    const body = parseJsonBody(request);
    // Yii2's JsonParser wording; the content type is not checked, so a client cannot get it wrong.
    if (body instanceof Error) return error(400, `Invalid JSON data in request body: ${body.message}`);
    // Yii2's update action loads an empty body as "nothing to change" and still answers 200.
    const input = body ?? {};
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return error(400, 'The request body must be a JSON object.');

    const parsed = WireCommpeakUserUpdate.safeParse(input);
    const issues = validationIssues(input as Record<string, unknown>, parsed.success ? [] : parsed.error.issues, user.id, users);
    if (!parsed.success || issues.length > 0) return json(422, issues satisfies WireCommpeakValidationErrors);

    // Whatever type a field was written with, it is stored and read back as a string.
    const changes = Object.entries(parsed.data).filter(([field]) => field !== 'id').map(([field, value]) => [field, String(value)]);
    const next = WireCommpeakUser.parse({ ...user, ...Object.fromEntries(changes) });
    users.set(user.id, next);
    return json(200, next);
  };

  return {
    vendor: 'commpeak',
    secretHeaders: ['authorization'],
    settings: {},
    settingsSchema: z.object({}).strict(),
    handle: (request) => {
      const response = routes(request);
      // HEAD is GET without the body, headers (pagination included) kept.
      return request.method === 'HEAD' ? { status: response.status, headers: response.headers ?? {} } : response;
    },
    errorResponse: (status, message) => error(status, message),
    reset: () => {
      users = seedUsers();
    },
  };
}

/** Yii2's HttpError shape; every 401 carries the Basic challenge, the kit's own included. */
function error(status: number, message: string, headers: Record<string, string> = {}): SimResponse {
  const body: WireCommpeakError = { name: STATUS_CODES[status] ?? 'Error', message, code: 0, status };
  return json(status, body, status === 401 ? { ...headers, 'WWW-Authenticate': 'Basic realm="api"' } : headers);
}

function authorized(header: string | undefined): boolean {
  const token = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  return token !== undefined && Buffer.from(token, 'base64').toString('utf8') === `${COMMPEAK_SANDBOX_USERNAME}:${COMMPEAK_SANDBOX_PASSWORD}`;
}

/** Yii2's Link header: self, first, prev, next, last; `per-page` only when it is not the default. */
function paginationLinks(host: string, page: number, pageCount: number, perPage: number): string {
  const url = (n: number) => `http://${host}/api/users?page=${n}${perPage === PER_PAGE.default ? '' : `&per-page=${perPage}`}`;
  const links: [string, number][] = [['self', page], ['first', 1]];
  if (page > 1) links.push(['prev', Math.min(page - 1, pageCount)]);
  if (page < pageCount) links.push(['next', page + 1]);
  links.push(['last', pageCount]);
  return links.map(([rel, n]) => `<${url(n)}>; rel=${rel}`).join(', ');
}

/** Yii2 labels a field by capitalizing its words: `is_active` → "Is Active", `per-page` → "Per Page". */
function label(field: string): string {
  return field.split(/[_-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/** Yii2's NumberValidator sentences for an integer query parameter. */
function integerIssue(field: string, raw: string, min: number, max?: number): FieldIssue {
  const value = Number(raw);
  const message = !/^-?\d+$/.test(raw) ? 'must be an integer' : value < min ? `must be no less than ${min}` : `must be no greater than ${max}`;
  return { field, message: `${label(field)} ${message}.` };
}

/**
 * One Yii2-worded message per offending field (Yii serializes only each attribute's first error), in
 * the order the body lists them. Also the rules a schema cannot state: `id` must be the path's, and a
 * username must be unique (compared without case, as MySQL's default collation does).
 */
function validationIssues(body: Record<string, unknown>, issues: readonly Issue[], id: string, users: ReadonlyMap<string, WireCommpeakUser>): FieldIssue[] {
  const messages = new Map<string, string>();
  for (const issue of issues) {
    // Yii2 would silently skip an unsafe attribute; rejecting it makes a misspelt field visible.
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) messages.set(key, `Setting unknown property: ${key}.`);
    else {
      const field = String(issue.path[0] ?? '');
      if (!messages.has(field)) messages.set(field, fieldMessage(field, issue, body[field]));
    }
  }
  if (!messages.has('id') && typeof body.id === 'number' && String(body.id) !== id) messages.set('id', `Id must be equal to "${id}".`);
  const username = body.username;
  if (!messages.has('username') && typeof username === 'string') {
    const taken = [...users.values()].some((other) => other.id !== id && other.username.toLowerCase() === username.toLowerCase());
    if (taken) messages.set('username', `Username "${username}" has already been taken.`);
  }
  return Object.keys(body).flatMap((field) => {
    const message = messages.get(field);
    return message === undefined ? [] : [{ field, message }];
  });
}

function fieldMessage(field: string, issue: Issue, value: unknown): string {
  const name = label(field);
  // A flag's type is the first thing to get wrong, so its message says which type the field takes.
  if ((COMMPEAK_NUMERIC_FLAGS as readonly string[]).includes(field)) {
    return typeof value === 'number' ? `${name} must be either 0 or 1.` : `${name} must be an integer.`;
  }
  if ((COMMPEAK_STRING_FLAGS as readonly string[]).includes(field)) {
    return typeof value === 'string' ? `${name} must be either "0" or "1".` : `${name} must be a string.`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'string' ? `${name} must be a string.` : `${name} must be an integer.`;
    case 'invalid_value':
      // Yii2's RangeValidator says only "is invalid."; the allowed values save the caller a look-up.
      return `${name} is invalid. Allowed values: ${issue.values.map(String).join(', ')}.`;
    case 'invalid_format':
      // The only other format is the digits-only pattern of the count and duration fields.
      return issue.format === 'email' ? `${name} is not a valid email address.` : `${name} must be an integer.`;
    case 'too_small':
      return `${name} cannot be blank.`;
    default:
      return `${name} is invalid.`;
  }
}

function seedUser(random: Random, { person, email }: Account, id: string): WireCommpeakUser {
  const username = `${asciiSlug(person.firstName)}.${asciiSlug(person.lastName)}${person.index}`;
  const deleted = random.chance(0.04);
  // 0.88 of everyone is active: 0.88 / 0.96 of those not deleted.
  const active = !deleted && random.chance(0.88 / 0.96);
  const clockedIn = active && random.chance(0.5);
  const flag = (on: boolean) => (on ? '1' : '0');
  return {
    id,
    username,
    email,
    first_name: person.firstName,
    last_name: person.lastName,
    sip_uri: `sip:${username}@sandbox.td.commpeak.com`,
    virtual_extension: random.chance(0.8) ? String(random.int(1000, 9999)) : '',
    is_active: flag(active),
    is_deleted: flag(deleted),
    is_clockedin: flag(clockedIn),
    is_predictive_clockedin: flag(clockedIn && random.chance(0.4)),
    use_extended_ip_acl: flag(random.chance(0.15)),
    use_webrtc: flag(random.chance(0.7)),
    // An integer in the update body; the sandbox only ever holds 0 or 1 in it.
    user_route_caller_id: flag(random.chance(0.3)),
    timezone_id: String(random.int(1, 425)),
    predictive_dynamic_extension: random.chance(0.25) ? String(random.int(10000, 99999)) : '',
    default_language: random.chance(0.6) ? 'en_US' : random.pick(COMMPEAK_LANGUAGES),
    max_session_time: random.pick(['0', '3600', '28800', '43200']),
    max_concurrent_sessions: random.pick(['1', '1', '2', '3']),
    twofa_type: random.chance(0.7) ? 'default' : random.pick(COMMPEAK_TWOFA_TYPES),
    member_all_skill_groups: flag(random.chance(0.2)),
    member_all_desks: flag(random.chance(0.2)),
    registration_password: Array.from({ length: 16 }, () => SECRET_ALPHABET.charAt(random.int(0, SECRET_ALPHABET.length - 1))).join(''),
  };
}
