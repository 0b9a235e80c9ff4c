/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query UsersPage($first: Int, $after: String, $filter: UserFilter) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    unavailableVendors\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...UserSummary\n      }\n    }\n  }\n}\n\nquery UserById($id: ID!) {\n  user(id: $id) {\n    ...UserSummary\n    details {\n      __typename\n      ... on RinkelUserDetails {\n        insightsEnabled\n      }\n      ... on CommpeakUserDetails {\n        sipUri\n      }\n    }\n  }\n}\n\nquery PersonAccounts($email: EmailAddress!) {\n  usersByEmail(email: $email) {\n    ...UserSummary\n  }\n}\n\nquery VendorOverview {\n  vendors {\n    vendor\n    enabled\n    mode\n    health\n    readableFields\n  }\n}\n\nfragment UserSummary on User {\n  id\n  vendor\n  vendorUserId\n  fullName\n  email\n  emails\n  status\n  availability\n  language\n}": typeof types.UsersPageDocument,
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    ...UpdateOutcome\n  }\n}\n\nmutation UpdateUsers($inputs: [UpdateUserInput!]!) {\n  updateUsers(inputs: $inputs) {\n    ...UpdateOutcome\n  }\n}\n\nmutation UpdatePerson($email: EmailAddress!, $patch: UserPatchInput!, $idempotencyKey: String) {\n  updateUsersByEmail(\n    email: $email\n    patch: $patch\n    idempotencyKey: $idempotencyKey\n  ) {\n    ...UpdateOutcome\n  }\n}\n\nfragment UpdateOutcome on UpdateUserResult {\n  __typename\n  ... on UpdateUserSuccess {\n    dryRun\n    skippedFields\n    changes {\n      field\n      before\n      after\n    }\n    user {\n      ...UserSummary\n    }\n  }\n  ... on Error {\n    message\n  }\n  ... on NotFoundError {\n    vendorUserId\n  }\n  ... on ValidationError {\n    fieldErrors {\n      field\n      reason\n      acceptedValues\n    }\n  }\n  ... on RateLimitedError {\n    retryAfterSeconds\n  }\n  ... on VendorError {\n    vendor\n    httpStatus\n    retryable\n    outcome\n  }\n}": typeof types.UpdateUserDocument,
};
const documents: Documents = {
    "query UsersPage($first: Int, $after: String, $filter: UserFilter) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    unavailableVendors\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...UserSummary\n      }\n    }\n  }\n}\n\nquery UserById($id: ID!) {\n  user(id: $id) {\n    ...UserSummary\n    details {\n      __typename\n      ... on RinkelUserDetails {\n        insightsEnabled\n      }\n      ... on CommpeakUserDetails {\n        sipUri\n      }\n    }\n  }\n}\n\nquery PersonAccounts($email: EmailAddress!) {\n  usersByEmail(email: $email) {\n    ...UserSummary\n  }\n}\n\nquery VendorOverview {\n  vendors {\n    vendor\n    enabled\n    mode\n    health\n    readableFields\n  }\n}\n\nfragment UserSummary on User {\n  id\n  vendor\n  vendorUserId\n  fullName\n  email\n  emails\n  status\n  availability\n  language\n}": types.UsersPageDocument,
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    ...UpdateOutcome\n  }\n}\n\nmutation UpdateUsers($inputs: [UpdateUserInput!]!) {\n  updateUsers(inputs: $inputs) {\n    ...UpdateOutcome\n  }\n}\n\nmutation UpdatePerson($email: EmailAddress!, $patch: UserPatchInput!, $idempotencyKey: String) {\n  updateUsersByEmail(\n    email: $email\n    patch: $patch\n    idempotencyKey: $idempotencyKey\n  ) {\n    ...UpdateOutcome\n  }\n}\n\nfragment UpdateOutcome on UpdateUserResult {\n  __typename\n  ... on UpdateUserSuccess {\n    dryRun\n    skippedFields\n    changes {\n      field\n      before\n      after\n    }\n    user {\n      ...UserSummary\n    }\n  }\n  ... on Error {\n    message\n  }\n  ... on NotFoundError {\n    vendorUserId\n  }\n  ... on ValidationError {\n    fieldErrors {\n      field\n      reason\n      acceptedValues\n    }\n  }\n  ... on RateLimitedError {\n    retryAfterSeconds\n  }\n  ... on VendorError {\n    vendor\n    httpStatus\n    retryable\n    outcome\n  }\n}": types.UpdateUserDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersPage($first: Int, $after: String, $filter: UserFilter) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    unavailableVendors\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...UserSummary\n      }\n    }\n  }\n}\n\nquery UserById($id: ID!) {\n  user(id: $id) {\n    ...UserSummary\n    details {\n      __typename\n      ... on RinkelUserDetails {\n        insightsEnabled\n      }\n      ... on CommpeakUserDetails {\n        sipUri\n      }\n    }\n  }\n}\n\nquery PersonAccounts($email: EmailAddress!) {\n  usersByEmail(email: $email) {\n    ...UserSummary\n  }\n}\n\nquery VendorOverview {\n  vendors {\n    vendor\n    enabled\n    mode\n    health\n    readableFields\n  }\n}\n\nfragment UserSummary on User {\n  id\n  vendor\n  vendorUserId\n  fullName\n  email\n  emails\n  status\n  availability\n  language\n}"): typeof import('./graphql.js').UsersPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    ...UpdateOutcome\n  }\n}\n\nmutation UpdateUsers($inputs: [UpdateUserInput!]!) {\n  updateUsers(inputs: $inputs) {\n    ...UpdateOutcome\n  }\n}\n\nmutation UpdatePerson($email: EmailAddress!, $patch: UserPatchInput!, $idempotencyKey: String) {\n  updateUsersByEmail(\n    email: $email\n    patch: $patch\n    idempotencyKey: $idempotencyKey\n  ) {\n    ...UpdateOutcome\n  }\n}\n\nfragment UpdateOutcome on UpdateUserResult {\n  __typename\n  ... on UpdateUserSuccess {\n    dryRun\n    skippedFields\n    changes {\n      field\n      before\n      after\n    }\n    user {\n      ...UserSummary\n    }\n  }\n  ... on Error {\n    message\n  }\n  ... on NotFoundError {\n    vendorUserId\n  }\n  ... on ValidationError {\n    fieldErrors {\n      field\n      reason\n      acceptedValues\n    }\n  }\n  ... on RateLimitedError {\n    retryAfterSeconds\n  }\n  ... on VendorError {\n    vendor\n    httpStatus\n    retryable\n    outcome\n  }\n}"): typeof import('./graphql.js').UpdateUserDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
