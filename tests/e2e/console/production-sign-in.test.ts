import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type ConsolePage } from '../../support/browser';
import { startTestHub, type TestHub } from '../../support/hub';
import { startOidcSimulator, type OidcSimulator } from '../../support/oidc-simulator';
import { as } from '../../support/principals';
import { consoleReady, screenshot } from './support';

/**
 * The console as deployed: NODE_ENV=production, people sign in through the identity provider
 * (OIDC authorization code with PKCE, against a simulator over real HTTP whose tokens the hub
 * verifies through JWKS_URL), the token stays in memory, and every request is a trusted document.
 */
describe('the console in production: OIDC sign-in with PKCE, trusted documents only', () => {
  let hub: TestHub;
  let idp: OidcSimulator;
  let browser: Browser;
  let stopBrowser: () => Promise<void>;
  let p: ConsolePage;

  beforeAll(async () => {
    await consoleReady();
    let clock: TestHub['clock'] | undefined;
    idp = await startOidcSimulator({ clientId: 'hotline-console', user: as.AUDITOR, audience: 'hotline-hub', now: () => clock?.now() ?? new Date() });
    hub = await startTestHub({
      production: true,
      env: { JWKS_URL: idp.jwksUrl, JWT_ISSUER: idp.issuer, CONSOLE_OIDC_ISSUER: idp.issuer, CONSOLE_OIDC_CLIENT_ID: 'hotline-console' },
    });
    clock = hub.clock;
    const launched = await launchBrowser();
    browser = launched.browser;
    stopBrowser = launched.stop;
    p = await openPage(browser, { allowedOrigins: [new URL(hub.url).origin, idp.issuer], now: new Date(hub.clock.now().getTime() + 60_000) });
  }, 180_000);
  afterAll(async () => {
    await p?.close().catch(() => undefined);
    await stopBrowser?.();
    await hub?.stop();
    await idp?.stop();
  });

  it('signs an auditor in through the identity provider, keeps the token in memory, and sends only trusted documents', async () => {
    const { page } = p;
    const bodies: string[] = [];
    const tokens = new Set<string>();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/graphql') return;
      bodies.push(request.postData() ?? '');
      tokens.add(request.headers().authorization ?? '');
    });

    await page.goto(`${hub.url}/console/#/audit/chain`);
    // Production offers the identity provider only: no pasted tokens.
    const signIn = page.getByRole('button', { name: '通过统一身份认证登录' });
    await signIn.waitFor();
    await expect(page.locator('#token').count()).resolves.toBe(0);
    await screenshot(page, 'sign-in-production');
    await signIn.click();
    await expect(page.getByTestId('signed-in').textContent()).resolves.toContain('陈静');

    // The flow was the authorization code with PKCE (S256), to the console's own address, exchanged once.
    expect(idp.authorizations).toHaveLength(1);
    expect(idp.authorizations[0]).toMatchObject({ clientId: 'hotline-console', redirectUri: `${hub.url}/console/`, method: 'S256', scope: 'openid' });
    expect(idp.authorizations[0]!.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(idp.authorizations[0]!.state.length).toBeGreaterThanOrEqual(20);
    expect(idp.exchanges).toEqual([{ ok: true }]);
    // The code left the address bar; the page went back to where the person was going.
    expect(page.url()).not.toMatch(/[?&](code|state)=/);
    expect(page.url()).toContain('#/audit/chain');

    await page.getByRole('button', { name: '校验' }).click();
    await expect(page.getByTestId('chain-result').getAttribute('data-ok')).resolves.toBe('true');

    // Every request was a trusted document by id, never a query text.
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of bodies) {
      const parsed = JSON.parse(body) as { documentId?: string; query?: string };
      expect(parsed.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(parsed.query).toBeUndefined();
    }
    // The identity provider's token works for trusted documents only, like any client's in production.
    const [bearer] = [...tokens];
    expect(bearer).toMatch(/^Bearer ey/);
    const adHoc = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer!, 'x-purpose': 'AUDIT' },
      body: JSON.stringify({ query: '{ verifyAuditChain { ok } }' }),
    });
    expect(adHoc.status).toBe(403);

    // Nothing of the token in storage; a reload signs the person out.
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
    expect(stored).not.toContain(bearer!.slice('Bearer '.length, 'Bearer '.length + 40));
    expect(stored).not.toContain('verifier');
    await page.reload();
    await page.getByRole('button', { name: '通过统一身份认证登录' }).waitFor();
    await expect(page.getByTestId('signed-in').count()).resolves.toBe(0);
    expect(p.offsite).toEqual([]);
    expect(p.problems).toEqual([]);
  }, 180_000);

  it('the identity provider it is tested against refuses a code without the right verifier, and a code used twice', async () => {
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'; // S256 of RFC 7636's example verifier
    const authorize = async () => {
      const url = new URL(`${idp.issuer}/authorize`);
      url.search = new URLSearchParams({ response_type: 'code', client_id: 'hotline-console', redirect_uri: `${hub.url}/console/`, scope: 'openid', state: 's', code_challenge: challenge, code_challenge_method: 'S256' }).toString();
      const response = await fetch(url, { redirect: 'manual' });
      return new URL(response.headers.get('location')!).searchParams.get('code')!;
    };
    const exchange = (code: string, verifier: string) =>
      fetch(`${idp.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${hub.url}/console/`, client_id: 'hotline-console', code_verifier: verifier }),
      });
    expect((await exchange(await authorize(), 'not-the-verifier-not-the-verifier-not-the-ver')).status).toBe(400);
    const code = await authorize();
    expect((await exchange(code, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).status).toBe(200);
    expect((await exchange(code, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).status).toBe(400);
  });
});
