import type { VendorId } from '../../src/connectors/types.js';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

/** What the write tests select of an `UpdateUserResult`, with `user` as each test needs it. */
export function resultSelection(user: string): string {
  return `
  __typename
  ... on UpdateUserSuccess { dryRun skippedFields changes { field before after } user { ${user} } }
  ... on ValidationError { message fieldErrors { field reason acceptedValues } }
  ... on NotFoundError { message vendorUserId }
  ... on RateLimitedError { message retryAfterSeconds vendor }
  ... on VendorError { message vendor httpStatus retryable outcome code }`;
}

/** Runs `updateUser(input:)`; a GraphQL-level error fails the test, since results carry every expected failure. */
export async function updateUser<R>(app: TestApp, input: Record<string, unknown>, user: string): Promise<R> {
  const { data, errors } = await app.graphql<{ updateUser: R }>(`mutation ($input: UpdateUserInput!) { updateUser(input: $input) { ${resultSelection(user)} } }`, { input });
  expect(errors).toBeUndefined();
  return data?.updateUser as R;
}

/** Reads one account fresh through `user(id:)`. */
export async function readUser<U>(app: TestApp, id: string, user: string): Promise<U> {
  const { data, errors } = await app.graphql<{ user: U }>(`query ($id: ID!) { user(id: $id) { ${user} } }`, { id });
  expect(errors).toBeUndefined();
  return data?.user as U;
}

/** Another value for fields with few, so a case can first move the account off the value it asks for. */
const OTHER: Record<string, Record<string, string>> = { status: { ACTIVE: 'INACTIVE' }, availability: { AVAILABLE: 'UNAVAILABLE', UNAVAILABLE: 'AVAILABLE' } };

/**
 * A value already held is no change and is not sent, so a case starts from an account that does not
 * hold it: each field of `input` the account holds is first moved to another value (through
 * `update`), then `vendor`'s simulator records are cleared.
 */
export async function moveOff(app: TestApp, vendor: VendorId, id: string, user: string, input: Record<string, unknown>, update: (fields: Record<string, unknown>) => Promise<unknown>): Promise<void> {
  const now = (await readUser<Record<string, unknown> | undefined>(app, id, user)) ?? {};
  for (const [field, value] of Object.entries(input)) {
    const other = OTHER[field]?.[String(value)];
    if (now[field] === value && other) await update({ [field]: other });
  }
  app.simulators[vendor].clearRecords();
}
