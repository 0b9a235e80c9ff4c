import type { FieldChange, FieldIssue } from '../connectors/types.js';
import { NotFoundError, RateLimitedError, ValidationError, VendorError, type UpdateSuccess } from '../update-results.js';
import { StoreUnavailableError } from '../stores/idempotency/index.js';
import { builder } from './builder.js';
import { VendorEnum } from './enums.js';
import { User } from './user.js';

/** `UpdateUserResult` and its members: what a write tells the client, one result per account. */

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Something a mutation could not do, for one account. Select `message` for all, or a member type for details.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What happened, for people; no vendor text.' }) }),
});

const FieldError = builder.objectRef<FieldIssue>('FieldError').implement({
  description: 'One refused field.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Canonical field (`language`) or vendor-scoped field (`dialpad.license`).' }),
    reason: t.exposeString('reason', { description: 'Why it was refused.' }),
    acceptedValues: t.stringList({ nullable: true, description: 'For enumerations: the values this vendor accepts.', resolve: (issue) => (issue.acceptedValues ? [...issue.acceptedValues] : null) }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input cannot be written as given; nothing reached the vendor (or the vendor refused it and wrote nothing).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldError], description: 'Each refused field.', resolve: (error) => [...error.fieldErrors] }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'No such account (or person); nothing was written.',
  interfaces: [ErrorInterface],
  // Not `id`: clients with a normalised cache (Apollo, urql's graphcache) key objects by `id`, and a vendor
  // id is unique only within its vendor; two vendors' "no account 99999" would become one cached object.
  fields: (t) => ({
    vendorUserId: t.exposeString('vendorUserId', { nullable: true, description: "The vendor's id that was not found, when there was one (unique only within `vendor`)." }),
  }),
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'The vendor is rate limiting; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    vendor: t.expose('vendor', { type: VendorEnum, description: 'The vendor that refused.' }),
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', { nullable: true, description: 'How long the vendor asked to wait, when it said.' }),
  }),
});

const WriteOutcomeEnum = builder.enumType('WriteOutcome', {
  description: 'Whether a failed write may still have happened.',
  values: {
    NOT_APPLIED: { value: 'NOT_APPLIED', description: 'Certainly not written: safe to retry.' },
    UNKNOWN: { value: 'UNKNOWN', description: 'The request reached the vendor but no clear answer came back; read the account before retrying.' },
  },
});

builder.objectType(VendorError, {
  name: 'VendorError',
  description: 'The vendor failed or refused the call.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    vendor: t.expose('vendor', { type: VendorEnum, description: 'The vendor that failed.' }),
    code: t.exposeString('code', { description: 'The error code, as in query errors (VENDOR_UNAVAILABLE, VENDOR_ERROR, BAD_VENDOR_RESPONSE).' }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true, description: "The vendor's HTTP status; null when no answer arrived." }),
    retryable: t.exposeBoolean('retryable', { description: 'Whether the same call may succeed later (timeouts, 502/503/504, resets).' }),
    outcome: t.expose('outcome', { type: WriteOutcomeEnum, description: 'Whether the write may have happened anyway.' }),
  }),
});

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One field a write set: its value before and after.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Canonical field (`availability`) or vendor-scoped field (`rinkel.preferences.colorMode`).' }),
    before: t.expose('before', { type: 'JSON', nullable: true, description: 'The value before the write.' }),
    after: t.expose('after', { type: 'JSON', nullable: true, description: 'The value after it, as the vendor holds it (for a dry run: as asked).' }),
  }),
});

export const UpdateUserSuccess = builder.objectRef<UpdateSuccess>('UpdateUserSuccess').implement({
  description: 'The account was updated (or, with `dryRun`, would be).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'changes' in value && 'user' in value,
  fields: (t) => ({
    user: t.field({ type: User, description: 'The account after the write, read from the vendor (for a dry run: as it is now).', resolve: (result) => result.user }),
    changes: t.field({ type: [FieldChangeRef], description: 'Each field set, before and after.', resolve: (result) => [...result.changes] }),
    skippedFields: t.stringList({ description: 'Fields of the patch this account could not take (per-person updates only; otherwise empty).', resolve: (result) => [...result.skippedFields] }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was sent: validation and `changes` only.' }),
  }),
});

builder.objectType(StoreUnavailableError, {
  name: 'StoreUnavailableError',
  description: 'A write sent with an `idempotencyKey` while the shared key store (Redis) is unreachable: the key could not be checked, so nothing was written. Retry the same request shortly; writes without a key are not affected.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryable: t.boolean({ description: 'Always true: the same request may succeed once the store is back.', resolve: () => true }),
    outcome: t.field({ type: WriteOutcomeEnum, description: 'Always NOT_APPLIED: no vendor was called.', resolve: () => 'NOT_APPLIED' as const }),
  }),
});

export const UpdateUserResult = builder.errorUnion('UpdateUserResult', {
  description: 'The outcome of a write to one account.',
  types: [UpdateUserSuccess, ValidationError, NotFoundError, RateLimitedError, VendorError, StoreUnavailableError],
});
