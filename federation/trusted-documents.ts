import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { getOperationAST, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import type { OperationLimitSettings } from '../src/platform/config';
import { checkOperationLimits } from './operation-limits';

/** One operation of the manifest: what a client asks for by `documentId`. */
export type TrustedDocument = { id: string; query: string; operationName: string };

/** The trusted-documents manifest (`schema/generated/persisted-documents.json`, written by `npm run documents`). */
export type TrustedDocuments = {
  byId: ReadonlyMap<string, TrustedDocument>;
  /** The same documents by the SHA-256 of their exact text (clients that send the text itself). */
  byText: ReadonlyMap<string, TrustedDocument>;
};

/** `sha256:<hex>` (GraphQL over HTTP, Appendix A) from either that form or the bare hex digest. */
export function documentIdOf(value: string): string {
  return /^[0-9a-f]{64}$/.test(value) ? `sha256:${value}` : value;
}

export function textHash(query: string): string {
  return `sha256:${createHash('sha256').update(query).digest('hex')}`;
}

/** Reads the manifest; every id must be the SHA-256 of its document (a hand-edited entry is refused). */
export function loadTrustedDocuments(file: string): TrustedDocuments {
  let entries: Record<string, unknown>;
  try {
    entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS_MANIFEST: cannot read ${file} (${(error as Error).message}); run npm run documents`);
  }
  const byId = new Map<string, TrustedDocument>();
  for (const [id, query] of Object.entries(entries)) {
    if (typeof query !== 'string' || textHash(query) !== id) throw new Error(`TRUSTED_DOCUMENTS_MANIFEST: entry ${id} is not the SHA-256 of its document; run npm run documents`);
    const operation = getOperationAST(parse(query));
    if (!operation?.name) throw new Error(`TRUSTED_DOCUMENTS_MANIFEST: entry ${id} must hold exactly one named operation`);
    byId.set(id, { id, query, operationName: operation.name.value });
  }
  return { byId, byText: byId };
}

/**
 * Every trusted document must be valid against the schema the gateway serves and within the
 * operation limits at the largest page: a manifest that production would refuse fails the start,
 * not a partner's request.
 */
export function verifyTrustedDocuments(documents: TrustedDocuments, schema: GraphQLSchema, limits: Omit<OperationLimitSettings, 'maxTokens'>): string[] {
  const problems: string[] = [];
  for (const document of documents.byId.values()) {
    const ast = parse(document.query);
    const errors = validate(schema, ast);
    if (errors.length > 0) {
      problems.push(`${document.operationName}: ${errors[0]!.message}`);
      continue;
    }
    const variables: Record<string, number> = {};
    for (const definition of ast.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const v of definition.variableDefinitions ?? []) if (['first', 'last'].includes(v.variable.name.value)) variables[v.variable.name.value] = limits.maxListSize;
    }
    const violation = checkOperationLimits(schema, ast, limits, variables);
    if (violation) problems.push(`${document.operationName}: exceeds the ${violation.limit} limit (${violation.actual ?? ''} > ${violation.max ?? ''}) at its largest page`);
  }
  return problems;
}
