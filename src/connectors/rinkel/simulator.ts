import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { createSimulator, type Simulator } from '../../simulator/create-simulator.js';
import { mergeDeep } from '../../lib/merge-deep.js';
import { intParam, pageOf } from '../../simulator/paging.js';
import { createPeople, type Account } from '../../simulator/people.js';
import { json, matchPath, parseJsonBody, type SimRequest, type SimResponse, type VendorApp, type VendorSimulatorOptions } from '../../simulator/protocol.js';
import { createRandom, deriveSeed, type Random } from '../../simulator/random.js';
import { describeIssues } from '../../simulator/validation.js';
import {
  RINKEL_COLOR_MODES, RINKEL_LANGUAGES, RINKEL_RING_TONES, WireRinkelUserPatch,
  type WireRinkelPage, type WireRinkelUser,
} from './wire.js';

/**
 * Rinkel stand-in (seeds 000, 002; VENDORS.md "Rinkel"). Serves at the root, so its URL plays the role
 * of the live `https://api.rinkel.com/v1`. Errors are NestJS-shaped `{statusCode, error, message}`.
 */

export const RINKEL_SANDBOX_KEY = 'sandbox-rinkel-key';

/** Calling codes for the countries Rinkel can derive E.164 for (it serves the Benelux, Spain and Sweden). */
const CALLING_CODES: Record<string, number> = { NL: 31, BE: 32, ES: 34, SE: 46, DE: 49, FR: 33, GB: 44, US: 1 };

export function createRinkelSimulator(options: VendorSimulatorOptions = {}): Simulator {
  return createSimulator(createRinkelApp(options), { seed: options.seed ?? 1 });
}

export function createRinkelApp({ seed = 1, users: count = 200 }: VendorSimulatorOptions = {}): VendorApp {
  const seedUsers = (): Map<string, WireRinkelUser> => {
    const random = createRandom(deriveSeed(seed, 'rinkel'));
    const accounts = createPeople({ seed, usersPerVendor: count }).accounts.rinkel;
    return new Map(accounts.map((account) => seedUser(random, account)).map((user) => [user.id, user]));
  };
  let users = seedUsers();

  const routes = (request: SimRequest): SimResponse => {
    if (request.headers['x-rinkel-api-key'] !== RINKEL_SANDBOX_KEY) return error(401, 'Invalid or missing API key');
    if (request.path === '/users' && request.method === 'GET') return list(request);
    const params = matchPath('/users/{id}', request.path);
    if (params?.id !== undefined) {
      const user = users.get(params.id);
      if (request.method === 'GET') return user ? json(200, { data: user }) : error(404, `User ${params.id} not found`);
      if (request.method === 'PATCH') return user ? update(user, request) : error(404, `User ${params.id} not found`);
    }
    return error(404, `Cannot ${request.method} ${request.path}`);
  };

  const list = (request: SimRequest): SimResponse => {
    const page = intParam(request.query, 'page', 1, 1);
    const perPage = intParam(request.query, 'perPage', 10, 1, 50);
    if (page === null) return error(400, 'page must be an integer not less than 1');
    if (perPage === null) return error(400, 'perPage must be an integer between 1 and 50');
    const result = pageOf([...users.values()], page, perPage);
    const link = (n: number) => `http://${request.headers.host ?? 'localhost'}/users?page=${n}&perPage=${perPage}`;
    const body: WireRinkelPage = {
      data: result.items,
      meta: { pagination: { totalItems: result.totalItems, totalPages: result.totalPages, currentPage: page, perPage } },
      links: {
        self: link(page),
        first: link(1),
        last: link(result.totalPages),
        previous: page > 1 ? link(Math.min(page - 1, result.totalPages)) : null,
        next: page < result.totalPages ? link(page + 1) : null,
      },
    };
    return json(200, body);
  };

  const update = (user: WireRinkelUser, request: SimRequest): SimResponse => {
    const body = parseJsonBody(request);
    if (body instanceof Error) return error(400, `Invalid JSON body: ${body.message}`);
    const parsed = WireRinkelUserPatch.safeParse(body ?? {});
    if (!parsed.success) return error(400, describeIssues(parsed.error).map((issue) => issue.message).join('; '));
    const { availability, phoneNumber, ...rest } = parsed.data;
    let next = mergeDeep(user, rest);
    if (availability) next.availability = availability === 'available' ? 'AVAILABLE' : 'UNAVAILABLE';
    if (phoneNumber) {
      const derived = deriveE164(phoneNumber.countryIsoCode, phoneNumber.number);
      if (typeof derived === 'string') return error(400, derived);
      next = { ...next, phoneNumber: derived };
    }
    next = { ...next, fullName: `${next.firstName} ${next.lastName}`, initials: initialsOf(next.firstName, next.lastName) };
    users.set(user.id, next);
    return json(200, { data: next });
  };

  return {
    vendor: 'rinkel',
    secretHeaders: ['x-rinkel-api-key'],
    settings: {},
    settingsSchema: z.object({}).strict(),
    handle: routes,
    errorResponse: error,
    reset: () => {
      users = seedUsers();
    },
  };
}

function error(status: number, message: string): SimResponse {
  return json(status, { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
}

/** The vendor derives E.164 from a national number; returns an error message when it cannot. */
function deriveE164(countryIsoCode: string, number: string): NonNullable<WireRinkelUser['phoneNumber']> | string {
  const callingCode = CALLING_CODES[countryIsoCode.toUpperCase()];
  if (callingCode === undefined) return `phoneNumber.countryIsoCode ${countryIsoCode} is not supported`;
  let digits = number.replace(/[\s().-]/g, '');
  if (digits.startsWith(`+${callingCode}`)) digits = digits.slice(callingCode.toString().length + 1);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  if (!/^\d{6,12}$/.test(digits)) return `phoneNumber.number ${number} is not a valid phone number for ${countryIsoCode}`;
  return { e164: `+${callingCode}${digits}`, countryIsoCode: countryIsoCode.toUpperCase(), countryCallingCode: callingCode, number: digits };
}

function initialsOf(firstName: string, lastName: string): string {
  const last = lastName.split(' ').filter((part) => /^\p{Lu}/u.test(part)).at(-1) ?? lastName;
  return `${firstName.charAt(0)}${last.charAt(0)}`.toUpperCase();
}

function seedUser(random: Random, { person, email }: Account): WireRinkelUser {
  const id = random.hex(24);
  const hasPhone = random.chance(0.85);
  const hasAvatar = random.chance(0.6);
  const notification = () => ({ enabled: random.chance(0.7), channels: random.pick([['email'], ['app'], ['email', 'app'], []] as const).slice() });
  return {
    id,
    initials: initialsOf(person.firstName, person.lastName),
    firstName: person.firstName,
    lastName: person.lastName,
    fullName: `${person.firstName} ${person.lastName}`,
    email,
    phoneNumber: hasPhone
      ? { e164: person.phone.e164, countryIsoCode: person.phone.countryIsoCode, countryCallingCode: CALLING_CODES[person.phone.countryIsoCode] ?? 0, number: person.phone.number }
      : null,
    availability: random.chance(0.6) ? 'AVAILABLE' : 'UNAVAILABLE',
    avatarUrls: hasAvatar ? { small: `https://cdn.rinkel.example/avatars/${id}/250.png`, large: `https://cdn.rinkel.example/avatars/${id}/500.png` } : null,
    preferences: {
      language: random.chance(0.5) ? 'nl' : random.pick(RINKEL_LANGUAGES),
      defaultCountryCode: person.phone.countryIsoCode,
      defaultOutboundNumber: random.chance(0.3) ? String(random.int(10000, 99999)) : null,
      colorMode: random.pick(RINKEL_COLOR_MODES),
      webphone: { ringTone: random.pick(RINKEL_RING_TONES), ringDevice: random.chance(0.5), callWaiting: { enabled: random.chance(0.7), playWaitingTone: random.chance(0.5) } },
    },
    notifications: { missedCalls: notification(), callOutsideBusinessHours: notification(), voicemail: notification() },
    insights: { enabled: random.chance(0.9) },
  };
}
