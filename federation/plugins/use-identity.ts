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

/** The verified identity of a request, once useIdentity has seen it (other plugins read it here). */
export function identityOf(context: object): IdentityContext | undefined {
  const candidate = context as Partial<IdentityContext>;
  return candidate.principal && candidate.requestId ? (candidate as IdentityContext) : undefined;
}

/** The request id minted for `request`, also for requests refused before they were authenticated. */
export function requestIdOf(request: Request): string | undefined {
  return REQUEST_IDS.get(request);
}

const REQUEST_IDS = new WeakMap<Request, string>();

/**
 * Verifies the caller and speaks for them to the subgraphs (docs/design.md decision 2).
 * - The request id is minted here; a client's `x-request-id` is not trusted (docs/stack.md), since audit
 *   records are keyed on it.
 * - The token is verified as soon as the request's parameters are read, before the document is
 *   parsed: an anonymous caller gets no parser, validator or schema information, and the plugins
 *   after this one (trusted documents, limits, introspection, rate limits) know the principal.
 * - Client-sent identity never reaches a subgraph: no client header is forwarded, `extensions` are
 *   dropped, and the assertion header is always overwritten with one the gateway signs.
 * - Every subgraph request carries its own assertion bound to its body, so no two requests look
 *   identical to the transport (nothing is merged across principals) and none can be replayed.
 */
export function useIdentity(options: UseIdentityOptions): GatewayPlugin {
  const { verifyToken, assertionKey, assertionTtlSeconds, subgraphByUrl, log, now } = options;

  async function authenticate(requestId: string, authorization: string | undefined, rawPurpose: string | undefined, clientAddress: string | undefined): Promise<IdentityContext> {
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
    const purpose = parsePurpose(rawPurpose);
    if (rawPurpose && !purpose) {
      throw new GraphQLError(`X-Purpose: must be one of ${PURPOSES.join(', ')} (got "${rawPurpose.slice(0, 32)}")`, {
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      });
    }
    return { principal, purpose, requestId, clientAddress };
  }

  return {
    onRequest({ request }) {
      REQUEST_IDS.set(request, randomUUID());
    },
    async onParams({ params, setParams, request, context }) {
      if (params.extensions) setParams({ ...params, extensions: undefined });
      const requestId = REQUEST_IDS.get(request) ?? randomUUID();
      const socket = (context as { req?: { socket?: { remoteAddress?: string } } }).req?.socket;
      const identity = await authenticate(requestId, request.headers.get('authorization') ?? undefined, request.headers.get('x-purpose') ?? undefined, socket?.remoteAddress);
      Object.assign(context, identity);
    },
    async onContextBuilding({ context, extendContext }) {
      if (identityOf(context)) return;
      // Transports without HTTP parameters (graphql-ws): the token travels in the connection params.
      const params = (context.connectionParams ?? {}) as Record<string, unknown>;
      const identity = await authenticate(
        randomUUID(),
        typeof params.Authorization === 'string' ? params.Authorization : undefined,
        typeof params['X-Purpose'] === 'string' ? params['X-Purpose'] : undefined,
        undefined,
      );
      extendContext(identity as never);
    },
    async onFetch({ url, options: init, setOptions, context, executionRequest }) {
      const subgraph = subgraphByUrl.get(url);
      if (!subgraph) return;
      const identity = identityOf(context);
      if (!identity) throw new Error('subgraph request without a verified principal');
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
      const id = REQUEST_IDS.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };
}

function authError(message: string, requestId: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', requestId, http: { status: 401 } } });
}
