/**
 * `npm run schema`: prints the code-first schema to ./schema.graphql, the artifact clients and codegen
 * read, and the Federation v2 subgraph SDL (what `_service { sdl }` answers) to ./subgraph.graphql,
 * the artifact a supergraph is composed from.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { schema, subgraphSchema } from '../src/schema/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
export const SUBGRAPH_PATH = fileURLToPath(new URL('../subgraph.graphql', import.meta.url));

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

export function printedSubgraph(): string {
  return `${printSubgraphSchema(subgraphSchema())}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, printedSchema());
  writeFileSync(SUBGRAPH_PATH, printedSubgraph());
  console.log(`wrote ${SCHEMA_PATH} and ${SUBGRAPH_PATH}`);
}
