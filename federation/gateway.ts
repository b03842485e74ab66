import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { CryptoKey } from 'jose';
import { maskError } from '../src/platform/graphql/mask-error';
import type { TokenVerifier } from '../src/platform/identity/tokens';
import type { Logger } from '../src/platform/logging';
import { composeSupergraph, type SubgraphDefinition } from './compose';
import { useIdentity } from './plugins/use-identity';
import { useInProcessSubgraphs, type InProcessHandler } from './plugins/use-in-process-subgraphs';
import { useReadiness } from './plugins/use-readiness';

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
};

export type HubGateway = GatewayRuntime<Record<string, unknown>>;

/** The hub's gateway: the Hive gateway runtime over the composed supergraph, with the hub's plugins. */
export function createHubGateway(options: HubGatewayOptions): HubGateway {
  const { log, production } = options;
  const { supergraphSdl: supergraph } = composeSupergraph(options.subgraphs);
  const subgraphByUrl = new Map(options.subgraphs.map((s) => [s.url, s.name]));
  return createGatewayRuntime({
    supergraph,
    transports: { http: httpTransport },
    transportEntries: {
      '*.http': {
        // Never merge in-flight subgraph requests: two principals' requests must never share a
        // response (STACK.md). Each request also carries its own assertion, so none look alike.
        options: { deduplicateInflightRequests: false },
      },
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    // The runtime's own check (supergraph loaded); GET /readyz is useReadiness below.
    readinessCheckEndpoint: '/readyz/supergraph',
    landingPage: false,
    graphiql: production ? false : { title: 'hotline-hub', headers: options.graphiqlToken ? JSON.stringify({ Authorization: `Bearer ${options.graphiqlToken}` }) : undefined },
    // Minted by useIdentity; the runtime's own plugin would trust a client-sent x-request-id.
    requestId: false,
    logging: production ? 'error' : 'warn',
    maskedErrors: { maskError: (error, message) => maskError(error, message, log) },
    plugins: () => [
      useIdentity({
        verifyToken: options.verifyToken,
        assertionKey: options.assertionKey,
        assertionTtlSeconds: options.assertionTtlSeconds,
        subgraphByUrl,
        log,
        now: options.now,
      }),
      useInProcessSubgraphs(options.inProcess ?? new Map()),
      useReadiness(
        options.subgraphs.map((s) => ({
          name: s.name,
          check: async () => {
            const readyUrl = s.url.replace(/\/graphql$/, '/readyz');
            const handler = options.inProcess?.get(s.url);
            const response = handler ? await handler(readyUrl, { method: 'GET' }) : await fetch(readyUrl);
            if (!response.ok) throw new Error(`${s.name} not ready`);
          },
        })),
      ),
    ],
  });
}
