import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { HashAlg } from './profile';

/**
 * Hashes and HMACs of either profile. A digest that is stored says its algorithm (`sm3:…`), so a
 * hash chain can change profile at a link and every older link still verifies with its own.
 */
export function digest(alg: HashAlg, data: Buffer | string): Buffer {
  return createHash(alg).update(data).digest();
}

/** `sha256:<hex>` or `sm3:<hex>`. */
export function labelledDigest(alg: HashAlg, data: Buffer | string): string {
  return `${alg}:${digest(alg, data).toString('hex')}`;
}

/** Recomputes a labelled digest with the algorithm it names; false for an unknown label. */
export function verifyLabelledDigest(label: string, data: Buffer | string): boolean {
  const at = label.indexOf(':');
  const alg = label.slice(0, at);
  if (alg !== 'sha256' && alg !== 'sm3') return false;
  const expected = Buffer.from(labelledDigest(alg, data));
  const given = Buffer.from(label);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function hmac(alg: HashAlg, key: Buffer, data: Buffer | string): Buffer {
  return createHmac(alg, key).update(data).digest();
}

/** HKDF (RFC 5869) over the profile's hash: keys for different uses derived from one secret are independent. */
export function deriveKey(alg: HashAlg, secret: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync(alg, secret, Buffer.alloc(0), info, length));
}

export function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
