import { GraphQLError } from 'graphql';
import type { InputFieldBuilder } from '@pothos/core';
import { parseUserKey, userKey } from '../connectors/fan-out.js';
import { VENDOR_IDS, WRITABLE_FIELDS, type CanonicalPatch, type CanonicalUser, type VendorId } from '../connectors/types.js';
import type { Context } from '../context.js';
import { createHash } from 'node:crypto';
import { remainingMs, sleep } from '../resilience/deadline.js';
import { fingerprintOf } from '../stores/idempotency/fingerprint.js';
import { StoreUnavailableError, type Claim } from '../stores/idempotency/index.js';
import { failedUpdate, ValidationError, VendorError, type UpdateResult } from '../update-results.js';
import { updateAccount, updatePerson, type AccountUpdate, type UpdateDeps } from '../updates.js';
import { builder } from './builder.js';
import { AvailabilityEnum, UserStatusEnum } from './enums.js';
import { findAccountsByEmail } from './find-by-email.js';
import { CommpeakUserPatch } from './patches/commpeak.js';
import { DialpadUserPatch } from './patches/dialpad.js';
import { ImichatUserPatch } from './patches/imichat.js';
import { RinkelUserPatch } from './patches/rinkel.js';
import { UpdateUserResult } from './update-results.js';
import { User, userKeyFromGlobalId } from './user.js';

/** The write side: patch inputs and the three mutations (API.md "Mutation", "Semantics that users rely on"). */

/** `updateUsers` takes at most this many inputs: each is a read and a write at a vendor. */
export const MAX_BULK_UPDATES = 100;
/** Longest text a canonical field takes; no vendor stores more, and longer input is a mistake or an attack. */
export const MAX_TEXT_LENGTH = 256;

/** The one replay rule; the README's "Idempotent writes" states it in these words. */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Makes a retry safe. For 24 h, the same key from the same caller with the same input replays the stored result of every account that was written or may have been (`UNKNOWN`), without writing again; an account whose result certainly changed nothing (`NOT_APPLIED`, a refusal before any write) is attempted again, so retrying a partly failed update with its key completes it. The same key with other input is a ValidationError; a duplicate sent while the first still runs waits for its result. Keys need the shared store: while it is unreachable a keyed write is refused with StoreUnavailableError and nothing is written.';
const MAX_KEY_LENGTH = 200;

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The fields `UserPatchInput` and `UpdateUserInput` share: absent means unchanged, null means clear. */
function patchFields(t: InputFieldBuilder<SchemaTypes, 'InputObject'>) {
  return {
    firstName: t.string({ description: 'Given name.' }),
    lastName: t.string({ description: 'Family name.' }),
    email: t.field({ type: 'EmailAddress', description: 'The primary address (Dialpad: becomes the first address, the others are kept).' }),
    phoneNumber: t.field({ type: 'PhoneNumber', description: 'The primary number, E.164 (Dialpad: one of the numbers already assigned).' }),
    status: t.field({ type: UserStatusEnum, description: 'Account state; each vendor takes only some (see `vendors { writableFields }`).' }),
    availability: t.field({ type: AvailabilityEnum, description: 'Whether the person takes calls or chats now.' }),
    language: t.field({ type: 'Locale', description: 'BCP 47; each vendor stores only some languages, exactly (Rinkel `en`, CommPeak `en-US`).' }),
    jobTitle: t.string({ description: 'Job title or description; null clears it where the vendor can.' }),
    extension: t.string({ description: 'Internal extension; null clears it where the vendor can.' }),
    rinkel: t.field({ type: RinkelUserPatch, description: 'Rinkel-only fields; only for Rinkel accounts.' }),
    dialpad: t.field({ type: DialpadUserPatch, description: 'Dialpad-only fields; only for Dialpad accounts.' }),
    imichat: t.field({ type: ImichatUserPatch, description: 'IMIchat-only fields; only for IMIchat accounts.' }),
    commpeak: t.field({ type: CommpeakUserPatch, description: 'CommPeak-only fields; only for CommPeak accounts.' }),
  };
}

const UserPatchInput = builder.inputType('UserPatchInput', {
  description: 'Fields to change on an account. Omitted fields stay as they are; `null` clears a field where the vendor can clear it.',
  fields: (t) => patchFields(t),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  description: 'One account to change, and how.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The global `User.id` of the account.' }),
    dryRun: t.boolean({ description: 'Validate and return `changes` without writing.' }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    ...patchFields(t),
  }),
});

type PatchArgs = Record<string, unknown>;

/** Splits GraphQL input into the canonical patch and the vendor patches, keeping null apart from absent. */
function readPatch(input: PatchArgs): { patch: CanonicalPatch; vendorPatches: AccountUpdate['vendorPatches']; problems: ValidationError | null } {
  const patch: Record<string, unknown> = {};
  const problems: { field: string; reason: string }[] = [];
  for (const field of WRITABLE_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') problems.push({ field, reason: 'must not be empty; use null to clear' });
    else if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) problems.push({ field, reason: `must be at most ${MAX_TEXT_LENGTH} characters` });
    else if (typeof value === 'string' && /[\r\n\u0000]/.test(value)) problems.push({ field, reason: 'must be a single line' });
    patch[field] = value;
  }
  const vendorPatches: Partial<Record<VendorId, Record<string, unknown>>> = {};
  for (const vendor of VENDOR_IDS) {
    const own = input[vendor];
    if (own === undefined || own === null) continue;
    vendorPatches[vendor] = own as Record<string, unknown>;
    // JSONObject inputs (IMIchat's attributes) take any key; these three are how prototype pollution starts.
    for (const path of forbiddenKeys(own, vendor)) problems.push({ field: path, reason: 'the keys __proto__, constructor and prototype are not allowed' });
  }
  return { patch: patch as CanonicalPatch, vendorPatches, problems: problems.length ? new ValidationError('Some fields are not valid; nothing was written.', problems) : null };
}

/** Whether a result may reflect a write at the vendor: only those are kept for replays; the rest is attempted again. */
function mayHaveWritten(result: UpdateResult): boolean {
  return (!(result instanceof Error) && !result.dryRun) || (result instanceof VendorError && result.outcome === 'UNKNOWN');
}

/** How often a duplicate of a running keyed mutation looks for its result. */
const DUPLICATE_POLL_MS = 50;

/**
 * Runs a mutation at most once per idempotency key, scoped to the caller (the principal's subject)
 * and the operation, under the one replay rule (see src/stores/idempotency): results that wrote or may
 * have written are replayed; accounts whose result changed nothing are attempted again (`run` gets
 * the results already kept under the key). A duplicate sent while the first still runs, on any
 * replica, waits for its result within its own deadline.
 */
async function once<R extends UpdateResult | UpdateResult[]>(context: Context, operation: string, key: string | null | undefined, input: unknown, run: (kept: R | null) => Promise<R>): Promise<R | ValidationError | StoreUnavailableError> {
  if (key === null || key === undefined) return run(null);
  if (key === '' || key.length > MAX_KEY_LENGTH) return new ValidationError('`idempotencyKey` is not usable; nothing was written.', [{ field: 'idempotencyKey', reason: `must be 1 to ${MAX_KEY_LENGTH} characters` }]);
  // A digest: no subject or client key is written to a store in clear, and no subject can forge another's prefix.
  const scoped = createHash('sha256').update(`${context.principal.subject}\n${operation}\n${key}`).digest('base64url');
  const fingerprint = fingerprintOf(operation, input);
  let claim: Claim<UpdateResult | UpdateResult[]>;
  try {
    for (;;) {
      // The claim outlives this request's deadline a little, so a replica that died frees it on its own.
      claim = await context.idempotency.claim(scoped, fingerprint, Math.min(remainingMs(context.signal), 3_600_000) + 5000);
      if (claim.state !== 'in-progress' || remainingMs(context.signal) <= DUPLICATE_POLL_MS * 2) break;
      await sleep(DUPLICATE_POLL_MS, context.signal).catch(() => {});
    }
  } catch (error) {
    if (error instanceof StoreUnavailableError) return unavailableKeyStore();
    throw error;
  }
  switch (claim.state) {
    case 'replay':
      context.metrics.idempotentReplays.inc({ operation });
      return claim.result as R;
    case 'mismatch':
      return new ValidationError('This `idempotencyKey` was used for a different update; nothing was written.', [{ field: 'idempotencyKey', reason: 'already used with other input' }]);
    case 'in-progress':
      return new ValidationError('An update with this `idempotencyKey` is still running; retry shortly to get its result.', [{ field: 'idempotencyKey', reason: 'in progress' }]);
    case 'claimed':
      break;
  }
  const { token } = claim;
  if (claim.kept !== null) context.metrics.idempotentReplays.inc({ operation });
  let result: R;
  try {
    result = await run(claim.kept as R | null);
  } catch (error) {
    await context.idempotency.release(scoped, token).catch(() => {});
    throw error;
  }
  const all = Array.isArray(result) ? result : [result];
  const kept = all.filter(mayHaveWritten);
  try {
    if (kept.length === 0) await context.idempotency.release(scoped, token);
    else await context.idempotency.complete(scoped, token, Array.isArray(result) ? kept : result, kept.length < all.length);
  } catch {
    // The write is done and its result is the answer; only a later replay of it is lost (Redis went
    // away mid-request). The claim's lease runs out on its own.
  }
  return result;
}

/** Keyed writes need the shared key store; without it, nothing is sent. */
function unavailableKeyStore(): StoreUnavailableError {
  return new StoreUnavailableError('idempotency');
}

/**
 * Whether a kept result covers this account: a success names it; an UNKNOWN failure names only its
 * vendor, so it covers that vendor's accounts (none is written twice).
 */
function alreadyKept(kept: readonly UpdateResult[], account: CanonicalUser): boolean {
  return kept.some((result) =>
    result instanceof VendorError ? result.vendor === account.vendor : !(result instanceof Error) && result.user.vendor === account.vendor && result.user.vendorUserId === account.vendorUserId,
  );
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function forbiddenKeys(value: unknown, path: string): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => (FORBIDDEN_KEYS.has(key) ? [`${path}.${key}`] : forbiddenKeys((value as Record<string, unknown>)[key], `${path}.${key}`)));
}

function depsFor(context: Context): UpdateDeps {
  const loader = User.getDataloader(context);
  return {
    connectors: context.connectors,
    // A write reads what the vendor holds now, never a cached or older shared read: changes are
    // computed from it.
    load: async (key) => {
      const [slot] = await context.reads.load([key], context.signal, { fresh: true });
      if (slot instanceof Error) throw slot;
      return slot as CanonicalUser;
    },
    remember: (user) => {
      const key = userKey(user.vendor, user.vendorUserId);
      loader.clear(key).prime(key, user);
      context.directory.update(user);
    },
    signal: context.signal,
  };
}

function updateOne(context: Context, input: PatchArgs & { id: string | number; dryRun?: boolean | null; idempotencyKey?: string | null }): Promise<UpdateResult | StoreUnavailableError> {
  const { idempotencyKey, ...payload } = input;
  const keyed = !input.dryRun && idempotencyKey !== null && idempotencyKey !== undefined;
  return once(context, 'updateUser', keyed ? idempotencyKey : null, payload, () => runUpdate(context, input, keyed));
}

async function runUpdate(context: Context, input: PatchArgs & { id: string | number; dryRun?: boolean | null }, retryWrites: boolean): Promise<UpdateResult> {
  const { patch, vendorPatches, problems } = readPatch(input);
  if (problems) return problems;
  let parsed;
  try {
    parsed = parseUserKey(userKeyFromGlobalId(String(input.id), 'id'));
  } catch {
    parsed = null;
  }
  if (!parsed) return new ValidationError('`id` is not a User id; nothing was written.', [{ field: 'id', reason: 'not a User id this API issued' }]);
  let result: UpdateResult;
  try {
    result = await updateAccount(depsFor(context), { ...parsed, patch, vendorPatches, dryRun: input.dryRun ?? false, retryWrites }, 'strict');
  } catch (error) {
    result = failedUpdate(error, parsed.vendor, parsed.vendorUserId, true);
  }
  // Before the mutation answers, every replica drops the account: the next read anywhere sees the write.
  if (mayHaveWritten(result)) await context.reads.invalidate([userKey(parsed.vendor, parsed.vendorUserId)]);
  return result;
}

builder.mutationFields((t) => ({
  updateUser: t.field({
    type: UpdateUserResult,
    description: 'Changes one account. Fields its vendor cannot take as given are refused before any vendor call, naming the field and the accepted values.',
    args: { input: t.arg({ type: UpdateUserInput, required: true, description: 'The account and the fields to change.' }) },
    resolve: (_, { input }, context) => updateOne(context, input),
  }),
  updateUsers: t.field({
    type: [UpdateUserResult],
    description: `Changes up to ${MAX_BULK_UPDATES} accounts at once, in parallel; one result per input, in input order. One failing item never fails the others.`,
    args: { inputs: t.arg({ type: [UpdateUserInput], required: true, description: 'The accounts and their changes.' }) },
    resolve: (_, { inputs }, context) => {
      // One error for the request, not one copy per input: nothing was attempted (like `nodes` over its cap).
      if (inputs.length > MAX_BULK_UPDATES) {
        throw new GraphQLError(`\`inputs\` may hold at most ${MAX_BULK_UPDATES} updates, got ${inputs.length}; nothing was written.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'inputs' } });
      }
      return Promise.all(inputs.map((input) => updateOne(context, input)));
    },
  }),
  updateUsersByEmail: t.field({
    type: [UpdateUserResult],
    description:
      "Changes every account of one person (found as `usersByEmail` finds them), in parallel. Each account takes what its vendor can; the rest is listed in that account's `skippedFields`. A person without accounts is one NotFoundError.",
    args: {
      email: t.arg({ type: 'EmailAddress', required: true, description: 'The address that names the person, in any letter case.' }),
      patch: t.arg({ type: UserPatchInput, required: true, description: 'The fields to change.' }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: async (_, { email, patch: input, idempotencyKey }, context) => {
      const { patch, vendorPatches, problems } = readPatch(input);
      if (problems) return [problems];
      const result = await once(context, 'updateUsersByEmail', idempotencyKey, { email: email.toLowerCase(), patch: input }, async (kept: UpdateResult[] | null) => {
        const { accounts: found, failures } = await findAccountsByEmail(context, email, { forWrite: true });
        // A retry under the key attempts only the accounts whose earlier result changed nothing.
        const accounts = kept ? found.filter((account) => !alreadyKept(kept, account)) : found;
        const lookupFailures = failures.map(({ vendor, error }) => failedUpdate(error, vendor, email, false));
        if (accounts.length === 0 && (lookupFailures.length > 0 || kept)) return [...(kept ?? []), ...lookupFailures];
        const retryWrites = idempotencyKey !== null && idempotencyKey !== undefined;
        const results = await updatePerson(depsFor(context), accounts, { patch, vendorPatches, retryWrites }, email);
        await context.reads.invalidate(accounts.filter((_, i) => mayHaveWritten(results[i] as UpdateResult)).map((account) => userKey(account.vendor, account.vendorUserId)));
        return [...(kept ?? []), ...results, ...lookupFailures];
      });
      return Array.isArray(result) ? result : [result];
    },
  }),
}));
