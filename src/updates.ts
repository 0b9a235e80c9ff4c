import { userKey } from './connectors/fan-out.js';
import { VENDOR_IDS, type CanonicalPatch, type CanonicalUser, type FieldChange, type UserConnector, type VendorId } from './connectors/types.js';
import { UpstreamError, vendorDisplayName } from './errors.js';
import { remainingMs, sleep } from './resilience/deadline.js';
import { failedUpdate, NotFoundError, RateLimitedError, ValidationError, VendorError, type UpdateResult, type UpdateSuccess } from './update-results.js';
import { certainty, judge, readBack } from './write-safety.js';

/**
 * One account's update, from GraphQL input to result. The order is the contract users rely on:
 * refuse what can be refused without I/O, read the account, plan against it, then write once. Only
 * the last step can change anything at the vendor, and `dryRun` stops before it.
 */

export interface AccountUpdate {
  readonly vendor: VendorId;
  readonly vendorUserId: string;
  readonly patch: CanonicalPatch;
  /** The `rinkel:`/`dialpad:`... inputs, as given. */
  readonly vendorPatches: Readonly<Partial<Record<VendorId, Readonly<Record<string, unknown>>>>>;
  readonly dryRun: boolean;
  /**
   * Whether a write that certainly did not happen may be sent again (the client gave an idempotency
   * key, so a retry of the whole mutation would be answered from the stored result anyway).
   */
  readonly retryWrites?: boolean;
}

/** Attempts of one write when retries are allowed; each is preceded by proof the last did not apply. */
const MAX_WRITE_ATTEMPTS = 3;
/** A vendor's `Retry-After` longer than this is not waited out inside one mutation. */
const MAX_WRITE_WAIT_MS = 2000;

export interface UpdateDeps {
  readonly connectors: Readonly<Partial<Record<VendorId, UserConnector>>>;
  /** Reads the account through the request's loader (so a read already made is not repeated). */
  load(key: string): Promise<CanonicalUser>;
  /** Makes the written account what the rest of the request, and later lists, see. */
  remember(user: CanonicalUser): void;
  readonly signal: AbortSignal;
}

/**
 * `strict`: `updateUser` — any field this vendor cannot take as asked refuses the whole update.
 * `lenient`: `updateUsersByEmail` — such fields are skipped and listed in `skippedFields`.
 */
export type UpdateMode = 'strict' | 'lenient';

export async function updateAccount(deps: UpdateDeps, update: AccountUpdate, mode: UpdateMode): Promise<UpdateResult> {
  const { vendor, vendorUserId, patch, vendorPatches, dryRun } = update;
  const connector = deps.connectors[vendor];
  if (!connector) return new VendorError(`${vendorDisplayName(vendor)} is not enabled on this gateway; nothing was written.`, vendor, null, false, 'NOT_APPLIED', 'VENDOR_UNAVAILABLE');

  const foreign = VENDOR_IDS.filter((other) => other !== vendor && vendorPatches[other] !== undefined && vendorPatches[other] !== null);
  const own = vendorPatches[vendor] ?? undefined;
  const canonical = Object.values(patch).some((value) => value !== undefined);
  if (mode === 'strict' && foreign.length > 0) {
    return new ValidationError(
      `A ${vendorDisplayName(vendor)} account takes only a \`${vendor}\` patch.`,
      foreign.map((other) => ({ field: other, reason: `a ${vendorDisplayName(other)} patch cannot apply to a ${vendorDisplayName(vendor)} account` })),
    );
  }
  if (!canonical && (!own || Object.keys(own).length === 0)) {
    return new ValidationError('The update changes nothing: name at least one field.', [{ field: 'patch', reason: 'no field to change' }]);
  }

  const early = connector.planUpdate(null, patch, own);
  if (mode === 'strict' && early.issues.length > 0) return refuse(vendor, early.issues);

  const key = userKey(vendor, vendorUserId);
  let current: CanonicalUser;
  try {
    current = await deps.load(key);
  } catch (error) {
    return failedUpdate(error, vendor, vendorUserId, false);
  }
  const plan = connector.planUpdate(current, patch, own);
  if (mode === 'strict' && plan.issues.length > 0) return refuse(vendor, plan.issues);
  const skippedFields = [...plan.issues.map((issue) => issue.field), ...foreign];

  if (dryRun || Object.keys(plan.body).length === 0) {
    return { user: current, changes: plan.changes, skippedFields, dryRun };
  }
  return write(deps, connector, update, plan.body, plan.changes, skippedFields);
}

/**
 * Sends the write. When it fails without a clear answer, the account is read back: if it shows the
 * change, the write happened and this is a success; if it shows the old values and nothing can still
 * be in flight, it did not, and — with an idempotency key — it is sent again.
 */
async function write(
  deps: UpdateDeps,
  connector: UserConnector,
  { vendor, vendorUserId, retryWrites = false }: AccountUpdate,
  body: Readonly<Record<string, unknown>>,
  changes: readonly FieldChange[],
  skippedFields: readonly string[],
): Promise<UpdateResult> {
  const succeed = (user: CanonicalUser): UpdateSuccess => {
    deps.remember(user);
    return { user, changes: changes.map((change) => afterWrite(change, user)), skippedFields, dryRun: false };
  };
  for (let attempt = 1; ; attempt++) {
    let error: unknown;
    try {
      return succeed(await connector.updateUser(vendorUserId, body, deps.signal));
    } catch (caught) {
      error = caught;
    }
    let applied = certainty(error) === 'not-applied' ? ('not-applied' as const) : ('unknown' as const);
    if (applied === 'unknown') {
      const fresh = await readBack(connector, vendorUserId, deps.signal).catch(() => null);
      const verdict = fresh ? judge(changes, fresh) : 'unknown';
      if (verdict === 'applied' && fresh) return succeed(fresh);
      // A timed-out write may still be running at the vendor: unchanged now does not mean never.
      if (verdict === 'not-applied' && !(error instanceof UpstreamError && error.delivery === 'timeout')) applied = 'not-applied';
    }
    const result = failedUpdate(error, vendor, vendorUserId, applied !== 'not-applied');
    const wait = retryWait(error, attempt);
    if (!retryWrites || applied !== 'not-applied' || !isRetryable(result) || attempt >= MAX_WRITE_ATTEMPTS || wait === null || wait >= remainingMs(deps.signal)) {
      return result;
    }
    await sleep(wait, deps.signal).catch(() => undefined);
  }
}

function isRetryable(result: UpdateResult): boolean {
  return (result instanceof VendorError && result.retryable) || result instanceof RateLimitedError;
}

/** The vendor's `Retry-After` when it fits one mutation, else a short growing pause; null: too long to wait. */
function retryWait(error: unknown, attempt: number): number | null {
  const seconds = error instanceof UpstreamError ? error.retryAfterSeconds : null;
  if (seconds === null) return 100 * 2 ** attempt;
  return seconds * 1000 <= MAX_WRITE_WAIT_MS ? seconds * 1000 : null;
}

/**
 * Applies to every account of a person what each can take, all at once. `accounts` must be fresh
 * reads made by this request (the lookup confirms each one with a fresh read, or Dialpad's search
 * answered it just now): each write is planned against them, so no account is read twice.
 */
export async function updatePerson(
  deps: UpdateDeps,
  accounts: readonly CanonicalUser[],
  update: Pick<AccountUpdate, 'patch' | 'vendorPatches' | 'retryWrites'>,
  email: string,
): Promise<UpdateResult[]> {
  if (accounts.length === 0) return [new NotFoundError(`No account in any enabled vendor has the address ${email}.`)];
  const read = new Map(accounts.map((account) => [userKey(account.vendor, account.vendorUserId), account]));
  const planned: UpdateDeps = { ...deps, load: async (key) => read.get(key) ?? deps.load(key) };
  return Promise.all(accounts.map((account) => updateAccount(planned, { ...update, vendor: account.vendor, vendorUserId: account.vendorUserId, dryRun: false }, 'lenient')));
}

function refuse(vendor: VendorId, issues: ValidationError['fieldErrors']): ValidationError {
  return new ValidationError(`${vendorDisplayName(vendor)} cannot take ${issues.map((issue) => `\`${issue.field}\``).join(', ')} as given; nothing was written.`, issues);
}

/** A canonical change's `after` is what the vendor holds now, not what was asked: they can differ (normalised names, derived E.164). */
function afterWrite(change: FieldChange, user: CanonicalUser): FieldChange {
  return change.field in user && !change.field.includes('.') ? { ...change, after: user[change.field as keyof CanonicalUser] } : change;
}
