import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL as one self-contained page: `@graphql-yoga/render-graphiql` inlines GraphiQL's script, styles
 * and editor workers (as blob: URLs), so the page loads nothing from another host and works offline,
 * behind a proxy and under the page's own CSP below. Yoga's built-in renderer loads them from a CDN.
 *
 * That package is one 9 MB module, so it is loaded when the page is first asked for: a replica that
 * never serves GraphiQL (production, a benchmark) does not hold it in memory.
 */
let renderer: Promise<typeof import('@graphql-yoga/render-graphiql')> | undefined;
export async function renderGraphiQL(options: GraphiQLOptions): Promise<string> {
  renderer ??= import('@graphql-yoga/render-graphiql');
  return (await renderer).renderGraphiQL(options);
}

/** What the page may load: only its own origin, inline code and the blob: workers it makes itself. */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

export interface GraphiqlSettings {
  /** Whether requests need a bearer token: then the headers tab opens with a placeholder for it. */
  authRequired: boolean;
}

/** The options both Yoga (its `graphiql` option) and the frontends handler render the page with. */
export function graphiqlOptions({ authRequired }: GraphiqlSettings): GraphiQLOptions {
  return {
    title: 'Switchboard GraphiQL',
    defaultQuery: authRequired ? `${AUTH_HINT}\n${EXAMPLE_QUERY}` : EXAMPLE_QUERY,
    ...(authRequired
      ? { headers: JSON.stringify({ Authorization: 'Bearer <paste your token here>' }, null, 2), defaultEditorToolsVisibility: 'headers' as const, shouldPersistHeaders: false }
      : {}),
  };
}

const AUTH_HINT = `# Authentication is on: every request needs a bearer token. Open the Headers tab below and replace
# <paste your token here> with a token from AUTH_TOKENS (or a JWT); until then each run answers 401.
`;

const EXAMPLE_QUERY = `# Switchboard: one GraphQL API over Rinkel, Dialpad, IMIchat and CommPeak.
# Run FirstUsers, then OnePerson: one person with accounts in all four vendors (sandbox seed 1).

query FirstUsers {
  vendors { vendor mode health }
  users(first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        vendor
        vendorUserId
        fullName
        email
        status
        availability
      }
    }
  }
}

# A dry run on the first Rinkel account (sandbox seed 1): validates and shows the changes, writes nothing.
mutation DryRun {
  updateUser(input: { id: "VXNlcjpyaW5rZWw6YzY4N2VkNGNiYjQ1MThlYjllZWRiOWIz", availability: UNAVAILABLE, dryRun: true }) {
    __typename
    ... on UpdateUserSuccess { dryRun changes { field before after } }
    ... on Error { message }
  }
}

query OnePerson {
  usersByEmail(email: "ruben.devries.11@example.com") {
    vendor
    fullName
    status
    details {
      __typename
      ... on DialpadUserDetails { license }
    }
  }
}
`;
