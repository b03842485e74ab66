import { launchBrowser, openPage } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Nothing the hub serves comes from the internet (issue 16, point 6): the GraphiQL page and every
 * file it references come from the hub itself, so it works on an intranet without internet.
 */
describe('GraphiQL served from the hub alone', () => {
  let hub: TestHub;
  beforeAll(async () => {
    // Development, as `npm start` runs: GraphiQL comes pre-filled with the dispatcher's token.
    hub = await startTestHub({ env: { NODE_ENV: 'development' } });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const page = async () => {
    const response = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    return response.text();
  };

  it('the page names no external host, and every file it references is served by the hub', async () => {
    const html = await page();
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"|'(\/graphiql\/[^']+)'/g)].map((m) => m[1] ?? m[2]!);
    expect(new Set(referenced)).toEqual(
      new Set(['/graphiql/favicon.ico', '/graphiql/graphiql.css', '/graphiql/graphiql.js', '/graphiql/editor.worker.js', '/graphiql/json.worker.js', '/graphiql/graphql.worker.js']),
    );
    for (const path of referenced) {
      const response = await fetch(`${hub.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const body = await response.arrayBuffer();
      expect(body.byteLength).toBeGreaterThan(1_000);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      // Styles bring their fonts and images inline (data: URLs), never from a host.
      if (path.endsWith('.css')) expect(new TextDecoder().decode(body)).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
    }
  });

  it('a file is revalidated by its ETag (304), and a name that is not an asset is 404 — no path is read from disk', async () => {
    const first = await fetch(`${hub.url}/graphiql/graphiql.css`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await fetch(`${hub.url}/graphiql/graphiql.css`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${hub.url}/graphiql/../package.json`)).status).toBe(404);
    expect((await fetch(`${hub.url}/graphiql/%2e%2e%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${hub.url}/graphiql/graphiql.js`, { method: 'POST' })).status).toBe(404);
  });

  it('in a real browser that may reach nothing but the hub, GraphiQL loads, runs the first query and shows cases', async () => {
    const browser = await launchBrowser();
    try {
      const { page, offsite, problems, close } = await openPage(browser.browser, { allowedOrigins: [new URL(hub.url).origin] });
      await page.goto(`${hub.url}/graphql`);
      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response');
      await response.getByText('12345-141100-').first().waitFor();
      expect(await response.innerText()).not.toContain('"errors"');
      expect(offsite).toEqual([]);
      expect(problems.filter((p) => !/favicon/.test(p))).toEqual([]);
      await close();
    } finally {
      await browser.stop();
    }
  }, 120_000);

  it('the development token reaches the page as data: no value can close the script element', async () => {
    const html = await page();
    const inline = html.slice(html.lastIndexOf('<script>'));
    expect(inline).toContain('"title":"hotline-hub"');
    expect((inline.match(/<\/script>/g) ?? []).length).toBe(1);
  });
});

describe('in production', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ production: true });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('neither GraphiQL nor its files are served', async () => {
    const html = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await html.text()).not.toContain('YogaGraphiQL');
    expect((await fetch(`${hub.url}/graphiql/graphiql.js`)).status).toBe(404);
  });
});
