import { isCipherAlg, type CipherAlg } from './profile';

/**
 * The stored form of an encrypted value (documented in docs/encryption.md):
 *
 *     v1.<alg>.<keyId>.<nonce>.<ciphertext>.<tag>
 *
 * dot-separated, binary parts in base64url without padding. `alg` names the cipher (A256GCM,
 * SM4CTR-HSM3) and `keyId` the data key (or, for a wrapped data key, the key-encryption key version)
 * — so any process can tell how to open a value, across key rotations and profile switches. The
 * header `v1.<alg>.<keyId>` is authenticated with the value, so neither can be swapped.
 */
export type Envelope = Readonly<{ alg: CipherAlg; keyId: string; nonce: Buffer; ciphertext: Buffer; tag: Buffer }>;

export const ENVELOPE_VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Sizes each algorithm uses; a part of another size is refused before any key is touched. */
export const NONCE_BYTES: Readonly<Record<CipherAlg, number>> = { A256GCM: 12, 'SM4CTR-HSM3': 16 };
export const TAG_BYTES: Readonly<Record<CipherAlg, number>> = { A256GCM: 16, 'SM4CTR-HSM3': 32 };

export class EnvelopeError extends Error {
  constructor(reason: string) {
    // Never echoes the text: it may be a clear value stored by mistake.
    super(`not an encrypted value: ${reason}`);
    this.name = 'EnvelopeError';
  }
}

export function header(alg: CipherAlg, keyId: string): string {
  return `${ENVELOPE_VERSION}.${alg}.${keyId}`;
}

export function formatEnvelope(e: Envelope): string {
  if (!KEY_ID.test(e.keyId)) throw new EnvelopeError('invalid key id');
  return [header(e.alg, e.keyId), e.nonce.toString('base64url'), e.ciphertext.toString('base64url'), e.tag.toString('base64url')].join('.');
}

export function parseEnvelope(text: string): Envelope {
  const parts = text.split('.');
  if (parts.length !== 6) throw new EnvelopeError(`expected 6 dot-separated parts, got ${parts.length}`);
  const [version, alg, keyId, nonce, ciphertext, tag] = parts as [string, string, string, string, string, string];
  if (version !== ENVELOPE_VERSION) throw new EnvelopeError(`unknown version "${version.slice(0, 8)}"`);
  if (!isCipherAlg(alg)) throw new EnvelopeError(`unknown algorithm "${alg.slice(0, 16)}"`);
  if (!KEY_ID.test(keyId)) throw new EnvelopeError('invalid key id');
  if (![nonce, ciphertext, tag].every((p) => B64URL.test(p))) throw new EnvelopeError('a part is not base64url');
  const e = { alg, keyId, nonce: Buffer.from(nonce, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') };
  if (e.nonce.length !== NONCE_BYTES[alg]) throw new EnvelopeError(`${alg} nonce must be ${NONCE_BYTES[alg]} bytes`);
  if (e.tag.length !== TAG_BYTES[alg]) throw new EnvelopeError(`${alg} tag must be ${TAG_BYTES[alg]} bytes`);
  return e;
}

/** Cheap shape test (for a re-encryption job meeting a clear legacy value, or a dump scanner). */
export function looksLikeEnvelope(text: string): boolean {
  return /^v1\.(A256GCM|SM4CTR-HSM3)\.[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_-]*){3}$/.test(text);
}
