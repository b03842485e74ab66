import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { Role } from '../../src/platform/identity/principal';
import type { Logger } from '../../src/platform/logging';
import type { GatewayMetrics } from '../metrics';
import { documentIdOf, textHash, type TrustedDocuments } from '../trusted-documents';
import { identityOf } from './use-identity';

export type UseTrustedDocumentsOptions = {
  documents: TrustedDocuments;
  /** Only trusted documents are executed (production). Otherwise `documentId` still works. */
  required: boolean;
  /** Roles that may send other documents even when trusted documents are required. */
  exemptRoles: readonly Role[];
  log: Logger;
  metrics: GatewayMetrics;
};

/** The trusted document a request executes, if it executes one (for metrics labels). */
export function trustedDocumentOf(context: object): string | undefined {
  return (context as { trustedDocument?: string }).trustedDocument;
}

/**
 * Trusted documents (issue 9, point 4). Clients send `{"documentId": "sha256:…", "variables": …}`
 * (GraphQL over HTTP, Appendix A; the id is `__meta__.hash` of the generated typed document), or the
 * exact text of a manifest document. When trusted documents are required, partners and frontends
 * cannot run anything else: no document a reviewer has not seen in `schema/operations/` reaches the
 * parser. Runs after useIdentity (the principal decides the exemption), before parsing.
 */
export function useTrustedDocuments({ documents, required, exemptRoles, log, metrics }: UseTrustedDocumentsOptions): GatewayPlugin {
  return {
    onParams({ params, setParams, context }) {
      const { documentId, ...rest } = params as typeof params & { documentId?: unknown };
      const identity = identityOf(context);
      if (documentId !== undefined) {
        const document = typeof documentId === 'string' ? documents.byId.get(documentIdOf(documentId)) : undefined;
        if (!document) {
          metrics.refusals.inc({ reason: 'unknown_document' });
          throw new GraphQLError('documentId: no trusted document has this id; ids are listed in schema/generated/persisted-documents.json (npm run documents)', {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
        if (rest.query !== undefined && rest.query !== document.query) {
          throw new GraphQLError('send either documentId or query, not both', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        }
        Object.assign(context, { trustedDocument: document.operationName });
        setParams({ ...rest, query: document.query, operationName: rest.operationName ?? document.operationName });
        return;
      }
      const known = typeof params.query === 'string' ? documents.byText.get(textHash(params.query)) : undefined;
      if (known) {
        Object.assign(context, { trustedDocument: known.operationName });
        return;
      }
      if (!required || (identity && exemptRoles.includes(identity.principal.role))) return;
      metrics.refusals.inc({ reason: 'untrusted_document' });
      log.info({ requestId: identity?.requestId, principal: identity?.principal.sub, role: identity?.principal.role }, 'untrusted document refused');
      throw new GraphQLError(
        'only trusted documents are executed here: send {"documentId": "sha256:…"} with an id from schema/generated/persisted-documents.json; new operations are added to schema/operations/ and released with the client',
        { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
      );
    },
  };
}
