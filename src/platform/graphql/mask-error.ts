import { GraphQLError } from 'graphql';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/availability';
import type { Logger } from '../logging';

/**
 * Errors have one home (docs/style.md): expected failures are GraphQLErrors with an docs/api.md code and
 * pass through; a database that cannot be reached is UPSTREAM_UNAVAILABLE with `retryable: true`;
 * anything else is logged once, server-side, and reaches the client as a bare
 * INTERNAL_SERVER_ERROR — no stack, SQL, host name or file path.
 */
export function maskError(error: unknown, message: string, log: Logger | undefined): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isExpectedError(error)) return error;
  if (isDatabaseUnavailable(original)) {
    // Not a fault: the client may retry. Its logging (once per outage) is the caller's.
    const unavailable = databaseUnavailable();
    return new GraphQLError(unavailable.message, {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: unavailable.extensions,
    });
  }
  log?.error({ err: loggable(original), path: error instanceof GraphQLError ? error.path : undefined }, 'unexpected error masked');
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

/**
 * Database errors carry the SQL with its values inlined, and a `detail` with key values — possibly a
 * caller's phone number. Logs never hold personal data, so such errors are logged by kind,
 * SQLSTATE, PostgreSQL's own message (which names the relation or constraint, not the row), table,
 * constraint and stack — without the statement, its parameters or the detail.
 */
export function loggable(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const e = error as Error & { code?: unknown; sqlState?: unknown; table?: unknown; constraint?: unknown; routine?: unknown };
  const sqlState = e.sqlState ?? e.code;
  const fromDatabase = error.constructor.name.endsWith('Exception') || typeof sqlState === 'string';
  if (!fromDatabase) return error;
  // MikroORM formats "<statement with values> - <PostgreSQL message>": keep the latter only.
  // "invalid input syntax for type uuid: "<value>"" quotes the value: drop it.
  const message = (error.message.includes(' - ') ? error.message.slice(error.message.lastIndexOf(' - ') + 3) : error.message).replace(/(invalid input[^:]*: )".*"/, '$1"…"');
  return {
    type: error.constructor.name,
    sqlState,
    message: message.slice(0, 300),
    table: e.table,
    constraint: e.constraint,
    routine: e.routine,
    stack: error.stack?.split('\n').slice(1).join('\n'),
  };
}
