import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createDirectory } from './connectors/directory.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from './idempotency.js';
import type { UpdateResult } from './update-results.js';
import type { UserConnector, VendorId } from './connectors/types.js';
import type { Context } from './context.js';
import { useHealth } from './plugins/health.js';
import { usePartialResults } from './plugins/partial-results.js';
import { schema } from './schema/index.js';
import { withDeadline } from './resilience/deadline.js';
import { createMetrics, useMetrics, type Metrics } from './resilience/metrics.js';
import type { UpstreamPolicy } from './resilience/policy.js';
import { createVendorStatus, type VendorMode } from './vendors.js';

export interface GatewayOptions {
  /** Enabled vendors only. */
  connectors: Readonly<Partial<Record<VendorId, UserConnector>>>;
  modes: Readonly<Record<VendorId, VendorMode>>;
  /** Each enabled vendor's quota, breaker and retries, for health and `vendors`. */
  policies?: Readonly<Partial<Record<VendorId, UpstreamPolicy>>>;
  /** @default a fresh registry */
  metrics?: Metrics;
  /** One GraphQL request, end to end; vendor calls still running then are abandoned. */
  requestDeadlineMs: number;
  /** How long a vendor's list snapshot serves `users` and email scans. */
  directoryTtlMs: number;
  /** Serve GraphiQL on GET /graphql. @default true */
  graphiql?: boolean;
  /** Where idempotent mutations keep their results. @default in memory, 24 h */
  idempotency?: IdempotencyStore<UpdateResult | UpdateResult[]>;
}

export type Gateway = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL gateway as a Fetch-API handler (servable by node:http, tests or any Fetch runtime). */
export function createGateway({
  connectors, modes, policies = {}, metrics = createMetrics(), requestDeadlineMs, directoryTtlMs, graphiql = true, idempotency = createMemoryIdempotencyStore(),
}: GatewayOptions): Gateway {
  const directory = createDirectory(connectors, { ttlMs: directoryTtlMs });
  const vendorStatus = createVendorStatus(modes, connectors, policies);
  return createYoga<Record<string, never>, Context>({
    schema,
    context: ({ request }): Context => ({
      connectors,
      directory,
      vendorStatus,
      idempotency,
      metrics,
      partialErrors: [],
      signal: withDeadline(requestDeadlineMs, request.signal),
    }),
    plugins: [useHealth({ vendorStatus }), useMetrics({ metrics }), usePartialResults()],
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
