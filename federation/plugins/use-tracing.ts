import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { formatTraceparent, parseTraceparent, type Span, type Tracer } from '../../src/platform/observability/tracing';
import { requestIdOf } from './use-identity';

/**
 * W3C trace context through the gateway (issue 9, point 8): a server span per request (continuing
 * a well-formed client `traceparent`, else a new trace), a client span per subgraph call, and
 * `traceparent` on every subgraph request so the subgraph's span and log lines join the trace.
 * The span carries the gateway's request id, which joins the trace to the access log.
 */
export function useTracing({ tracer, subgraphByUrl }: { tracer: Tracer; subgraphByUrl: ReadonlyMap<string, string> }): GatewayPlugin {
  const spans = new WeakMap<Request, Span>();
  return {
    onRequest({ request, url }) {
      spans.set(request, tracer.startSpan(`${request.method} ${url.pathname}`, 'server', parseTraceparent(request.headers.get('traceparent')), { 'http.method': request.method, 'url.path': url.pathname }));
    },
    onFetch({ url, options, setOptions, context, fetchFn, setFetchFn }) {
      const subgraph = subgraphByUrl.get(url);
      const parent = (context as { request?: Request }).request ? spans.get((context as { request: Request }).request) : undefined;
      if (!subgraph || !parent) return;
      const span = tracer.startSpan(`subgraph ${subgraph}`, 'client', parent, { 'hub.subgraph': subgraph });
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), traceparent: formatTraceparent(span) } });
      setFetchFn(async (...args) => {
        try {
          const response = await fetchFn(...args);
          span.setAttribute('http.status_code', response.status);
          span.end(response.status >= 400);
          return response;
        } catch (error) {
          span.end(true);
          throw error;
        }
      });
    },
    onResponse({ request, response }) {
      const span = spans.get(request);
      if (!span) return;
      const requestId = requestIdOf(request);
      if (requestId) span.setAttribute('hub.request_id', requestId);
      span.setAttribute('http.status_code', response.status);
      span.end(response.status >= 500);
    },
  };
}
