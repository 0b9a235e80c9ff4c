import type { Logger } from 'pino';
import { z } from 'zod';
import { EmailAddressResolver, LocaleResolver, PhoneNumberResolver, URLResolver } from 'graphql-scalars';
import { UpstreamError, vendorDisplayName } from '../errors.js';
import type { Metrics } from '../resilience/metrics.js';
import type { CanonicalUser, VendorId } from './types.js';

/**
 * The tolerant reader (CONVENTIONS.md "Tolerant reader, exact writer"; VENDORS.md "Drift is normal").
 * A vendor's documented user shape is split into what an account cannot exist without (its id) and
 * everything else. Every other field is read on its own: a null, missing, wrongly typed or unknown-enum
 * value degrades that field only (to null, or the documented fallback of the canonical field), is noted
 * as drift, and the payload as received stays in `raw`. Drift is counted per vendor and field
 * (`switchboard_vendor_drift_total`) and logged at most once a minute per vendor and field.
 */

/**
 * Notes of the decode running now. Parsing and mapping are synchronous, so a module-level collector
 * set around one record's decode cannot see another record's notes.
 */
let notes: string[] | null = null;

/** Records that `field` (the vendor's name for it, dotted for nested ones) held a value we could not read. */
export function noteDrift(field: string): void {
  notes?.push(field);
}

/** Runs a synchronous decode and returns what it noted. */
export function collectDrift<T>(decode: () => T): { value: T; drift: string[] } {
  const outer = notes;
  notes = [];
  try {
    const value = decode();
    return { value, drift: notes };
  } finally {
    notes = outer;
  }
}

/** A field that may degrade: its documented type or null. */
export type Lenient<T> = T extends readonly unknown[] ? T | null : T extends Date ? T | null : T extends object ? { [K in keyof T]: Lenient<T[K]> } | null : T | null;

/** A record read tolerantly: the identity fields as documented, every other field lenient. */
export type Tolerant<T, K extends keyof T> = { [F in keyof T as F extends K ? F : never]: T[F] } & { [F in keyof T as F extends K ? never : F]: Lenient<T[F]> };

/**
 * A tolerant schema from a documented (strict) one. Identity fields keep their schema and fail the
 * record; every other field accepts anything, keeps what the documented schema accepts and notes the
 * rest. Nested objects are read field by field, so one bad leaf does not take its siblings with it.
 * Documented nulls (`.nullable()`) and documented absences (`.optional()`) are not drift.
 */
export function tolerantObject<T extends Record<string, unknown>, K extends keyof T & string>(
  strict: z.ZodType<T> & { readonly shape: z.ZodRawShape },
  identity: readonly K[],
): z.ZodType<Tolerant<T, K>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(strict.shape)) {
    shape[key] = (identity as readonly string[]).includes(key) ? (schema as z.ZodType) : lenient(key, schema as z.ZodType);
  }
  // Unknown extra fields are dropped here and kept in `raw`, which is the payload as received.
  return z.object(shape) as unknown as z.ZodType<Tolerant<T, K>>;
}

function lenient(path: string, documented: z.ZodType): z.ZodType {
  let inner = documented;
  let nullable = false;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodNullable) nullable = true;
    else if (inner instanceof z.ZodOptional) optional = true;
    else break;
    inner = (inner as z.ZodNullable<z.ZodType> | z.ZodOptional<z.ZodType>).unwrap() as z.ZodType;
  }
  const nested = inner instanceof z.ZodObject ? nestedObject(path, inner) : null;
  return z.unknown().optional().transform((value) => {
    if (value === null && nullable) return null;
    if (value === undefined && (optional || nullable)) return null;
    if (nested && value !== null && typeof value === 'object' && !Array.isArray(value)) return nested.parse(value);
    const parsed = inner.safeParse(value);
    if (parsed.success) return parsed.data;
    noteDrift(path);
    return null;
  });
}

function nestedObject(path: string, object: z.ZodObject): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(object.shape)) shape[key] = lenient(`${path}.${key}`, schema as z.ZodType);
  return z.object(shape);
}

/**
 * Canonical values must also be what the schema's scalars serialize: an address that is no address
 * would otherwise fail the `email` field (with an error) at response time. Checked once, at decode.
 */
const isEmail = (value: unknown) => EmailAddressResolver.serialize(value);
const isPhoneNumber = (value: unknown) => PhoneNumberResolver.serialize(value);
const SCALAR_CHECKS: ReadonlyArray<readonly [keyof CanonicalUser, (value: unknown) => unknown]> = [
  ['email', isEmail],
  ['phoneNumber', isPhoneNumber],
  ['avatarUrl', (value) => URLResolver.serialize(value)],
  ['language', (value) => LocaleResolver.serialize(value)],
];

function passes(check: (value: unknown) => unknown, value: unknown): boolean {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
}

/** Nulls (and notes) canonical values the schema could not serialize; list fields keep their valid members. */
export function checkScalars(user: CanonicalUser): CanonicalUser {
  let checked: Record<string, unknown> | null = null;
  for (const [field, check] of SCALAR_CHECKS) {
    const value = user[field];
    if (value === null || passes(check, value)) continue;
    noteDrift(`canonical.${field}`);
    (checked ??= { ...user })[field] = null;
  }
  const emails = user.emails.filter((address) => passes(isEmail, address));
  const phoneNumbers = user.phoneNumbers.filter((number) => passes(isPhoneNumber, number));
  if (emails.length !== user.emails.length) (checked ??= { ...user }).emails = emails;
  if (phoneNumbers.length !== user.phoneNumbers.length) (checked ??= { ...user }).phoneNumbers = phoneNumbers;
  return (checked as CanonicalUser | null) ?? user;
}

/** Where drift is reported: a counter per vendor and field, and a warn log at most once a minute per pair. */
export type DriftSink = (fields: readonly string[]) => void;

/** For callers that decode without reporting (tests, benchmarks). */
export const ignoreDrift: DriftSink = () => undefined;

export interface DriftSinkOptions {
  metrics?: Metrics;
  logger?: Logger;
  /** @default 60000 */
  logEveryMs?: number;
  now?: () => number;
}

export function createDriftSink(vendor: VendorId, { metrics, logger, logEveryMs = 60_000, now = Date.now }: DriftSinkOptions = {}): DriftSink {
  const lastLogged = new Map<string, number>();
  return (fields) => {
    for (const field of fields) {
      metrics?.vendorDrift.inc({ vendor, field });
      const last = lastLogged.get(field);
      if (last !== undefined && now() - last < logEveryMs) continue;
      lastLogged.set(field, now());
      // The field's name only: the value may be personal data or a secret.
      logger?.warn({ vendor, field }, 'vendor sent a value Switchboard could not read; the field reads as null (counted in switchboard_vendor_drift_total)');
    }
  };
}

/**
 * One record: decoded with its drift reported, or BAD_VENDOR_RESPONSE when it lacks what an account
 * cannot exist without (the identity fields of `schema`).
 */
export function readRecord<W>(
  vendor: VendorId,
  schema: z.ZodType<W>,
  decode: (wire: W, raw: Readonly<Record<string, unknown>>) => CanonicalUser,
  payload: unknown,
  sink: DriftSink,
  httpStatus = 200,
): CanonicalUser {
  const { value, drift } = collectDrift(() => {
    const parsed = schema.safeParse(payload);
    return parsed.success ? checkScalars(decode(parsed.data, payload as Record<string, unknown>)) : parsed.error;
  });
  if (value instanceof z.ZodError) throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor, httpStatus, cause: value });
  if (drift.length > 0) sink(drift);
  return value;
}

/**
 * A list page's records: each read on its own. Records without a usable identity are left out, and
 * the list is tagged with one BAD_VENDOR_RESPONSE naming the vendor (`unreadableIn`), so the callers
 * that serve it can say some accounts could not be read while serving the rest.
 */
export function readRecords<W>(
  vendor: VendorId,
  schema: z.ZodType<W>,
  decode: (wire: W, raw: Readonly<Record<string, unknown>>) => CanonicalUser,
  payloads: readonly unknown[],
  sink: DriftSink,
): CanonicalUser[] {
  const users: CanonicalUser[] = [];
  let unreadable = 0;
  for (const payload of payloads) {
    try {
      users.push(readRecord(vendor, schema, decode, payload, sink));
    } catch {
      unreadable++;
    }
  }
  if (unreadable > 0) {
    sink(['id']);
    markUnreadable(users, vendor, unreadable);
  }
  return users;
}

const unreadableLists = new WeakMap<readonly CanonicalUser[], UpstreamError>();

/** Tags `users` as missing `count` accounts the vendor listed but we could not identify. */
export function markUnreadable(users: readonly CanonicalUser[], vendor: VendorId, count: number): void {
  const previous = unreadableLists.get(users);
  const total = count + (previous ? Number(previous.extensions.unreadableRecords ?? 0) : 0);
  const error = new UpstreamError({
    code: 'BAD_VENDOR_RESPONSE',
    vendor,
    httpStatus: 200,
    message: `${vendorDisplayName(vendor)} listed ${total} account${total === 1 ? '' : 's'} without a usable id; ${total === 1 ? 'it is' : 'they are'} left out, the other accounts are served.`,
  });
  error.extensions.unreadableRecords = total;
  unreadableLists.set(users, error);
}

/** The error of a list that left out unreadable records; null when every record was read. */
export function unreadableIn(users: readonly CanonicalUser[]): UpstreamError | null {
  return unreadableLists.get(users) ?? null;
}

/** Carries the tag of `from` (and of the pages merged into it) onto `to`. */
export function carryUnreadable(to: readonly CanonicalUser[], ...from: readonly (readonly CanonicalUser[])[]): readonly CanonicalUser[] {
  for (const list of from) {
    const error = unreadableIn(list);
    if (error) markUnreadable(to, error.vendor, Number(error.extensions.unreadableRecords ?? 1));
  }
  return to;
}
