import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { GatewayMetrics } from '../metrics';

/**
 * Request bodies above `maxBytes` are refused (413) before they are parsed (issue 9, point 3):
 * by Content-Length when it is sent, and while streaming when it is not (chunked bodies).
 * yoga has the same guard at 25 MB; the hub's requests are a few kilobytes.
 */
export function useBodyLimit({ maxBytes, metrics }: { maxBytes: number; metrics: GatewayMetrics }): GatewayPlugin {
  const tooLarge = () => {
    metrics.refusals.inc({ reason: 'body_size' });
    // The rest of the body is never read: the connection closes after the answer.
    return new GraphQLError('the request body is too large', { extensions: { code: 'BAD_USER_INPUT', http: { status: 413, headers: { connection: 'close' } } } });
  };
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      const length = request.headers.get('content-length');
      if (length !== null && (!/^\d+$/.test(length) || Number(length) > maxBytes)) throw tooLarge();
      // With a Content-Length within the limit, the HTTP server delivers no more than that many
      // bytes: only a chunked body needs counting. (Wrapping every body in a stream cost ~3 % of the
      // gateway's CPU; issue 7.)
      if (length !== null || !requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((original) => {
        let read = 0;
        const limited = original.body!.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > maxBytes) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        return parse(new Request(original.url, { method: original.method, headers: original.headers, body: limited, signal: original.signal, duplex: 'half' } as RequestInit));
      });
    },
  };
}
