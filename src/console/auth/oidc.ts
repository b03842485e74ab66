import { sha256 } from '../sha256';
import { decodeClaims, type Session } from './session';

/** What the hub says about its identity provider (`/console/config.json`; settings CONSOLE_OIDC_*). */
export type OidcSettings = { issuer: string; clientId: string; scope: string };

type Pending = { state: string; verifier: string; tokenEndpoint: string; redirectUri: string; returnTo: string };

/**
 * The PKCE verifier and state must survive the trip to the identity provider and back, which
 * reloads the page: they wait in sessionStorage (this tab only) and are removed on return. Tokens
 * never go there — they live in memory (a reload means signing in again).
 */
const PENDING_KEY = 'hotline-console.oidc-pending';

/** The console's own address, registered at the identity provider as the redirect URI. */
export function redirectUri(): string {
  return `${location.origin}/console/`;
}

/** Starts the authorization code flow with PKCE (RFC 7636, S256): the browser goes to the identity provider. */
export async function beginOidcSignIn(settings: OidcSettings): Promise<void> {
  const discovery = await discover(settings.issuer);
  const verifier = randomText(48);
  const state = randomText(24);
  const challenge = base64Url(await sha256(new TextEncoder().encode(verifier)));
  const pending: Pending = { state, verifier, tokenEndpoint: discovery.token_endpoint, redirectUri: redirectUri(), returnTo: location.hash || '#/' };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: pending.redirectUri,
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On return from the identity provider (`?code=…&state=…`): checks the state, exchanges the code
 * with the verifier at the token endpoint, and clears the code from the address bar. Null when the
 * page was not opened by a sign-in redirect.
 */
export async function completeOidcSignIn(settings: OidcSettings): Promise<{ session: Session; returnTo: string } | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (error) throw new Error(`${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}`);
  const pending = saved ? (JSON.parse(saved) as Pending) : null;
  // A code without our state was not asked for by this tab: never exchange it (login CSRF).
  if (!pending || params.get('state') !== pending.state) throw new Error('state mismatch: this sign-in was not started here');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: pending.redirectUri,
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`token endpoint: ${body.error ?? response.status}${body.error_description ? ` (${body.error_description})` : ''}`);
  const claims = decodeClaims(body.access_token);
  if (!claims) throw new Error('the identity provider\'s access token carries no role: ask for the hub\'s claims (sub, role, unit, region)');
  return { session: { token: body.access_token, claims, via: 'oidc' }, returnTo: pending.returnTo };
}

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the identity provider did not answer its discovery document (${response.status})`);
  const document = (await response.json()) as { authorization_endpoint?: string; token_endpoint?: string };
  if (!document.authorization_endpoint || !document.token_endpoint) throw new Error('the identity provider\'s discovery document names no authorization or token endpoint');
  return { authorization_endpoint: document.authorization_endpoint, token_endpoint: document.token_endpoint };
}

function randomText(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
