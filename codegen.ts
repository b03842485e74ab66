import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the named client operations in `schema/operations/` (`npm run codegen`).
 * The same files are the trusted-documents manifest and the tests' fixtures; CI fails when the
 * generated code is stale.
 */
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['schema/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
    },
  },
};

export default config;
