import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import { toSubgraphSchema, withoutFederation } from './federation.js';
import './root.js';
import './user.js';
import './user-mutations.js';
import './vendor.js';

/** Type modules register themselves on import; the printed schema is sorted so it diffs cleanly. */
export const schema = lexicographicSortSchema(withoutFederation(builder.toSchema()));

let subgraph: GraphQLSchema | undefined;
/** The same schema as a Federation v2 subgraph (schema/federation.ts), built on first use. */
export function subgraphSchema(): GraphQLSchema {
  subgraph ??= toSubgraphSchema();
  return subgraph;
}
