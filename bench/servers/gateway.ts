/**
 * Scenarios B, B′ and C: a gateway with none of the hub's plugins, over the plain subgraphs
 * (bench/servers/plain-subgraph.ts), each in its own process.
 *   hive       — the Hive gateway runtime as configured out of the box, in-flight merging OFF (B)
 *   hive-rust  — the same with the Rust query planner, @graphql-hive/router-runtime (B′)
 *   apollo     — @apollo/gateway + @apollo/server (C)
 *
 *   node --import tsx bench/servers/gateway.ts <hive|hive-rust|apollo>   (SUBGRAPH_URLS, PORT)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exchangeSchema } from '../../connectors/exchange/graphql';
import { composeSupergraph, subgraphSdl } from '../../federation/compose';
import { hotlineSchema } from '../../src/hotline/graphql';

const kind = process.argv[2];
const urls = Object.fromEntries((process.env.SUBGRAPH_URLS ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
if (!['hive', 'hive-rust', 'apollo'].includes(kind ?? '') || !urls.hotline || !urls.exchange) {
  console.error('usage: SUBGRAPH_URLS=hotline=…,exchange=… PORT=… gateway.ts hive|hive-rust|apollo');
  process.exit(2);
}

const { supergraphSdl } = composeSupergraph([
  { name: 'hotline', url: urls.hotline, sdl: subgraphSdl(hotlineSchema()) },
  { name: 'exchange', url: urls.exchange, sdl: subgraphSdl(exchangeSchema()) },
]);
const port = Number(process.env.PORT ?? 0);

function ready(server: http.Server): void {
  console.log(`bench server ready on ${(server.address() as AddressInfo).port}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function startHive(rust: boolean): Promise<void> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
  const httpTransport = (await import('@graphql-mesh/transport-http')).default;
  const router = rust ? await import('@graphql-hive/router-runtime') : undefined;
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    transports: { http: httpTransport },
    // Personalised traffic: identical in-flight subgraph requests must not be merged (docs/stack.md).
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    ...(router ? { unifiedGraphHandler: router.unifiedGraphHandler } : {}),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: 'error',
  });
  const server = http.createServer(gateway as unknown as http.RequestListener);
  server.listen(port, '127.0.0.1', () => ready(server));
}

async function startApollo(): Promise<void> {
  const { ApolloGateway } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const gateway = new ApolloGateway({ supergraphSdl, logger: { debug() {}, info() {}, warn: console.warn, error: console.error } });
  const server = new ApolloServer({ gateway, introspection: false });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  console.log(`bench server ready on ${new URL(url).port}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void (kind === 'apollo' ? startApollo() : startHive(kind === 'hive-rust')).catch((error) => {
  console.error(error);
  process.exit(1);
});
