import { Client, fetchExchange, mapExchange, type CombinedError } from '@urql/core';
import type { Session } from '../auth/session';

/** The purpose of use the console declares (X-Purpose): auditing for auditors, statistics for managers. */
export function purposeOf(role: string): string {
  return role === 'AUDITOR' ? 'AUDIT' : 'STATISTICS';
}

/**
 * The console's GraphQL client: same origin (`/graphql`), the token from memory as a bearer
 * header (which also satisfies the gateway's CSRF rule), JSON POSTs only, nothing cached between
 * screens (what a screen shows is what the API answered for this principal just now).
 */
export function createApiClient(session: Session, onUnauthenticated: (error: CombinedError) => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({
      headers: { authorization: `Bearer ${session.token}`, 'x-purpose': purposeOf(session.claims.role), accept: 'application/graphql-response+json, application/json' },
      credentials: 'omit',
    }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') || error.response?.status === 401) onUnauthenticated(error);
        },
      }),
      fetchExchange,
    ],
  });
}

/** The first error's code and message, as the API gave them. */
export function errorOf(error: CombinedError | undefined): { code: string; message: string } | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (first) return { code: String(first.extensions?.code ?? 'ERROR'), message: first.message };
  return { code: 'NETWORK', message: error.networkError?.message ?? error.message };
}
