import { GraphQLError } from 'graphql';
import type { Logger } from '../logging';

/**
 * Errors have one home (STYLE.md): expected failures are GraphQLErrors with an API.md code and
 * pass through; anything else is logged once, server-side, and reaches the client as a bare
 * INTERNAL_SERVER_ERROR — no stack, SQL, host name or file path.
 */
export function maskError(error: unknown, message: string, log: Logger): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) {
    const code = error.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return error;
    if (!error.originalError && !code) return error; // validation and parse errors from graphql-js
  }
  log.error({ err: loggable(original), path: error instanceof GraphQLError ? error.path : undefined }, 'unexpected error masked');
  return new GraphQLError(message, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * Database errors carry the SQL with its values inlined — possibly a caller's phone number. Logs
 * never hold personal data, so such errors are logged by kind, SQLSTATE and stack only.
 */
function loggable(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const sqlState = (error as { code?: unknown; sqlState?: unknown }).sqlState ?? (error as { code?: unknown }).code;
  const fromDatabase = error.constructor.name.endsWith('Exception') || typeof sqlState === 'string';
  if (!fromDatabase) return error;
  return { type: error.constructor.name, sqlState, message: '[database error: statement and values withheld]', stack: error.stack?.split('\n').slice(1).join('\n') };
}
