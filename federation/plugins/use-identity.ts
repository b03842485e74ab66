import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { CryptoKey } from 'jose';
import { ASSERTION_HEADER, mintAssertion } from '../../src/platform/identity/assertion';
import { parsePurpose, PURPOSES, type Principal, type Purpose } from '../../src/platform/identity/principal';
import { IdentityError, type TokenVerifier } from '../../src/platform/identity/tokens';
import type { Logger } from '../../src/platform/logging';

/** What the gateway knows about the caller once the token is verified. */
export type IdentityContext = {
  principal: Principal;
  purpose: Purpose | undefined;
  requestId: string;
  clientAddress: string | undefined;
};

export type UseIdentityOptions = {
  verifyToken: TokenVerifier;
  assertionKey: CryptoKey;
  assertionTtlSeconds: number;
  /** Subgraph name by the URL the supergraph gives it. */
  subgraphByUrl: ReadonlyMap<string, string>;
  log: Logger;
  now: () => Date;
};

/**
 * Verifies the caller and speaks for them to the subgraphs (DESIGN.md decision 2).
 * - The request id is minted here; a client's `x-request-id` is not trusted (STACK.md), since audit
 *   records are keyed on it.
 * - Client-sent identity never reaches a subgraph: no client header is forwarded, `extensions` are
 *   dropped, and the assertion header is always overwritten with one the gateway signs.
 * - Every subgraph request carries its own assertion bound to its body, so no two requests look
 *   identical to the transport (nothing is merged across principals) and none can be replayed.
 */
export function useIdentity(options: UseIdentityOptions): GatewayPlugin {
  const { verifyToken, assertionKey, assertionTtlSeconds, subgraphByUrl, log, now } = options;
  const requestIds = new WeakMap<Request, string>();

  return {
    onRequest({ request }) {
      requestIds.set(request, randomUUID());
    },
    onParams({ params, setParams }) {
      if (params.extensions) setParams({ ...params, extensions: undefined });
    },
    async onContextBuilding({ context, extendContext }) {
      const ctx = context as typeof context & { request: Request; req?: { socket?: { remoteAddress?: string } } };
      const requestId = requestIds.get(ctx.request) ?? randomUUID();
      const authorization = ctx.request.headers.get('authorization') ?? (context.connectionParams?.Authorization as string | undefined);
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) throw authError('sign in: send "Authorization: Bearer <token>" (npm run token prints one)', requestId);
      let principal: Principal;
      try {
        principal = await verifyToken(token);
      } catch (error) {
        if (error instanceof IdentityError) {
          log.info({ requestId, reason: error.message }, 'token refused');
          throw authError(error.message, requestId);
        }
        throw error;
      }
      const rawPurpose = ctx.request.headers.get('x-purpose') ?? (context.connectionParams?.['X-Purpose'] as string | undefined);
      const purpose = parsePurpose(rawPurpose);
      if (rawPurpose && !purpose) {
        throw new GraphQLError(`X-Purpose: must be one of ${PURPOSES.join(', ')} (got "${rawPurpose.slice(0, 32)}")`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      }
      const identity: IdentityContext = { principal, purpose, requestId, clientAddress: ctx.req?.socket?.remoteAddress };
      extendContext(identity as never);
    },
    async onFetch({ url, options: init, setOptions, context, executionRequest }) {
      const subgraph = subgraphByUrl.get(url);
      if (!subgraph) return;
      const identity = context as Partial<IdentityContext>;
      if (!identity.principal || !identity.requestId) throw new Error('subgraph request without a verified principal');
      const body = typeof init.body === 'string' ? init.body : '';
      const assertion = await mintAssertion(assertionKey, {
        subgraph,
        body,
        ttlSeconds: assertionTtlSeconds,
        now: now(),
        principal: identity.principal,
        purpose: identity.purpose,
        requestId: identity.requestId,
        clientAddress: identity.clientAddress,
        operationName: executionRequest?.operationName,
      });
      setOptions({ ...init, headers: { ...(init.headers as Record<string, string>), [ASSERTION_HEADER]: assertion } });
    },
    onResponse({ request, response }) {
      const id = requestIds.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };
}

function authError(message: string, requestId: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', requestId, http: { status: 401 } } });
}
