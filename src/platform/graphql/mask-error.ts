import { GraphQLError } from 'graphql';
import type { Logger } from '../logging';

/**
 * Errors have one home (STYLE.md): expected failures are GraphQLErrors with an API.md code and
 * pass through; anything else is logged once, server-side, and reaches the client as a bare
 * INTERNAL_SERVER_ERROR — no stack, SQL, host name or file path.
 */
export function maskError(error: unknown, message: string, log: Logger | undefined): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isExpectedError(error)) return error;
  log?.error({ err: original, path: error instanceof GraphQLError ? error.path : undefined }, 'unexpected error masked');
  return new GraphQLError(message, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/** Whether `error` reaches clients as it is: a coded expected failure, or graphql-js's own (parse, validation). */
export function isExpectedError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError) || (error.originalError && !(error.originalError instanceof GraphQLError))) return false;
  const code = error.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return true;
  return !error.originalError && !code;
}
