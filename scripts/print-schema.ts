/** `npm run schema`: prints the code-first schema to ./schema.graphql, the artifact clients and codegen read. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, printedSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
