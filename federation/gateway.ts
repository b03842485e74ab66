import { createGatewayRuntime, Logger as RuntimeLogger, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { buildSchema } from 'graphql';
import type { CryptoKey } from 'jose';
import type { ConsoleSettings, GatewaySettings } from '../src/platform/config';
import type { TokenVerifier } from '../src/platform/identity/tokens';
import type { Logger } from '../src/platform/logging';
import type { Registry } from '../src/platform/observability/metrics';
import type { Tracer } from '../src/platform/observability/tracing';
import { composeSupergraph, type SubgraphDefinition } from './compose';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAssets, renderGraphiqlPage } from './graphiql';
import { createGatewayMetrics } from './metrics';
import { useBodyLimit } from './plugins/use-body-limit';
import { useConsole } from './plugins/use-console';
import { useCsrf } from './plugins/use-csrf';
import { useErrorPolicy } from './plugins/use-error-policy';
import { useIdentity } from './plugins/use-identity';
import { useInProcessSubgraphs, type InProcessHandler } from './plugins/use-in-process-subgraphs';
import { useMetrics } from './plugins/use-metrics';
import { useOperationLimits } from './plugins/use-operation-limits';
import { useRateLimit } from './plugins/use-rate-limit';
import { useReadiness } from './plugins/use-readiness';
import { useRequestDeadline } from './plugins/use-request-deadline';
import { useSchemaPrivacy } from './plugins/use-schema-privacy';
import { useStaticAssets } from './plugins/use-static-assets';
import { useTracing } from './plugins/use-tracing';
import { useTrustedDocuments } from './plugins/use-trusted-documents';
import { upstreamRuntimeOptions, useUpstreamResilience } from './plugins/use-upstream-resilience';
import type { RateLimitStore } from './rate-limit/store';
import { verifyTrustedDocuments, type TrustedDocuments } from './trusted-documents';

export type HubGatewayOptions = {
  subgraphs: SubgraphDefinition[];
  /** Subgraphs served by this process, by URL. */
  inProcess?: ReadonlyMap<string, InProcessHandler>;
  verifyToken: TokenVerifier;
  assertionKey: CryptoKey;
  assertionTtlSeconds: number;
  log: Logger;
  now: () => Date;
  production: boolean;
  /** Development only: a token GraphiQL sends by default, so the first query just works. */
  graphiqlToken?: string;
  settings: GatewaySettings;
  trustedDocuments: TrustedDocuments;
  /** The shared rate-limit counters; undefined when RATE_LIMITS=off. */
  rateLimits?: RateLimitStore;
  /** The process's metrics registry (startHub creates it); GET /metrics serves it when `serveMetrics`. */
  registry: Registry;
  serveMetrics: boolean;
  tracer: Tracer;
  /** The web console at /console (served when enabled). */
  console?: ConsoleSettings;
};

export type HubGateway = GatewayRuntime<Record<string, unknown>>;

const GRAPHQL_ENDPOINT = '/graphql';

/**
 * The hub's gateway: the Hive gateway runtime over the composed supergraph, with the hub's plugins.
 * The order of the plugins is the order of the checks (docs/design.md decision 1: the gateway
 * authenticates and applies coarse limits; the subgraphs are authoritative for rows and fields):
 *   HTTP   CSRF and content type → body size
 *   who    token → request id → purpose                          (useIdentity)
 *   what   trusted documents → tokens → depth, aliases, directives, root fields, pages, cost
 *          → introspection → graphql-js validation               (useTrustedDocuments, useOperationLimits, useSchemaPrivacy)
 *   budget rate limits per principal and partner                 (useRateLimit)
 *   then   the plan executes: signed assertion per subgraph call, per-subgraph timeouts, retries of
 *          queries only, UPSTREAM_UNAVAILABLE for a subgraph that is down, a deadline for the whole
 *   out    error masking and codes, one log line per error, metrics, traces.
 * Everything above "then" happens before any subgraph is called.
 */
export function createHubGateway(options: HubGatewayOptions): HubGateway {
  const { log, production, settings, registry } = options;
  const { supergraphSdl: supergraph, publicSdl } = composeSupergraph(options.subgraphs);
  const problems = verifyTrustedDocuments(options.trustedDocuments, buildSchema(publicSdl), settings.limits);
  if (problems.length > 0) throw new Error(`trusted documents do not fit the schema or the limits:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const subgraphByUrl = new Map(options.subgraphs.map((s) => [s.url, s.name]));
  const metrics = createGatewayMetrics(registry);
  // The Rust query planner (issue 7's evaluation): a devDependency, loaded only when asked for.
  const rustPlanner = settings.queryPlanner === 'rust' ? (require('@graphql-hive/router-runtime') as typeof import('@graphql-hive/router-runtime')) : undefined;
  return createGatewayRuntime({
    supergraph,
    ...(rustPlanner ? { unifiedGraphHandler: rustPlanner.unifiedGraphHandler } : {}),
    transports: { http: httpTransport },
    transportEntries: {
      '*.http': {
        // Never merge in-flight subgraph requests: two principals' requests must never share a
        // response (docs/stack.md). Each request also carries its own assertion, so none look alike.
        // Always POST, subscriptions (SSE) included: the assertion is bound to the request body,
        // and the subgraphs refuse a GET, which has none.
        options: { deduplicateInflightRequests: false, method: 'POST' },
      },
    },
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/healthz',
    // The runtime's own check (supergraph loaded); GET /readyz is useReadiness below.
    readinessCheckEndpoint: '/readyz/supergraph',
    landingPage: false,
    graphiql: production ? false : { title: 'hotline-hub', headers: options.graphiqlToken ? JSON.stringify({ Authorization: `Bearer ${options.graphiqlToken}` }) : undefined },
    // Served from the hub's own copy of GraphiQL (npm), never from a CDN.
    renderGraphiQL: (graphiqlOptions) => renderGraphiqlPage({ ...graphiqlOptions }),
    // One operation per request: a batch would multiply every limit below by its length.
    batching: false,
    // Minted by useIdentity; the runtime's own plugin would trust a client-sent x-request-id.
    requestId: false,
    // Subgraph errors keep their own codes; the runtime would add DOWNSTREAM_SERVICE_ERROR and the
    // internal service name. Unavailable subgraphs are reported by useUpstreamResilience.
    subgraphErrors: false,
    // The runtime's own log lines go to the hub's structured log.
    logging: new RuntimeLogger({
      level: production ? 'error' : 'warn',
      writers: [{ write: (level, attrs, msg) => log[level]({ ...attrs, source: 'gateway-runtime' }, msg ?? '') }],
    }),
    // Errors are masked, coded and logged in one place, useErrorPolicy, with the request id;
    // yoga's masking would log a second, anonymous line for each masked error.
    maskedErrors: false,
    ...upstreamRuntimeOptions(settings.upstream),
    plugins: () => [
      // Fetch wrappers first: the in-process transport replaces the fetch function, the metrics and
      // tracing plugins wrap whichever one is in place.
      useInProcessSubgraphs(options.inProcess ?? new Map()),
      ...(production ? [] : [useStaticAssets({ prefix: GRAPHIQL_ASSET_PREFIX, assets: graphiqlAssets })]),
      useMetrics({ registry, metrics, graphqlEndpoint: GRAPHQL_ENDPOINT, subgraphByUrl, serve: options.serveMetrics }),
      useTracing({ tracer: options.tracer, subgraphByUrl }),
      // First of the checks: it mints the request id every later refusal is logged and answered with.
      useIdentity({
        verifyToken: options.verifyToken,
        assertionKey: options.assertionKey,
        assertionTtlSeconds: options.assertionTtlSeconds,
        subgraphByUrl,
        log,
        now: options.now,
      }),
      useCsrf({ graphqlEndpoint: GRAPHQL_ENDPOINT, log, metrics }),
      useBodyLimit({ maxBytes: settings.maxBodyBytes, metrics }),
      useTrustedDocuments({ documents: options.trustedDocuments, required: settings.trustedDocuments.required, exemptRoles: settings.trustedDocuments.exemptRoles, log, metrics }),
      useOperationLimits({ limits: settings.limits, reveal: settings.revealLimits, log, metrics }),
      useSchemaPrivacy({ introspectionRoles: settings.introspectionRoles }),
      ...(options.rateLimits ? [useRateLimit({ store: options.rateLimits, settings: settings.rateLimits, now: options.now, log, metrics })] : []),
      useRequestDeadline({ timeoutMs: settings.requestTimeoutMs }),
      useUpstreamResilience({ log, metrics }),
      ...(options.console?.enabled ? [useConsole({ settings: options.console, production, log })] : []),
      useReadiness(
        options.subgraphs.map((s) => ({
          name: s.name,
          check: async () => {
            const readyUrl = s.url.replace(/\/graphql$/, '/readyz');
            const handler = options.inProcess?.get(s.url);
            const response = handler ? await handler(readyUrl, { method: 'GET' }) : await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
            if (!response.ok) throw new Error(`${s.name} not ready`);
            const body = (await response.json().catch(() => ({}))) as { warnings?: unknown };
            return Array.isArray(body.warnings) ? body.warnings.filter((w): w is string => typeof w === 'string').slice(0, 10) : undefined;
          },
        })),
      ),
      useErrorPolicy({ log, metrics }),
    ],
  });
}
