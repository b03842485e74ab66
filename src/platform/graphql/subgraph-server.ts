import { createHash } from 'node:crypto';
import { getOperationAST, GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { AccessRecorder, type AccessEventInput, type AccessMeta } from '../access-log/recorder';
import type { Clock } from '../clock';
import { databaseUnavailable, isDatabaseUnavailable, outageLog } from '../db/availability';
import { ASSERTION_HEADER, AssertionError, type AssertionVerifier, type VerifiedAssertion } from '../identity/assertion';
import type { Logger } from '../logging';
import type { RequestContext } from './context';
import { HubError } from './errors';
import { isExpectedError, loggable, maskError } from './mask-error';
import { FEDERATION_SDL_FIELD, INTROSPECTION_FIELDS, useSchemaPrivacy } from './schema-privacy';

export type SubgraphServerOptions<Context extends RequestContext> = {
  name: string;
  schema: GraphQLSchema;
  verifyAssertion: AssertionVerifier;
  clock: Clock;
  log: Logger;
  policyVersion: string;
  /**
   * Writes the request's access events (one statement); a failure withholds the response. With a
   * request `transaction`, write them on the request's own connection (`ctx`): a second connection
   * per request would exhaust the pool under load while every request holds its transaction's.
   */
  writeAccessEvents: (meta: AccessMeta, events: AccessEventInput[], ctx: Context) => Promise<void>;
  createContext: (base: RequestContext) => Context | Promise<Context>;
  /**
   * Answered on GET /readyz: the subgraph's dependencies (its database) are reachable. It may name
   * warnings an operator must act on while the subgraph serves (e.g. next year's calendar missing).
   */
  ready?: () => Promise<void | { warnings?: string[] }>;
  /**
   * Runs each operation in one database transaction, begun before execution and ended after the
   * access log is written: committed if the access was recorded, rolled back if it was not (nothing
   * is changed by a response that is withheld). Row-level security needs the principal declared
   * inside such a transaction. `readOnly` is true for queries: nothing of theirs is to be saved but
   * the access events, so the module may skip its unit of work's change detection.
   */
  transaction?: { begin(ctx: Context): Promise<void>; end(ctx: Context, commit: boolean, readOnly: boolean): Promise<void> };
  plugins?: Plugin<Context>[];
};

export type SubgraphServer = YogaServerInstance<Record<string, never>, RequestContext>;

/**
 * A subgraph's HTTP face. It answers only requests carrying a valid gateway assertion bound to the
 * exact request body (docs/design.md decision 2); everything else gets 401 and no data.
 */
export function createSubgraphServer<Context extends RequestContext>(options: SubgraphServerOptions<Context>): SubgraphServer {
  const { name, log } = options;
  // Keyed by the parsed params object: yoga hands the parser a wrapped Request (body-size limit),
  // but the params object it returns is the one the context is built with.
  const verified = new WeakMap<object, VerifiedAssertion & { documentHash: string }>();

  const useGatewayAssertion: Plugin = {
    onRequestParse({ setRequestParser }) {
      setRequestParser(async (request) => {
        if (request.method !== 'POST') return refuse('this service only answers POST requests forwarded by the hub gateway');
        const body = await request.text();
        try {
          const assertion = await options.verifyAssertion(request.headers.get(ASSERTION_HEADER), body);
          const params = JSON.parse(body) as { query?: string; operationName?: string; variables?: Record<string, unknown> };
          verified.set(params, { ...assertion, documentHash: createHash('sha256').update(params.query ?? '').digest('hex') });
          return params;
        } catch (error) {
          if (error instanceof AssertionError) {
            log.warn({ subgraph: name, reason: error.message }, 'request without a valid gateway assertion refused');
            return refuse(error.message);
          }
          return refuse('the request body is not valid JSON', 400);
        }
      });
    },
  };

  const transaction = options.transaction;
  // A database outage is logged once when it begins and once when it ends, not once per request.
  const outage = outageLog(log, { subgraph: name });
  /** The client's answer to a failure of the database: retryable when the database was unreachable. */
  const failure = (ctx: RequestContext, error: unknown, what: string, message: string): HubError => {
    if (isDatabaseUnavailable(error)) {
      outage.failed(error, { requestId: ctx.requestId });
      return databaseUnavailable();
    }
    ctx.log.error({ err: loggable(error) }, what);
    return new HubError('UPSTREAM_UNAVAILABLE', message);
  };
  const useAccessFlush: Plugin<RequestContext> = {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as unknown as Context;
      const readOnly = getOperationAST(args.document, args.operationName)?.operation === 'query';
      if (transaction) {
        try {
          await transaction.begin(ctx);
        } catch (error) {
          // BEGIN or the principal's declaration failed (a dropped connection, a failover): the
          // connection goes back to the pool whatever state the transaction reached — a
          // transaction nobody ends holds its connection forever, and shutdown waits for it.
          await transaction.end(ctx, false, readOnly).catch(() => undefined);
          setResultAndStopExecution({ data: null, errors: [failure(ctx, error, 'request transaction could not begin', 'the request could not be started; nothing was changed, try again')] });
          return undefined;
        }
      }
      return {
        async onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return; // subscriptions flush per event (onSubscribe)
          const recorded = await flushOrWithhold(ctx, result, setResult);
          if (!transaction) return;
          try {
            await transaction.end(ctx, recorded, readOnly);
            if (recorded) outage.recovered();
          } catch (error) {
            setResult({ data: null, errors: [failure(ctx, error, 'request transaction could not be committed', 'the request could not be completed; nothing was changed, try again')] });
          }
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ args }) {
          const ctx = args.contextValue as RequestContext;
          return {
            async onNext({ result, setResult }) {
              await flushOrWithhold(ctx, result, setResult);
            },
          };
        },
      };
    },
  };

  /** Writes the access events; false when they could not be written and the result was withheld. */
  async function flushOrWithhold(ctx: RequestContext, result: ExecutionResult, setResult: (r: ExecutionResult) => void): Promise<boolean> {
    if (ctx.access.size === 0) return true;
    const events = ctx.access.drain();
    try {
      await options.writeAccessEvents(ctx.access.meta, events, ctx as Context);
      return true;
    } catch (error) {
      // Fail closed: data whose reading cannot be recorded is not returned.
      const unavailable = isDatabaseUnavailable(error);
      if (unavailable) outage.failed(error, { requestId: ctx.requestId, events: events.length });
      else ctx.log.error({ err: loggable(error), events: events.length }, 'access log write failed; response withheld');
      setResult({
        data: null,
        errors: [unavailable ? databaseUnavailable() : new HubError('UPSTREAM_UNAVAILABLE', 'the access could not be recorded, so no data is returned; try again')],
        extensions: result.extensions,
      });
      return false;
    }
  }

  // Unexpected errors of an execution are logged with the request's logger (request id, principal,
  // trace id) before they are masked; maskError logs only those it meets elsewhere.
  const loggedErrors = new WeakSet<object>();
  const useErrorLog: Plugin<RequestContext> = {
    onExecute() {
      return {
        onExecuteDone({ args, result }) {
          if (isAsyncIterable(result)) return;
          for (const error of result.errors ?? []) {
            if (isExpectedError(error)) continue;
            if (isDatabaseUnavailable(error.originalError ?? error)) {
              outage.failed(error.originalError ?? error, { requestId: (args.contextValue as RequestContext).requestId });
              loggedErrors.add(error);
              continue;
            }
            (args.contextValue as RequestContext).log.error({ err: loggable(error.originalError ?? error), path: error.path }, 'unexpected error masked');
            loggedErrors.add(error);
          }
        },
      };
    },
  };

  return createYoga<Record<string, never>, RequestContext>({
    schema: options.schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    healthCheckEndpoint: '/healthz',
    logging: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message, loggedErrors.has(error as object) ? undefined : log) },
    plugins: [
      useGatewayAssertion,
      // Nobody introspects a subgraph: the gateway composes from the printed SDL (issue 9, point 2).
      useSchemaPrivacy({ mayIntrospect: () => false, hidden: [...INTROSPECTION_FIELDS, FEDERATION_SDL_FIELD] }),
      useAccessFlush,
      useErrorLog,
      ...(options.plugins ?? []),
      {
        async onRequest({ url, endResponse, fetchAPI }) {
          if (url.pathname !== '/readyz') return;
          try {
            const detail = await options.ready?.();
            const warnings = detail?.warnings?.length ? { warnings: detail.warnings } : {};
            endResponse(new fetchAPI.Response(JSON.stringify({ status: 'ready', subgraph: name, ...warnings }), { status: 200, headers: JSON_HEADERS }));
          } catch {
            endResponse(new fetchAPI.Response(JSON.stringify({ status: 'unavailable', subgraph: name }), { status: 503, headers: JSON_HEADERS }));
          }
        },
      },
    ],
    context: async ({ params, request }) => {
      const assertion = params ? verified.get(params) : undefined;
      if (!assertion) throw new GraphQLError('unverified request', { extensions: { code: 'UNAUTHENTICATED' } });
      const { principal, purpose, requestId, clientAddress, operationName, documentHash } = assertion;
      const base: RequestContext = {
        subgraph: name,
        requestId,
        principal,
        purpose,
        clientAddress,
        operationName,
        clock: options.clock,
        log: log.child({ subgraph: name, requestId, principal: principal.sub, traceId: traceIdOf(request) }),
        access: new AccessRecorder(
          { subgraph: name, requestId, principal, purpose, operationName, documentHash, clientAddress, policyVersion: options.policyVersion },
          () => options.clock.now(),
        ),
      };
      return options.createContext(base);
    },
  }) as unknown as SubgraphServer;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function refuse(message: string, status = 401): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST' } }] }), {
    status,
    headers: JSON_HEADERS,
  });
}

/** The W3C trace id the gateway sent (`traceparent`), for log correlation across processes. */
function traceIdOf(request: Request): string | undefined {
  return /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(request.headers.get('traceparent') ?? '')?.[1];
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
