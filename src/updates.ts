import { vendorDisplayName } from './errors.js';
import { userKey } from './connectors/fan-out.js';
import { VENDOR_IDS, type CanonicalPatch, type CanonicalUser, type FieldChange, type UserConnector, type VendorId } from './connectors/types.js';
import { failedUpdate, NotFoundError, ValidationError, VendorError, type UpdateResult } from './update-results.js';

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
}

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
  try {
    const user = await connector.updateUser(vendorUserId, plan.body, deps.signal);
    deps.remember(user);
    return { user, changes: plan.changes.map((change) => afterWrite(change, user)), skippedFields, dryRun: false };
  } catch (error) {
    return failedUpdate(error, vendor, vendorUserId, true);
  }
}

/** Finds every account of a person and applies what each can take, all at once. */
export async function updatePerson(
  deps: UpdateDeps,
  accounts: readonly CanonicalUser[],
  patch: CanonicalPatch,
  vendorPatches: AccountUpdate['vendorPatches'],
  email: string,
): Promise<UpdateResult[]> {
  if (accounts.length === 0) return [new NotFoundError(`No account in any enabled vendor has the address ${email}.`)];
  return Promise.all(
    accounts.map((account) => updateAccount(deps, { vendor: account.vendor, vendorUserId: account.vendorUserId, patch, vendorPatches, dryRun: false }, 'lenient')),
  );
}

function refuse(vendor: VendorId, issues: ValidationError['fieldErrors']): ValidationError {
  return new ValidationError(`${vendorDisplayName(vendor)} cannot take ${issues.map((issue) => `\`${issue.field}\``).join(', ')} as given; nothing was written.`, issues);
}

/** A canonical change's `after` is what the vendor holds now, not what was asked: they can differ (normalised names, derived E.164). */
function afterWrite(change: FieldChange, user: CanonicalUser): FieldChange {
  return change.field in user && !change.field.includes('.') ? { ...change, after: user[change.field as keyof CanonicalUser] } : change;
}
