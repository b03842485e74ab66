import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { RETRY_AFTER_SECONDS } from '../../src/platform/db/availability';
import type { ErrorCode } from '../../src/platform/graphql/errors';
import { withoutSuggestions } from '../../src/platform/graphql/schema-privacy';
import type { Logger } from '../../src/platform/logging';
import type { GatewayMetrics } from '../metrics';
import { identityOf, requestIdOf } from './use-identity';

const API_CODES: ReadonlySet<string> = new Set<ErrorCode>(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'INVALID_TRANSITION', 'CONFLICT', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']);

/** Codes graphql-js and yoga give a client's own mistakes (syntax, validation, batching, size). */
const CLIENT_MISTAKES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'REQUEST_ENTITY_TOO_LARGE']);

/** Extensions only the server may see: the transport's request and response (with host names), stacks. */
const SERVER_ONLY_EXTENSIONS = ['request', 'response', 'stacktrace', 'exception', 'serviceName', 'unexpected'];

export const MASKED_MESSAGE = 'Unexpected error.';

/**
 * The gateway's own completion error for a required field its plan could not fill. A subgraph checks
 * its own results against its schema, so this arises only where the gateway merges entities: a
 * subgraph answered `null` for a reference — a record the caller may not see, or one that is gone —
 * and the record's required fields are then missing (graphql-hive/gateway#1545). The record is null
 * in the data, as a missing record is; the error would tell the caller only that it exists.
 */
function isMissingEntity(error: unknown): boolean {
  return (
    error instanceof GraphQLError &&
    error.extensions?.code === undefined &&
    error.originalError !== undefined &&
    !(error.originalError instanceof GraphQLError) &&
    error.message.startsWith('Cannot return null for non-nullable field ')
  );
}

type Verdict = { error: GraphQLError; code: string; original?: unknown; ownMessage: boolean };

/**
 * The one place where the gateway's errors are decided (docs/style.md; issue 9, point 7), on every
 * result — execution, validation, a refusal thrown before either, each event of a subscription:
 * - an error with an docs/api.md code keeps its message (suggestions removed);
 * - a client's own mistake found by graphql-js or yoga (syntax, validation, coercion, batching)
 *   becomes BAD_USER_INPUT;
 * - anything else — an exception, an unknown code, an error carrying the transport's request or
 *   response — becomes INTERNAL_SERVER_ERROR "Unexpected error.", with no stack, SQL, host name
 *   or path; the original goes to the log only;
 * - server-only extensions are dropped;
 * - every error is logged once, with the request id and the principal, and counted by code.
 * yoga's own masking is off (federation/gateway.ts), so nothing is masked or logged twice.
 */
export function useErrorPolicy({ log, metrics }: { log: Logger; metrics: GatewayMetrics }): GatewayPlugin {
  function judge(raw: unknown): Verdict {
    const error = raw instanceof GraphQLError ? raw : new GraphQLError(String((raw as Error)?.message ?? raw), { originalError: raw instanceof Error ? raw : undefined });
    const code = error.extensions?.code;
    const exception = error.originalError !== undefined && !(error.originalError instanceof GraphQLError);
    const serverOnly = SERVER_ONLY_EXTENSIONS.some((key) => error.extensions?.[key] !== undefined);
    let apiCode: string;
    if (typeof code === 'string' && API_CODES.has(code) && (!exception || code === 'UPSTREAM_UNAVAILABLE')) apiCode = code;
    else if ((code === undefined || (typeof code === 'string' && CLIENT_MISTAKES.has(code))) && !exception && !serverOnly) apiCode = 'BAD_USER_INPUT';
    else apiCode = 'INTERNAL_SERVER_ERROR';
    const extensions: Record<string, unknown> = { ...error.extensions, code: apiCode };
    // Unavailable is never the client's fault: it may send the request again (a mutation with the same idempotency key).
    if (apiCode === 'UPSTREAM_UNAVAILABLE') extensions.retryable ??= true;
    for (const key of SERVER_ONLY_EXTENSIONS) delete extensions[key];
    const masked = apiCode === 'INTERNAL_SERVER_ERROR';
    return {
      code: apiCode,
      // An UPSTREAM_UNAVAILABLE error of the gateway's own carries what went wrong (host, status) as
      // its originalError; one a subgraph answered was logged there, with its cause.
      original: masked ? (error.originalError ?? error) : apiCode === 'UPSTREAM_UNAVAILABLE' ? causeOf(error) : undefined,
      ownMessage: typeof code === 'string' && API_CODES.has(code),
      error: new GraphQLError(masked ? MASKED_MESSAGE : withoutSuggestions(error.message), {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: masked ? pick(extensions, ['code', 'http']) : extensions,
      }),
    };
  }

  function apply(result: ExecutionResult, context: { request: Request; serverContext: object }): ExecutionResult {
    if (!result.errors?.length) return result;
    if (result.errors.some(isMissingEntity)) {
      const errors = result.errors.filter((e) => !isMissingEntity(e));
      result = errors.length ? { ...result, errors } : { data: result.data, ...(result.extensions ? { extensions: result.extensions } : {}) };
      if (!result.errors?.length) return result;
    }
    const identity = identityOf(context.serverContext);
    const requestId = identity?.requestId ?? requestIdOf(context.request);
    const verdicts = result.errors.map(judge);
    for (const { error, code, original, ownMessage } of verdicts) {
      metrics.errors.inc({ code });
      const entry = {
        requestId,
        principal: identity?.principal.sub,
        code,
        path: error.path?.join('.'),
        // graphql-js's messages can echo variable values (personal data): only the hub's own are logged.
        message: ownMessage ? error.message : undefined,
        limit: error.extensions.limit,
        err: original,
      };
      if (code === 'INTERNAL_SERVER_ERROR') log.error(entry, 'request error');
      else if (code === 'UPSTREAM_UNAVAILABLE') log.warn(entry, 'request error');
      else log.info(entry, 'request error');
    }
    const errors = verdicts.map((v) => v.error);
    // Nothing could be answered because something upstream is unavailable: say when to try again.
    const unavailable = result.data == null ? errors.find((e) => e.extensions.code === 'UPSTREAM_UNAVAILABLE') : undefined;
    if (unavailable) {
      const seconds = typeof unavailable.extensions.retryAfter === 'number' ? unavailable.extensions.retryAfter : RETRY_AFTER_SECONDS;
      const http = (unavailable.extensions.http ?? {}) as { headers?: Record<string, string> };
      (unavailable.extensions as Record<string, unknown>).http = { ...http, headers: { ...http.headers, 'Retry-After': String(seconds) } };
    }
    return { ...result, errors };
  }

  return {
    onResultProcess({ result, setResult, request, serverContext }) {
      const context = { request, serverContext: serverContext as object };
      if (Array.isArray(result)) setResult(result.map((r) => apply(r as ExecutionResult, context)));
      else if (isAsyncIterable(result)) setResult(mapResults(result as AsyncIterable<ExecutionResult>, (r) => apply(r, context)));
      else setResult(apply(result as ExecutionResult, context));
    },
  };
}

async function* mapResults(results: AsyncIterable<ExecutionResult>, map: (r: ExecutionResult) => ExecutionResult): AsyncGenerator<ExecutionResult> {
  for await (const result of results) yield map(result);
}

/** What made the gateway answer UPSTREAM_UNAVAILABLE (a refused connection, a timeout); nothing for a subgraph's own answer, which the subgraph logged. */
function causeOf(error: GraphQLError): unknown {
  const cause = error.originalError;
  return cause instanceof GraphQLError && cause.message === error.message ? undefined : cause;
}

function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
