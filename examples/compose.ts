/**
 * `npm run supergraph [-- <out>]`: composes Switchboard's subgraph SDL with the example employee
 * directory into a supergraph (Federation v2, @theguild/federation-composition, no network), for Hive
 * Gateway or Apollo Router. Exits non-zero, listing every error, when the two do not compose — CI
 * runs it, so a change to either schema that breaks composition fails the build.
 *
 * SWITCHBOARD_URL and DIRECTORY_URL are where the gateway will reach each subgraph.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { printedSubgraph } from '../scripts/print-schema.js';
import { DIRECTORY_SDL } from './employee-directory/schema.js';

export interface Subgraph {
  name: string;
  url: string;
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`The subgraphs do not compose:\n${errors.map((error) => `  - ${error}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** The supergraph SDL of the given subgraphs; throws CompositionError with every error found. */
export function composeSupergraph(subgraphs: readonly Subgraph[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((error) => `${String(error.extensions.code ?? 'ERROR')}: ${error.message}`));
  return result.supergraphSdl;
}

/** Switchboard (as the code prints it, the same as subgraph.graphql) beside the employee directory. */
export function exampleSubgraphs({ switchboardUrl = 'http://127.0.0.1:4000/graphql', directoryUrl = 'http://127.0.0.1:4001/graphql' } = {}): Subgraph[] {
  return [
    { name: 'switchboard', url: switchboardUrl, sdl: printedSubgraph() },
    { name: 'directory', url: directoryUrl, sdl: DIRECTORY_SDL },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const supergraph = composeSupergraph(exampleSubgraphs({ switchboardUrl: process.env.SWITCHBOARD_URL, directoryUrl: process.env.DIRECTORY_URL }));
    const out = process.argv[2];
    if (out) {
      writeFileSync(out, supergraph);
      console.log(`composed switchboard + directory into ${out}`);
    } else {
      process.stdout.write(supergraph);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
