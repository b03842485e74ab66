import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';
import { metricsResponse, type Registry } from '../../src/platform/observability/metrics';
import type { GatewayMetrics } from '../metrics';
import { trustedDocumentOf } from './use-trusted-documents';

export type UseMetricsOptions = {
  registry: Registry;
  metrics: GatewayMetrics;
  graphqlEndpoint: string;
  subgraphByUrl: ReadonlyMap<string, string>;
  /** Serve GET /metrics (off: the numbers are still kept, e.g. for the tests). */
  serve: boolean;
};

/**
 * Prometheus instrumentation of the gateway (issue 9, point 8) and `GET /metrics`: requests by
 * status, operation latency by trusted operation name, and each subgraph call's latency and
 * in-flight count. Errors by code are counted where they are decided (use-error-policy.ts).
 */
export function useMetrics({ registry, metrics, graphqlEndpoint, subgraphByUrl, serve }: UseMetricsOptions): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (serve && url.pathname === '/metrics' && request.method === 'GET') endResponse(await metricsResponse(registry));
    },
    onResponse({ request, response }) {
      const route = new URL(request.url, 'http://gateway').pathname === graphqlEndpoint ? 'graphql' : 'other';
      metrics.requests.inc({ route, status: String(response.status) });
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'unknown';
      if (type === 'subscription') return undefined;
      const name = trustedDocumentOf(args.contextValue as object) ?? 'ad_hoc';
      const stop = metrics.operations.startTimer({ operation: name, type });
      return {
        onExecuteDone() {
          stop();
        },
      };
    },
    onFetch({ url, fetchFn, setFetchFn }) {
      const subgraph = subgraphByUrl.get(url);
      if (!subgraph) return;
      setFetchFn(async (...args) => {
        metrics.subgraphRequests.inc({ subgraph });
        metrics.subgraphInFlight.inc({ subgraph });
        const stop = metrics.subgraphDuration.startTimer({ subgraph });
        try {
          return await fetchFn(...args);
        } finally {
          stop();
          metrics.subgraphInFlight.dec({ subgraph });
        }
      });
    },
  };
}
