import type http from 'node:http';
import { GraphQLError, GraphQLSchema, parse, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../src/platform/logging';

/** What the gateway offers a bridged request: its WHATWG fetch entry point. */
export type FetchEntry = { fetch(input: string, init: RequestInit): Promise<Response> | Response };

type Bridged = { authorization?: string; purpose?: string; payload: { query?: string; operationName?: string | null; variables?: Record<string, unknown> | null; extensions?: Record<string, unknown> | null } };

// graphql-ws wants a schema in its execution arguments; the gateway's own is used through the bridge.
const UNUSED_SCHEMA = new GraphQLSchema({});
const SUBSCRIPTION_PLACEHOLDER = parse('subscription { __typename }');

/**
 * GraphQL over WebSocket (graphql-ws protocol) on the gateway's `/graphql` (docs/api.md: subscriptions
 * over SSE and graphql-ws on the same path). Each operation a socket subscribes to is bridged to the
 * gateway as an ordinary POST — SSE for subscriptions — so every check of the gateway applies to it
 * exactly as to HTTP: identity and purpose, trusted documents, limits, rate limits, the signed
 * assertion to the subgraphs, error masking. The token comes from the upgrade request's
 * `Authorization` header or, for browsers (which cannot set headers on a WebSocket), from the
 * `connection_init` payload: `{ "Authorization": "Bearer …", "X-Purpose": "TRANSFER" }`.
 */
export function enableGraphqlWs(server: http.Server, gateway: FetchEntry, { path = '/graphql', log }: { path?: string; log: Logger }): () => Promise<void> {
  const wss = new WebSocketServer({ server, path });
  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = payload.query ? parse(payload.query) : SUBSCRIPTION_PLACEHOLDER;
        } catch (error) {
          return [new GraphQLError(`the document does not parse: ${(error as Error).message}`, { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        const params = ctx.connectionParams ?? {};
        const header = (name: string) => {
          const fromInit = Object.entries(params).find(([k]) => k.toLowerCase() === name)?.[1];
          const fromUpgrade = ctx.extra.request.headers[name];
          return typeof fromInit === 'string' ? fromInit : typeof fromUpgrade === 'string' ? fromUpgrade : undefined;
        };
        const contextValue: Bridged = { authorization: header('authorization'), purpose: header('x-purpose'), payload };
        return { schema: UNUSED_SCHEMA, document, operationName: payload.operationName, variableValues: payload.variables, contextValue } satisfies ExecutionArgs;
      },
      execute: (args) => bridgeOnce(gateway, path, args.contextValue as Bridged),
      subscribe: (args) => bridgeStream(gateway, path, args.contextValue as Bridged, log),
    },
    wss,
  );
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

function request(path: string, bridged: Bridged, accept: string, signal?: AbortSignal): [string, RequestInit] {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept };
  if (bridged.authorization) headers.authorization = bridged.authorization;
  if (bridged.purpose) headers['x-purpose'] = bridged.purpose;
  return [`http://gateway.internal${path}`, { method: 'POST', headers, body: JSON.stringify(bridged.payload), signal }];
}

async function bridgeOnce(gateway: FetchEntry, path: string, bridged: Bridged): Promise<ExecutionResult> {
  const response = await gateway.fetch(...request(path, bridged, 'application/graphql-response+json'));
  return (await response.json()) as ExecutionResult;
}

async function* bridgeStream(gateway: FetchEntry, path: string, bridged: Bridged, log: Logger): AsyncGenerator<ExecutionResult> {
  const controller = new AbortController();
  try {
    const response = await gateway.fetch(...request(path, bridged, 'text/event-stream', controller.signal));
    if (!response.headers.get('content-type')?.includes('text/event-stream') || !response.body) {
      // Refused before streaming (unauthenticated, limits …): one result carrying the errors.
      yield (await response.json()) as ExecutionResult;
      return;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event:\s*(.*)$/m.exec(block)?.[1]?.trim();
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (event === 'complete') return;
        if (data) yield JSON.parse(data) as ExecutionResult;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) log.warn({ err: error }, 'graphql-ws bridge ended');
  } finally {
    controller.abort();
  }
}
