import type { CodegenConfig } from '@graphql-codegen/cli';

/** How the schema's custom scalars look in TypeScript, for every client below. */
const scalars = {
  DateTime: 'string',
  EmailAddress: 'string',
  JSON: 'string | number | boolean | null | Array<unknown> | { [key: string]: unknown }',
  JSONObject: 'Record<string, unknown>',
  Locale: 'string',
  PhoneNumber: 'string',
  URL: 'string',
};

const common = { importExtension: '.js', enumsAsTypes: true, useTypeImports: true, scalars };

/**
 * What clients need, from the checked-in schema.graphql:
 * - `test/generated/`: typed documents as plain strings (`documentMode: 'string'`), for any HTTP client
 *   (graphql-request, fetch), and persisted-documents.json (hash → document), what TRUSTED_DOCUMENTS=only runs;
 * - `test/generated/documents/`: the same operations as parsed `TypedDocumentNode`s, for Apollo Client and
 *   urql, which would otherwise re-parse every string;
 * - `test/generated/possible-types.ts`: the union and interface members (Apollo's `possibleTypes`), which
 *   a production gateway with introspection off cannot give at run time;
 * - `console/src/gql/`: the reference console's typed documents and its own persisted documents.
 */
const config: CodegenConfig = {
  schema: './schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    './test/generated/': {
      documents: ['test/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: { ...common, documentMode: 'string' },
    },
    './test/generated/documents/': {
      documents: ['test/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: common,
    },
    './test/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
    './console/src/gql/': {
      documents: ['console/src/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: common,
    },
  },
};

export default config;
