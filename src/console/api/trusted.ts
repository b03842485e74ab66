import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * The console sends only trusted documents: `{"documentId": "sha256:…", "variables": …}` with the id
 * that `npm run codegen` wrote into each typed document (`__meta__.hash`) and into
 * schema/generated/persisted-documents.json. In production the gateway runs nothing else, and in
 * development the console behaves exactly as it will there. (urql sends `documentId` for a document
 * without definitions.)
 */
export function trusted<Result, Variables>(document: TypedDocumentNode<Result, Variables>): TypedDocumentNode<Result, Variables> {
  const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!id) throw new Error('a typed document without its trusted-document id: run npm run codegen');
  return { kind: 'Document', definitions: [], documentId: id } as unknown as TypedDocumentNode<Result, Variables>;
}
