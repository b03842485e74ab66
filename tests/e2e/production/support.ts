import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { partnerEnvName } from '../../../connectors/kit/partners';
import { generateSecret } from '../../../connectors/kit/signing';
import { loadOrCreateKeyPair } from '../../../src/platform/identity/keys';
import { PARTNERS, type PartnerName, type Principal } from '../../../src/platform/identity/principal';
import { issueToken } from '../../../src/platform/identity/tokens';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Production secrets made for one run, as an operator would provision them: an identity provider
 * (a JWKS endpoint and the key that signs its tokens), the assertion key pair, the PII and
 * correlation keys, and one webhook secret per partner. Nothing comes from DATA_DIR.
 */
export async function productionSecrets(dir: string) {
  const idp = await loadOrCreateKeyPair(dir, 'jwt');
  const jwk = { ...(await exportJWK(idp.publicKey)), kid: idp.kid, use: 'sig', alg: 'ES256' };
  const jwks = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const issuer = 'https://idp.city.example/realms/hotline';
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const partnerSecrets = Object.fromEntries(PARTNERS.map((p) => [p, generateSecret()])) as Record<PartnerName, string>;
  const correlationSecret = randomBytes(32);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
    JWT_ISSUER: issuer,
    PII_HMAC_KEY: randomBytes(32).toString('base64'),
    PETITION_CORRELATION_SECRET: correlationSecret.toString('base64'),
    ASSERTION_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)),
    ...Object.fromEntries(PARTNERS.map((p) => [partnerEnvName(p, 'SECRETS'), partnerSecrets[p]])),
  };
  return {
    env,
    partnerSecrets,
    correlationSecret,
    token: (principal: Principal) => issueToken(principal, { ...idp, issuer, audience: 'hotline-hub' }),
    stop: () => new Promise<void>((resolve) => jwks.close(() => resolve())),
  };
}

/** The trusted documents of production, by operation name (schema/generated/persisted-documents.json). */
export function trustedDocuments(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/generated/persisted-documents.json'), 'utf8')) as Record<string, string>;
  const byName: Record<string, string> = {};
  for (const [id, text] of Object.entries(manifest)) {
    const name = /\b(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1];
    if (name) byName[name] = id;
  }
  return byName;
}

export type Answer = { status: number; data?: Record<string, any>; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };

/** Waits for `probe` to return a value (not undefined), polling; fails with the last value seen after `ms`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
