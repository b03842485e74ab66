import type { GatewayConfig, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Executor } from '@graphql-tools/utils';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { GatewaySettings } from '../../src/platform/config';
import type { Logger } from '../../src/platform/logging';
import type { GatewayMetrics } from '../metrics';
import { identityOf } from './use-identity';

type Upstream = GatewaySettings['upstream'];

/**
 * The runtime's own timeout and retry plugins, configured for the hub (issue 9, point 6):
 * - every query or mutation to a subgraph has a timeout (per subgraph, else the default);
 *   subscriptions are long-lived streams and have none;
 * - only queries are retried. The runtime's `upstreamRetry` would retry mutations too (docs/stack.md):
 *   a mutation that reached the subgraph but whose answer was lost must not run twice. A retry is a
 *   new HTTP request with a new assertion (useIdentity mints one per fetch).
 */
export function upstreamRuntimeOptions(upstream: Upstream): Pick<GatewayConfig, 'upstreamTimeout' | 'upstreamRetry'> {
  return {
    upstreamTimeout: ({ subgraphName, executionRequest }) =>
      executionRequest?.operationType === 'subscription' ? undefined : ((subgraphName ? upstream.timeouts[subgraphName] : undefined) ?? upstream.timeoutMs),
    upstreamRetry: ({ executionRequest }) =>
      executionRequest.operationType === 'query' && upstream.retries > 0 ? { maxRetries: upstream.retries, retryDelay: upstream.retryDelayMs, retryDelayFactor: 2 } : undefined,
  };
}

/** Codes the HTTP transport and the timeout plugin give their own errors (never a subgraph's). */
const TRANSPORT_CODES = new Set(['GATEWAY_TIMEOUT', 'TIMEOUT_ERROR', 'RESPONSE_VALIDATION_FAILED', 'DOWNSTREAM_SERVICE_ERROR']);

function isTransportError(error: GraphQLError): boolean {
  const extensions = error.extensions ?? {};
  return extensions.request !== undefined || extensions.response !== undefined || TRANSPORT_CODES.has(String(extensions.code));
}

/**
 * A subgraph that is down, slow, or answering something other than GraphQL becomes one clear error,
 * `UPSTREAM_UNAVAILABLE` naming the subgraph, on the paths that subgraph would have filled; the
 * rest of the result is returned (a partial result, not a hung or failed request). What went wrong
 * (connection refused, timeout, HTTP status, the transport's message with host names) stays in the
 * server log: it travels as the error's originalError, which clients never see. This wraps the
 * runtime's retry and timeout, so it sees the outcome of the last attempt.
 */
export function useUpstreamResilience({ log, metrics }: { log: Logger; metrics: GatewayMetrics }): GatewayPlugin {
  const statuses = new WeakMap<object, number>();
  return {
    onFetch({ executionRequest }) {
      if (!executionRequest) return undefined;
      return ({ response }) => {
        statuses.set(executionRequest, response.status);
      };
    },
    onSubgraphExecute({ subgraphName, executor, setExecutor }) {
      const unavailable = (executionRequest: { context?: object }, reason: string, cause?: unknown): ExecutionResult => {
        metrics.subgraphFailures.inc({ subgraph: subgraphName, reason: reason.split(':')[0]! });
        const identity = executionRequest.context ? identityOf(executionRequest.context) : undefined;
        log.debug({ subgraph: subgraphName, reason, requestId: identity?.requestId }, 'subgraph unavailable');
        const originalError = cause instanceof Error ? cause : new Error(`${subgraphName}: ${reason}`);
        return {
          data: null,
          errors: [new GraphQLError(`the ${subgraphName} service is unavailable; try again later`, { originalError, extensions: { code: 'UPSTREAM_UNAVAILABLE', subgraph: subgraphName } })],
        };
      };
      const resilient = async (executionRequest: Parameters<Executor>[0]) => {
        let result;
        try {
          result = await executor(executionRequest);
        } catch (error) {
          return unavailable(executionRequest, error instanceof GraphQLError && error.extensions?.code === 'GATEWAY_TIMEOUT' ? 'timeout' : 'error', error);
        }
        if (isAsyncIterable(result)) return result;
        const status = statuses.get(executionRequest);
        statuses.delete(executionRequest);
        if (status !== undefined && (status < 200 || status > 299)) return unavailable(executionRequest, `http_${status}`, new Error(`${subgraphName} answered HTTP ${status}: ${JSON.stringify(result.errors?.map((e) => e.message) ?? [])}`));
        const transport = result.errors?.find(isTransportError);
        if (transport) return unavailable(executionRequest, transport.extensions?.code === 'TIMEOUT_ERROR' ? 'timeout' : 'transport', transport.originalError ?? transport);
        return result;
      };
      setExecutor(resilient as Executor);
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
