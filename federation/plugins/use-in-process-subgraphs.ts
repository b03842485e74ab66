import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** A subgraph served in this process: its WHATWG fetch handler (a yoga instance's `fetch`). */
export type InProcessHandler = (url: string, init: RequestInit) => Promise<Response> | Response;

/**
 * In the single-process `npm start`, subgraph requests skip the network: the same HTTP request
 * (same body, same signed assertion, same verification and policy in the subgraph) is handed to
 * the subgraph's fetch handler instead of a socket.
 */
export function useInProcessSubgraphs(handlers: ReadonlyMap<string, InProcessHandler>): GatewayPlugin {
  return {
    onFetch({ url, setFetchFn }) {
      const handler = handlers.get(url);
      if (handler) setFetchFn((input, init) => handler(String(input), init as RequestInit));
    },
  };
}
