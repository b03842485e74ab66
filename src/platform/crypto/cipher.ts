import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { formatEnvelope, header, NONCE_BYTES, parseEnvelope, type Envelope } from './envelope';
import { deriveKey, equalBytes, hmac } from './hash';
import { assertNever, type CipherAlg } from './profile';

/**
 * The two authenticated field ciphers. A data key is 32 random bytes whatever the profile:
 * - `A256GCM`: AES-256-GCM with the key as is, 96-bit random nonce, 128-bit tag.
 * - `SM4CTR-HSM3`: GB/T 32907 SM4 in CTR mode with a 128-bit random IV, then HMAC-SM3 over
 *   (length-prefixed associated data ‖ IV ‖ ciphertext), 256-bit tag — encrypt-then-MAC, because
 *   Node's OpenSSL offers no sm4-gcm. The SM4 key (16 bytes) and the MAC key (32 bytes) are derived
 *   from the data key by HKDF-SM3 with distinct labels, so they are independent.
 * The associated data is the envelope header plus the caller's context (e.g. `hotline.case.caller_phone`):
 * a value copied into another column, or relabelled with another key id, fails to open.
 */
export type DataKey = Readonly<{ alg: CipherAlg; id: string; material: PreparedMaterial }>;

type PreparedMaterial = { kind: 'gcm'; key: Buffer } | { kind: 'sm4-etm'; encKey: Buffer; macKey: Buffer };

export class DecryptionError extends Error {
  constructor(readonly keyId: string) {
    super(`the value under key ${keyId} failed authentication (altered, moved to another field, or another key)`);
    this.name = 'DecryptionError';
  }
}

export function prepareDataKey(alg: CipherAlg, id: string, secret: Buffer): DataKey {
  if (secret.length !== 32) throw new Error('a data key is 32 bytes');
  switch (alg) {
    case 'A256GCM':
      return { alg, id, material: { kind: 'gcm', key: Buffer.from(secret) } };
    case 'SM4CTR-HSM3':
      return {
        alg,
        id,
        material: { kind: 'sm4-etm', encKey: deriveKey('sm3', secret, 'hotline-hub/v1/sm4-ctr/enc', 16), macKey: deriveKey('sm3', secret, 'hotline-hub/v1/sm4-ctr/mac', 32) },
      };
    default:
      return assertNever(alg);
  }
}

function associatedData(alg: CipherAlg, keyId: string, context: string): Buffer {
  return Buffer.from(`${header(alg, keyId)}\u0000${context}`, 'utf8');
}

export function seal(key: DataKey, plaintext: Buffer, context: string): string {
  const aad = associatedData(key.alg, key.id, context);
  const nonce = randomBytes(NONCE_BYTES[key.alg]);
  const m = key.material;
  switch (m.kind) {
    case 'gcm': {
      const c = createCipheriv('aes-256-gcm', m.key, nonce);
      c.setAAD(aad);
      const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
      return formatEnvelope({ alg: key.alg, keyId: key.id, nonce, ciphertext, tag: c.getAuthTag() });
    }
    case 'sm4-etm': {
      const c = createCipheriv('sm4-ctr', m.encKey, nonce);
      const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
      return formatEnvelope({ alg: key.alg, keyId: key.id, nonce, ciphertext, tag: sm4Tag(m.macKey, aad, nonce, ciphertext) });
    }
    default:
      return assertNever(m);
  }
}

/** Opens a parsed envelope with its key (the caller found the key by `e.keyId`). */
export function open(key: DataKey, e: Envelope, context: string): Buffer {
  if (e.alg !== key.alg || e.keyId !== key.id) throw new DecryptionError(e.keyId);
  const aad = associatedData(e.alg, e.keyId, context);
  const m = key.material;
  switch (m.kind) {
    case 'gcm': {
      const d = createDecipheriv('aes-256-gcm', m.key, e.nonce);
      d.setAAD(aad);
      d.setAuthTag(e.tag);
      try {
        return Buffer.concat([d.update(e.ciphertext), d.final()]);
      } catch {
        throw new DecryptionError(e.keyId);
      }
    }
    case 'sm4-etm': {
      // MAC first: an altered ciphertext is never decrypted.
      if (!equalBytes(sm4Tag(m.macKey, aad, e.nonce, e.ciphertext), e.tag)) throw new DecryptionError(e.keyId);
      const d = createDecipheriv('sm4-ctr', m.encKey, e.nonce);
      return Buffer.concat([d.update(e.ciphertext), d.final()]);
    }
    default:
      return assertNever(m);
  }
}

export function openText(key: DataKey, text: string, context: string): Buffer {
  return open(key, parseEnvelope(text), context);
}

function sm4Tag(macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const length = Buffer.alloc(8);
  length.writeBigUInt64BE(BigInt(aad.length));
  return hmac('sm3', macKey, Buffer.concat([length, aad, iv, ciphertext]));
}
