import type { HubConfig } from '../src/platform/config';
import { readDevClock } from '../src/platform/dev-clock';
import { loadOrCreateKeyPair } from '../src/platform/identity/keys';
import { issueToken } from '../src/platform/identity/tokens';

/**
 * Where an administrator's script reaches the running hub, and with which ADMIN token: the one given
 * (production: from the identity provider), or in development a short-lived one made with the
 * local key — at the hub's time when it runs with DEV_NOW.
 */
export async function adminAccess(config: HubConfig, given: { url?: string; token?: string }, sub: string): Promise<{ url: string; token: string }> {
  const url = given.url ?? process.env.HUB_URL ?? `http://${config.host}:${config.port}`;
  if (given.token) return { url, token: given.token };
  if (config.env === 'production') throw new Error('--token: give an ADMIN token from your identity provider');
  const keys = await loadOrCreateKeyPair(config.dataDir, 'jwt');
  const token = await issueToken({ sub, role: 'ADMIN' }, { ...keys, issuer: config.jwt.issuer, audience: config.jwt.audience, ttlSeconds: 600, now: readDevClock(config.dataDir)?.now() });
  return { url, token };
}
