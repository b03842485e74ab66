import { createHash } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export type StaticAsset = { type: string; body: string | Uint8Array };

export type StaticAssetsOptions = {
  /** Where the assets are served, e.g. `/graphiql/` (a trailing slash; names are appended). */
  prefix: string;
  /** The assets by file name, made on first request (a bundle is read into memory only when asked for). */
  assets: () => Readonly<Record<string, StaticAsset>>;
};

type Prepared = { type: string; body: Uint8Array; etag: string };

/**
 * Serves files the hub itself holds — bundled from npm packages at build time, never fetched from
 * the internet (issue 16, point 6: on a government intranet a CDN is unreachable, and an asset
 * pulled from outside could change under the hub). GET and HEAD, an ETag per file (304 when the
 * browser has it), `nosniff`, and 404 for a name that is not one of the assets (no file system
 * path is ever built from the URL). Reusable by anything the gateway serves to a browser.
 */
export function useStaticAssets({ prefix, assets }: StaticAssetsOptions): GatewayPlugin {
  let prepared: Map<string, Prepared> | undefined;
  const load = () =>
    (prepared ??= new Map(
      Object.entries(assets()).map(([name, asset]) => {
        const body = typeof asset.body === 'string' ? new TextEncoder().encode(asset.body) : new Uint8Array(asset.body);
        return [name, { type: asset.type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` }];
      }),
    ));
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(prefix)) return;
      const asset = load().get(url.pathname.slice(prefix.length));
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) {
        endResponse(new fetchAPI.Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      const headers = { 'content-type': asset.type, etag: asset.etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
      if (request.headers.get('if-none-match') === asset.etag) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : (asset.body as Uint8Array<ArrayBuffer>), { status: 200, headers: { ...headers, 'content-length': String(asset.body.byteLength) } }));
    },
  };
}
