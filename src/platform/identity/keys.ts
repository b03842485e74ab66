import { createPublicKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, importPKCS8, importSPKI, type CryptoKey, type JWK } from 'jose';

export type KeyPair = { privateKey: CryptoKey; publicKey: CryptoKey; kid: string };

/**
 * Development keys live in `<dataDir>/keys/` so that tokens printed by `npm run token` keep working
 * across restarts. Production never uses them: tokens are verified against the identity provider's
 * JWKS and the assertion key comes from the secret store (docs/operations.md).
 */
export async function loadOrCreateKeyPair(dataDir: string, name: 'jwt' | 'assertion'): Promise<KeyPair> {
  const alg = name === 'jwt' ? 'ES256' : 'EdDSA';
  const file = path.join(dataDir, 'keys', `${name}.private.jwk.json`);
  if (fs.existsSync(file)) {
    const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK & { kid: string };
    const privateKey = (await importJWK(jwk, alg)) as CryptoKey;
    const { d: _d, ...publicJwk } = jwk;
    const publicKey = (await importJWK(publicJwk, alg)) as CryptoKey;
    return { privateKey, publicKey, kid: jwk.kid };
  }
  const { privateKey } = await generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  const jwk = await exportJWK(privateKey);
  const kid = `${name}-dev-${Date.now().toString(36)}`;
  writeOnce(file, JSON.stringify({ ...jwk, kid, alg }));
  return loadOrCreateKeyPair(dataDir, name);
}

/** A random secret of `bytes` bytes kept in `<dataDir>/keys/<name>.secret` (development only). */
export function loadOrCreateSecret(dataDir: string, name: string, bytes = 32): Buffer {
  const file = path.join(dataDir, 'keys', `${name}.secret`);
  if (!fs.existsSync(file)) writeOnce(file, randomBytes(bytes).toString('base64'));
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}

/**
 * Creates `file` (mode 600) unless it exists. link() fails when the file exists, so two processes
 * starting at once agree on one key instead of each keeping its own.
 */
export function writeOnce(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.unlinkSync(tmp);
  }
}

/**
 * The assertion key pair from the environment (production): JWK (JSON) or PEM, Ed25519. The public
 * key is derived from the private one when only that is given (the gateway, or one process running
 * everything); a subgraph-only process needs just the public key.
 */
export async function importAssertionKeys(text: { privateKey: string | undefined; publicKey: string | undefined }): Promise<{ privateKey: CryptoKey | undefined; publicKey: CryptoKey | undefined }> {
  const privateKey = text.privateKey ? await importKey(text.privateKey, 'private') : undefined;
  let publicKey: CryptoKey | undefined;
  if (text.publicKey) publicKey = await importKey(text.publicKey, 'public');
  else if (text.privateKey) publicKey = await importKey(publicPart(text.privateKey), 'public');
  return { privateKey, publicKey };
}

async function importKey(text: string, kind: 'private' | 'public'): Promise<CryptoKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return (kind === 'private' ? await importPKCS8(trimmed, 'EdDSA') : await importSPKI(trimmed, 'EdDSA')) as CryptoKey;
  const jwk = JSON.parse(trimmed) as JWK;
  if (kind === 'public') {
    const { d: _d, ...publicJwk } = jwk;
    return (await importJWK(publicJwk, 'EdDSA')) as CryptoKey;
  }
  return (await importJWK(jwk, 'EdDSA')) as CryptoKey;
}

function publicPart(privateText: string): string {
  const trimmed = privateText.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed).export({ type: 'spki', format: 'pem' }).toString();
  return trimmed;
}
