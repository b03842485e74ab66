import fs from 'node:fs';
import path from 'node:path';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ConsoleSettings } from '../../src/platform/config';
import type { Logger } from '../../src/platform/logging';
import { createStaticAssets } from '../static-assets';

export type UseConsoleOptions = {
  settings: ConsoleSettings;
  production: boolean;
  log: Logger;
  path?: string;
};

/**
 * The web console for auditors and managers (issue 20) at /console, beside /graphql on the same
 * origin: the same tokens and the same CSRF rules, because it is only a client of /graphql.
 * Every asset comes from the hub (the built folder); the page may talk to the hub and, for its
 * sign-in, to the identity provider — nothing else (Content-Security-Policy).
 * `config.json` tells the page how people sign in: a pasted token outside production, the identity
 * provider's OIDC login (authorization code with PKCE) when configured.
 */
export function useConsole({ settings, production, log, path: prefix = '/console' }: UseConsoleOptions): GatewayPlugin {
  const index = path.join(settings.dir, 'index.html');
  if (!fs.existsSync(index)) log.warn({ dir: settings.dir }, 'the console is not built: /console answers 503 until `npm run console:build` has run');
  if (production && !settings.oidc) log.warn('CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID are not set: nobody can sign in to /console in production');
  const idp = settings.oidc ? new URL(settings.oidc.issuer).origin : '';
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${idp ? ` ${idp}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  const assets = createStaticAssets({
    root: settings.dir,
    prefix,
    fallback: 'index.html',
    // The authorization code arrives in the URL: no referrer may carry it elsewhere.
    htmlHeaders: { 'content-security-policy': csp, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' },
  });
  const signIn = JSON.stringify({ production, signIn: { token: settings.tokenSignIn, oidc: settings.oidc ?? null } });
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return;
      if (url.pathname === `${prefix}/config.json`) {
        endResponse(new fetchAPI.Response(signIn, { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } }));
        return;
      }
      if (!fs.existsSync(index) && url.pathname !== prefix) {
        endResponse(new fetchAPI.Response('the console is not built on this server: run `npm run console:build` (npm install does it)', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      const response = await assets(request);
      if (response) endResponse(response);
    },
  };
}
