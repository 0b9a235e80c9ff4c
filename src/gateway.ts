import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createDirectory } from './connectors/directory.js';
import type { UserConnector, VendorId } from './connectors/types.js';
import type { Context } from './context.js';
import { useHealth } from './plugins/health.js';
import { usePartialResults } from './plugins/partial-results.js';
import { schema } from './schema/index.js';
import { createVendorStatus, type VendorMode } from './vendors.js';

export interface GatewayOptions {
  /** Enabled vendors only. */
  connectors: Readonly<Partial<Record<VendorId, UserConnector>>>;
  modes: Readonly<Record<VendorId, VendorMode>>;
  /** One GraphQL request, end to end; vendor calls still running then are abandoned. */
  requestDeadlineMs: number;
  /** How long a vendor's list snapshot serves `users` and email scans. */
  directoryTtlMs: number;
  /** Serve GraphiQL on GET /graphql. @default true */
  graphiql?: boolean;
}

export type Gateway = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL gateway as a Fetch-API handler (servable by node:http, tests or any Fetch runtime). */
export function createGateway({ connectors, modes, requestDeadlineMs, directoryTtlMs, graphiql = true }: GatewayOptions): Gateway {
  const directory = createDirectory(connectors, { ttlMs: directoryTtlMs });
  const vendorStatus = createVendorStatus(modes, connectors);
  return createYoga<Record<string, never>, Context>({
    schema,
    context: ({ request }): Context => ({
      connectors,
      directory,
      vendorStatus,
      partialErrors: [],
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(requestDeadlineMs)]),
    }),
    plugins: [useHealth({ vendorStatus }), usePartialResults()],
    graphiql: graphiql && { title: 'Switchboard', defaultQuery: EXAMPLE_QUERY },
    landingPage: false,
  });
}

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
