import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed client documents for test/operations/*.graphql, from the checked-in schema.graphql.
 * `documentMode: 'string'` yields plain strings with types attached, so any HTTP client can send them.
 */
const config: CodegenConfig = {
  schema: './schema.graphql',
  documents: ['test/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    './test/generated/': {
      preset: 'client',
      // persisted-documents.json (hash → document) is what TRUSTED_DOCUMENTS=only lets run.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        documentMode: 'string',
        importExtension: '.js',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          DateTime: 'string',
          EmailAddress: 'string',
          JSONObject: 'Record<string, unknown>',
          Locale: 'string',
          PhoneNumber: 'string',
          URL: 'string',
        },
      },
    },
  },
};

export default config;
