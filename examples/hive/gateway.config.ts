/**
 * Hive Gateway in front of Switchboard and the example directory:
 *   npm run supergraph -- supergraph.graphql
 *   npx hive-gateway supergraph supergraph.graphql --config-path examples/hive/gateway.config.ts --host 127.0.0.1
 * The same settings are what test/supergraph.test.ts runs programmatically.
 */
import { defineConfig, type GatewayConfig } from '@graphql-hive/gateway';

// Switchboard decides who may read and write, so it needs the caller's own token (and request id);
// the other subgraphs get neither.
export const propagateHeaders: GatewayConfig['propagateHeaders'] = {
  fromClientToSubgraphs: ({ request, subgraphName }) =>
    subgraphName === 'switchboard'
      ? { authorization: request.headers.get('authorization'), 'x-request-id': request.headers.get('x-request-id') }
      : {},
};

export const gatewayConfig = defineConfig({
  propagateHeaders,
  // No usage reporting, tracing or CDN: nothing leaves the machine but calls to the subgraphs.
  logging: 'warn',
});
