import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '../../src/platform/logging';
import type { GatewayMetrics } from '../metrics';
import { requestIdOf } from './use-identity';

export type UseCsrfOptions = {
  graphqlEndpoint: string;
  log: Logger;
  metrics: GatewayMetrics;
  /**
   * Headers a browser only sends cross-site after a CORS preflight; one of them marks a request as
   * preflighted. Every real client sends `authorization` anyway.
   */
  preflightHeaders?: readonly string[];
};

/** Content types a browser form (or `fetch` without preflight) may send to another site. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * CSRF and content-type hygiene on the GraphQL endpoint (issue 9, point 3), before anything is read:
 * - a "simple" request (no content type, or a form/text one) without a preflight header is refused
 *   (403): another site could have made a browser send it;
 * - a POST must be `application/json`: the form, multipart and text parsers of yoga are never used.
 * Mutations over GET are refused by yoga itself (405, after parsing, still before any subgraph).
 */
export function useCsrf({ graphqlEndpoint, log, metrics, preflightHeaders = ['authorization', 'x-purpose', 'x-graphql-csrf', 'graphql-preflight'] }: UseCsrfOptions): GatewayPlugin {
  const refuse = (request: Request, status: number, code: string, reason: string, message: string) => {
    metrics.refusals.inc({ reason });
    log.info({ requestId: requestIdOf(request), reason, status, method: request.method }, 'request refused');
    return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...(status === 415 ? { accept: 'application/json' } : {}) },
    });
  };
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== graphqlEndpoint || request.method === 'OPTIONS') return;
      const contentType = request.headers.get('content-type')?.toLowerCase();
      const simple = !contentType || SIMPLE_CONTENT_TYPES.some((t) => contentType.startsWith(t));
      if (simple && !preflightHeaders.some((h) => request.headers.has(h))) {
        endResponse(refuse(request, 403, 'FORBIDDEN', 'csrf', 'this request could have been sent by another site: send application/json with an Authorization header'));
        return;
      }
      if (request.method === 'POST' && !/^application\/json(\s*;|$)/.test(contentType ?? '')) {
        endResponse(refuse(request, 415, 'BAD_USER_INPUT', 'content_type', 'send GraphQL requests as application/json'));
      }
    },
  };
}
