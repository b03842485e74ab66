import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { assertNever, isSignatureAlg, type SignatureAlg } from './profile';
import { generateSm2KeyPair, sm2PublicKey, sm2Sign, sm2Verify } from './sm2';

/**
 * Detached signatures of either profile, in the form `v1.<alg>.<keyId>.<signature>` (base64url),
 * so a verifier picks the algorithm and key the signature names, and signatures made before a
 * profile switch keep verifying while their key is still published.
 * SM2-SM3 signatures are r ‖ s (64 bytes) with the default signer id `1234567812345678`.
 */
export type SigningKey =
  | Readonly<{ alg: 'Ed25519'; id: string; privateKey: KeyObject }>
  | Readonly<{ alg: 'SM2-SM3'; id: string; privateKey: Buffer; publicKey: Buffer }>;

export type VerifyingKey = Readonly<{ alg: 'Ed25519'; id: string; publicKey: KeyObject }> | Readonly<{ alg: 'SM2-SM3'; id: string; publicKey: Buffer }>;

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function generateSigningKey(alg: SignatureAlg, id: string): { signing: SigningKey; verifying: VerifyingKey } {
  if (!KEY_ID.test(id)) throw new Error('a key id is 1–64 characters of A–Z a–z 0–9 _ -');
  switch (alg) {
    case 'Ed25519': {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      return { signing: { alg, id, privateKey }, verifying: { alg, id, publicKey } };
    }
    case 'SM2-SM3': {
      const { privateKey, publicKey } = generateSm2KeyPair();
      return { signing: { alg, id, privateKey, publicKey }, verifying: { alg, id, publicKey } };
    }
    default:
      return assertNever(alg);
  }
}

export function verifyingKeyOf(key: SigningKey): VerifyingKey {
  switch (key.alg) {
    case 'Ed25519':
      return { alg: key.alg, id: key.id, publicKey: createPublicKey(key.privateKey) };
    case 'SM2-SM3':
      return { alg: key.alg, id: key.id, publicKey: sm2PublicKey(key.privateKey) };
    default:
      return assertNever(key);
  }
}

export function signDetached(key: SigningKey, data: Buffer | string): string {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  let signature: Buffer;
  switch (key.alg) {
    case 'Ed25519':
      signature = sign(null, bytes, key.privateKey);
      break;
    case 'SM2-SM3':
      signature = sm2Sign(key.privateKey, bytes, { publicKey: key.publicKey });
      break;
    default:
      return assertNever(key);
  }
  return `v1.${key.alg}.${key.id}.${signature.toString('base64url')}`;
}

export type ParsedSignature = Readonly<{ alg: SignatureAlg; keyId: string; signature: Buffer }>;

export function parseSignature(text: string): ParsedSignature | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return undefined;
  const [, alg, keyId, signature] = parts as [string, string, string, string];
  if (!isSignatureAlg(alg) || !KEY_ID.test(keyId) || !/^[A-Za-z0-9_-]+$/.test(signature)) return undefined;
  return { alg, keyId, signature: Buffer.from(signature, 'base64url') };
}

/**
 * True when `text` is a signature over `data` by the key it names. `keys` returns the verifying
 * key of an id (undefined: unknown key); a key whose algorithm differs from the one the signature
 * names is refused, so a signature cannot pick a weaker reading of a key.
 */
export function verifyDetached(text: string, data: Buffer | string, keys: (keyId: string) => VerifyingKey | undefined): boolean {
  const parsed = parseSignature(text);
  if (!parsed) return false;
  const key = keys(parsed.keyId);
  if (!key || key.alg !== parsed.alg) return false;
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  switch (key.alg) {
    case 'Ed25519':
      try {
        return verify(null, bytes, key.publicKey, parsed.signature);
      } catch {
        return false;
      }
    case 'SM2-SM3':
      return sm2Verify(key.publicKey, bytes, parsed.signature);
    default:
      return assertNever(key);
  }
}
