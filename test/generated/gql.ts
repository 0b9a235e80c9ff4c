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
};
const documents: Documents = {
    "query UsersPage($first: Int, $after: String, $filter: UserFilter) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    unavailableVendors\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...UserSummary\n      }\n    }\n  }\n}\n\nquery UserById($id: ID!) {\n  user(id: $id) {\n    ...UserSummary\n    details {\n      __typename\n      ... on RinkelUserDetails {\n        insightsEnabled\n      }\n      ... on CommpeakUserDetails {\n        sipUri\n      }\n    }\n  }\n}\n\nquery PersonAccounts($email: EmailAddress!) {\n  usersByEmail(email: $email) {\n    ...UserSummary\n  }\n}\n\nquery VendorOverview {\n  vendors {\n    vendor\n    enabled\n    mode\n    health\n    readableFields\n  }\n}\n\nfragment UserSummary on User {\n  id\n  vendor\n  vendorUserId\n  fullName\n  email\n  emails\n  status\n  availability\n  language\n}": types.UsersPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersPage($first: Int, $after: String, $filter: UserFilter) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    unavailableVendors\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...UserSummary\n      }\n    }\n  }\n}\n\nquery UserById($id: ID!) {\n  user(id: $id) {\n    ...UserSummary\n    details {\n      __typename\n      ... on RinkelUserDetails {\n        insightsEnabled\n      }\n      ... on CommpeakUserDetails {\n        sipUri\n      }\n    }\n  }\n}\n\nquery PersonAccounts($email: EmailAddress!) {\n  usersByEmail(email: $email) {\n    ...UserSummary\n  }\n}\n\nquery VendorOverview {\n  vendors {\n    vendor\n    enabled\n    mode\n    health\n    readableFields\n  }\n}\n\nfragment UserSummary on User {\n  id\n  vendor\n  vendorUserId\n  fullName\n  email\n  emails\n  status\n  availability\n  language\n}"): typeof import('./graphql.js').UsersPageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
