import type { StaticAsset } from './plugins/use-static-assets';

/** Where GraphiQL's files are served by the gateway (outside production only). */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/';

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');

/** GraphiQL's script, styles, editor workers and icon, from the `@graphql-yoga/render-graphiql` package (loaded on first use: ~9 MB). */
export function graphiqlAssets(): Record<string, StaticAsset> {
  const bundle = require('@graphql-yoga/render-graphiql/graphiql') as Bundle;
  const js = 'application/javascript; charset=utf-8';
  return {
    'graphiql.js': { type: js, body: bundle.js },
    'graphiql.css': { type: 'text/css; charset=utf-8', body: bundle.css },
    'editor.worker.js': { type: js, body: bundle.editorWorkerService },
    'json.worker.js': { type: js, body: bundle.jsonWorker },
    'graphql.worker.js': { type: js, body: bundle.graphqlWorker },
    'favicon.ico': { type: 'image/x-icon', body: Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64') },
  };
}

const DEFAULT_QUERY = `# hotline-hub: the first query of the README. With the dispatcher's token (development) and
# the header X-Purpose: SUPERVISION, callers' names and phones are clear; without it, masked.
{
  cases(first: 5) {
    edges { node { number title status caller { name phone } leadUnit { name } transfers { partner status } } }
  }
}
`;

/**
 * The GraphiQL page: a shell that loads every file from the hub itself (`/graphiql/…`), never from
 * a CDN — the runtime's default page pulls its scripts from the internet and stays blank on an
 * intranet. The options (endpoint, title, the development token) are inlined as JSON with `<`
 * escaped, so no value can close the script element.
 */
export function renderGraphiqlPage(runtimeOptions: Record<string, unknown>): string {
  const p = GRAPHIQL_ASSET_PREFIX;
  // The runtime's logo is inline SVG naming XML namespaces by URL, and its favicon a data URL:
  // the hub's page carries neither (its icon is /graphiql/favicon.ico).
  const { logo: _logo, favicon: _favicon, ...options }: Record<string, unknown> = { ...runtimeOptions, defaultQuery: DEFAULT_QUERY };
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  const title = String(options.title ?? 'GraphiQL').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${p}favicon.ico" />
    <link rel="stylesheet" href="${p}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: function (_moduleId, label) {
          return { editorWorkerService: '${p}editor.worker.js', json: '${p}json.worker.js', graphql: '${p}graphql.worker.js' }[label];
        },
      };
    </script>
    <script src="${p}graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${json});
    </script>
  </body>
</html>
`;
}
