import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the named client operations in `schema/operations/` (`npm run codegen`, alias
 * `npm run documents`), and the trusted-documents manifest built from the same files:
 * `schema/generated/persisted-documents.json` maps `sha256:<hex>` to each operation as the client
 * sends it; each typed document carries that id in `__meta__.hash`. In production the gateway
 * executes only these documents (federation/plugins/use-trusted-documents.ts). The manifest is
 * committed so a reviewer sees in the diff which operations become executable; CI fails when it is
 * stale.
 */
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['schema/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
    },
  },
};

export default config;
