import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/** The expected-failure codes of docs/api.md. Anything else reaching a client is masked. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_TRANSITION'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE';

/**
 * An expected failure: typed, coded, with a message a person can act on. It carries no stack trace:
 * it is an answer, not a fault, and is never logged with one. Capturing and formatting a trace
 * (graphql-js reads `originalError.stack` when it locates the error; with tsx's source maps each
 * frame is looked up) cost ~5 % of the hotline's CPU on a page with withheld fields (issue 7).
 */
export class HubError extends GraphQLError {
  /**
   * `at` locates the error where it is thrown (a field's path and nodes): graphql-js then uses it as
   * is instead of wrapping it in a located copy (each GraphQLError costs ~70 µs; issue 7).
   */
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, at?: Pick<GraphQLErrorOptions, 'path' | 'nodes'>) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, { ...at, extensions: { ...extensions, code } });
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'HubError';
    // A plain value, not V8's lazy accessor: every error wrapping this one (graphql-js locating it,
    // yoga stripping internals) copies it instead of formatting a trace through the source maps.
    Object.defineProperty(this, 'stack', { value: `HubError: ${message}`, writable: true, configurable: true });
  }
}

export const unauthenticated = (message = 'sign in: send "Authorization: Bearer <token>"') => new HubError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new HubError('FORBIDDEN', message);

/** Out of scope and missing look the same: callers learn nothing about records they may not see. */
export const notFound = (what: string) => new HubError('NOT_FOUND', `${what} was not found`);

export const badInput = (field: string, reason: string) => new HubError('BAD_USER_INPUT', `${field}: ${reason}`, { field });

export const conflict = (message: string) => new HubError('CONFLICT', message);

export const invalidTransition = (from: string, to: string, reason: string) =>
  new HubError('INVALID_TRANSITION', `cannot go from ${from} to ${to}: ${reason}`, { from, to });

export const upstreamUnavailable = (what: string) => new HubError('UPSTREAM_UNAVAILABLE', `${what} is unavailable; try again later`);
