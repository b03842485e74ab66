import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { CryptoKey } from 'jose';
import { ASSERTION_HEADER, mintAssertion } from '../identity/assertion';
import type { Principal, Purpose } from '../identity/principal';

export type InternalCall = {
  principal: Principal;
  purpose: Purpose;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
};

export type InternalCaller = (call: InternalCall) => Promise<ExecutionResult<Record<string, unknown>>>;

/**
 * Runs an operation against a subgraph on behalf of a principal, exactly as a gateway request
 * would: a one-time assertion bound to the body, the same row and field policy, the same access
 * log. The hub uses it to render what it pushes (a unit's webhook receives what that unit's query
 * would return — never more). The subgraph is called in-process; no network hop, no token.
 */
export function createInternalCaller(options: {
  subgraph: string;
  fetch: (request: Request) => Promise<Response> | Response;
  privateKey: CryptoKey;
  now: () => Date;
  ttlSeconds?: number;
}): InternalCaller {
  return async ({ principal, purpose, query, variables, operationName }) => {
    const body = JSON.stringify({ query, variables, operationName });
    const assertion = await mintAssertion(options.privateKey, {
      principal,
      purpose,
      requestId: randomUUID(),
      clientAddress: undefined,
      operationName,
      subgraph: options.subgraph,
      body,
      ttlSeconds: options.ttlSeconds ?? 30,
      now: options.now(),
    });
    const response = await options.fetch(
      new Request(`http://internal.hub/${options.subgraph}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', [ASSERTION_HEADER]: assertion },
        body,
      }),
    );
    const text = await response.text();
    try {
      return JSON.parse(text) as ExecutionResult<Record<string, unknown>>;
    } catch {
      throw new Error(`subgraph ${options.subgraph} answered ${response.status} without a GraphQL result`);
    }
  };
}
