import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, metric } from '../src/platform/observability/metrics';

/** The gateway's instruments, registered on the process registry `startHub` created. */
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

export function createGatewayMetrics(registry: Registry) {
  return {
    requests: metric(registry, 'hub_gateway_requests_total', (registers) =>
      new Counter({ name: 'hub_gateway_requests_total', help: 'HTTP requests to the gateway by route and status', labelNames: ['route', 'status'], registers }),
    ),
    operations: metric(registry, 'hub_graphql_operation_duration_seconds', (registers) =>
      new Histogram({
        name: 'hub_graphql_operation_duration_seconds',
        help: 'Execution time of GraphQL operations by operation (trusted document name, else ad_hoc) and type',
        labelNames: ['operation', 'type'],
        buckets: LATENCY_BUCKETS,
        registers,
      }),
    ),
    errors: metric(registry, 'hub_graphql_errors_total', (registers) =>
      new Counter({ name: 'hub_graphql_errors_total', help: 'GraphQL errors returned to clients by API code', labelNames: ['code'], registers }),
    ),
    refusals: metric(registry, 'hub_gateway_refusals_total', (registers) =>
      new Counter({ name: 'hub_gateway_refusals_total', help: 'Requests refused before any subgraph was called, by reason', labelNames: ['reason'], registers }),
    ),
    subgraphRequests: metric(registry, 'hub_subgraph_requests_total', (registers) =>
      new Counter({ name: 'hub_subgraph_requests_total', help: 'Requests (attempts, retries included) from the gateway to subgraphs', labelNames: ['subgraph'], registers }),
    ),
    subgraphFailures: metric(registry, 'hub_subgraph_failures_total', (registers) =>
      new Counter({ name: 'hub_subgraph_failures_total', help: 'Subgraph calls answered UPSTREAM_UNAVAILABLE, by reason', labelNames: ['subgraph', 'reason'], registers }),
    ),
    subgraphDuration: metric(registry, 'hub_subgraph_request_duration_seconds', (registers) =>
      new Histogram({ name: 'hub_subgraph_request_duration_seconds', help: 'Latency of gateway-to-subgraph requests', labelNames: ['subgraph'], buckets: LATENCY_BUCKETS, registers }),
    ),
    subgraphInFlight: metric(registry, 'hub_subgraph_requests_in_flight', (registers) =>
      new Gauge({ name: 'hub_subgraph_requests_in_flight', help: 'Gateway-to-subgraph requests awaiting their response headers', labelNames: ['subgraph'], registers }),
    ),
    rateLimited: metric(registry, 'hub_rate_limited_total', (registers) =>
      new Counter({ name: 'hub_rate_limited_total', help: 'Operations refused RATE_LIMITED, by the budget that ran out', labelNames: ['scope'], registers }),
    ),
  };
}
