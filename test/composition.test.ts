import { describe, expect, it } from 'vitest';
import { composeSupergraph, CompositionError, exampleSubgraphs, type Subgraph } from '../examples/compose.js';
import { printedSubgraph } from '../scripts/print-schema.js';

// Switchboard's subgraph SDL composed beside other subgraphs, as `npm run supergraph` (a CI step) does.

const switchboard = (): Subgraph => ({ name: 'switchboard', url: 'http://127.0.0.1:4000/graphql', sdl: printedSubgraph() });
const other = (sdl: string): Subgraph => ({ name: 'other', url: 'http://127.0.0.1:4002/graphql', sdl });
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

describe('composition', () => {
  it('composes with the example employee directory, with both entities joined', () => {
    const supergraph = composeSupergraph(exampleSubgraphs());
    expect(supergraph).toContain('type User implements Node @join__type(graph: DIRECTORY, key: "id") @join__type(graph: SWITCHBOARD, key: "id") @join__type(graph: SWITCHBOARD, key: "vendor vendorUserId")');
    expect(supergraph).toContain('@join__type(graph: DIRECTORY, key: "email", resolvable: false) @join__type(graph: SWITCHBOARD, key: "email")');
  });

  it('composes beside a subgraph that extends User by id, and one that defines its own Relay PageInfo', () => {
    const reviews = `${LINK}
      type Query { topReviews: [Review!]! }
      type Review { text: String! author: User! }
      type User @key(fields: "id") { id: ID! reviews: [Review!]! }
      type PageInfo @shareable { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
      type ReviewConnection { pageInfo: PageInfo! }
      extend type Query { reviews: ReviewConnection! }`;
    expect(() => composeSupergraph([switchboard(), other(reviews)])).not.toThrow();
  });

  it('fails, naming the error, when another subgraph keys Person by a String email', () => {
    const broken = `${LINK}
      type Query { staff: [Person!]! }
      type Person @key(fields: "email") { email: String! }`;
    expect(() => composeSupergraph([switchboard(), other(broken)])).toThrow(CompositionError);
    expect(() => composeSupergraph([switchboard(), other(broken)])).toThrow(/Person\.email/);
  });
});
