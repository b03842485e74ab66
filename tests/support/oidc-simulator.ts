import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { Principal } from '../../src/platform/identity/principal';
import { issueToken } from '../../src/platform/identity/tokens';

export type OidcSimulator = {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  /** Who "signs in" at the next authorization request (the simulator's login page is automatic). */
  user: Principal;
  /** Every authorization request and token exchange, for assertions. */
  authorizations: { clientId: string; redirectUri: string; challenge: string; method: string; state: string; scope: string }[];
  exchanges: { ok: boolean; error?: string }[];
  stop(): Promise<void>;
};

/**
 * A small OpenID Connect provider over real HTTP, as strict as a real one about the authorization
 * code flow with PKCE (RFC 6749, 7636): discovery, an authorization endpoint that signs the configured
 * user in at once and redirects with a one-time code, a token endpoint that checks client id,
 * redirect URI and the S256 code verifier (a code is good once, for 60 s), and its key set. Access
 * tokens carry the hub's claims (role, unit, region), signed with the simulator's own key, so a hub
 * in production mode verifies them through JWKS_URL like any identity provider's.
 */
export async function startOidcSimulator(options: { clientId: string; user: Principal; audience: string; now?: () => Date }): Promise<OidcSimulator> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `sim-${randomBytes(4).toString('hex')}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'ES256' };
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; user: Principal; expires: number }>();
  const now = options.now ?? (() => new Date());
  let issuer = '';
  const state: OidcSimulator = {
    issuer: '',
    jwksUrl: '',
    clientId: options.clientId,
    user: options.user,
    authorizations: [],
    exchanges: [],
    stop: async () => undefined,
  };
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, accept', 'access-control-allow-methods': 'GET, POST' };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize' && req.method === 'GET') {
      const p = Object.fromEntries(url.searchParams);
      state.authorizations.push({ clientId: p.client_id ?? '', redirectUri: p.redirect_uri ?? '', challenge: p.code_challenge ?? '', method: p.code_challenge_method ?? '', state: p.state ?? '', scope: p.scope ?? '' });
      if (p.client_id !== state.clientId || !p.redirect_uri) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        return res.end('unknown client or missing redirect_uri');
      }
      const back = new URL(p.redirect_uri);
      if (p.response_type !== 'code' || p.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge ?? '')) {
        back.searchParams.set('error', 'invalid_request');
        back.searchParams.set('error_description', 'PKCE with S256 is required');
      } else {
        const code = randomBytes(16).toString('hex');
        codes.set(code, { clientId: p.client_id, redirectUri: p.redirect_uri, challenge: p.code_challenge!, user: state.user, expires: Date.now() + 60_000 });
        back.searchParams.set('code', code);
      }
      if (p.state) back.searchParams.set('state', p.state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        void (async () => {
          const p = Object.fromEntries(new URLSearchParams(body));
          const grant = p.code ? codes.get(p.code) : undefined;
          if (p.code) codes.delete(p.code);
          const refuse = (error: string, description: string) => {
            state.exchanges.push({ ok: false, error: description });
            json(res, 400, { error, error_description: description });
          };
          if (p.grant_type !== 'authorization_code') return refuse('unsupported_grant_type', 'authorization_code only');
          if (!grant || grant.expires < Date.now()) return refuse('invalid_grant', 'unknown, used or expired code');
          if (p.client_id !== grant.clientId) return refuse('invalid_client', 'client_id differs from the authorization request');
          if (p.redirect_uri !== grant.redirectUri) return refuse('invalid_grant', 'redirect_uri differs from the authorization request');
          const challenge = createHash('sha256').update(p.code_verifier ?? '').digest('base64url');
          if (!p.code_verifier || challenge !== grant.challenge) return refuse('invalid_grant', 'code_verifier does not match the code_challenge');
          const token = await issueToken(grant.user, { privateKey, kid, issuer, audience: options.audience, ttlSeconds: 3600, now: now() });
          state.exchanges.push({ ok: true });
          json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'openid' });
        })();
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.issuer = issuer;
  state.jwksUrl = `${issuer}/jwks`;
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}
