import { deriveKey, hmac } from './hash';
import type { PiiHasher } from '../pii';
import type { Keyring } from './keyring';
import { normaliseAddress, normaliseIdNumber, normaliseName, normalisePhone } from './normalise';
import { hashOfMac, MAC_ALGS, type MacAlg } from './profile';

/**
 * Blind indexes: a keyed HMAC of a normalised identifier, stored beside its ciphertext so equality
 * lookups (phone search, the malicious-caller list, duplicate detection, petition correlation,
 * missed-call matching) run without the clear value. Each purpose has its own key (scope
 * `index:<purpose>` in the keyring), so an index from one purpose is useless for another, and the
 * form `v1.<alg>.<keyId>.<mac>` says which algorithm and key made it.
 *
 * After a profile switch (or a rotated index key) old rows carry the old index until re-indexed:
 * `candidates` returns the index under every live key of the purpose, for `where idx = any($1)`.
 */
export type Purpose = 'phone' | 'id-number' | 'name' | 'address' | 'correlation';

export const NORMALISERS: Readonly<Record<Exclude<Purpose, 'correlation'>, (value: string) => string>> = {
  phone: normalisePhone,
  'id-number': normaliseIdNumber,
  name: normaliseName,
  address: normaliseAddress,
};

type IndexKey = { id: string; alg: MacAlg; key: Buffer };

export type BlindIndex = Readonly<{
  /** The index of `value` for `purpose`, under the current profile's key. */
  of(purpose: Exclude<Purpose, 'correlation'>, value: string): string;
  /** A composite index over parts the caller normalised (the petition correlation key). */
  ofParts(purpose: 'correlation', parts: readonly string[]): string;
  /** Indexes of `value` under every loaded key of the purpose (current first). */
  candidates(purpose: Exclude<Purpose, 'correlation'>, value: string): string[];
}>;

/**
 * Loads the index keys once (one provider round trip per purpose), then computes synchronously —
 * the shape of today's `PiiHasher`, so the integration can swap it in without making callers async.
 * `alsoAccept` loads the other profile's keys too (during a profile migration).
 */
export async function loadBlindIndex(keyring: Keyring, options: { alsoAccept?: readonly MacAlg[] } = {}): Promise<BlindIndex> {
  const current = keyring.profile === 'gm' ? 'HSM3' : 'HS256';
  const algs: MacAlg[] = [current, ...(options.alsoAccept ?? []).filter((a) => a !== current && MAC_ALGS.includes(a))];
  const purposes: Purpose[] = ['phone', 'id-number', 'name', 'address', 'correlation'];
  const keys = new Map<Purpose, IndexKey[]>();
  for (const purpose of purposes) {
    const list: IndexKey[] = [];
    for (const alg of algs) {
      const { id, secret } = await keyring.indexKey(purpose, alg);
      // Derived, not used raw: the stored key could later serve another construction without overlap.
      list.push({ id, alg, key: deriveKey(hashOfMac(alg), secret, `hotline-hub/v1/blind-index/${purpose}`, 32) });
    }
    keys.set(purpose, list);
  }
  const compute = (k: IndexKey, input: string) => `v1.${k.alg}.${k.id}.${hmac(hashOfMac(k.alg), k.key, input).toString('base64url')}`;
  return Object.freeze({
    of: (purpose, value) => compute(keys.get(purpose)![0]!, NORMALISERS[purpose](value)),
    ofParts: (purpose, parts) => compute(keys.get(purpose)![0]!, parts.map((p) => `${Buffer.byteLength(p)}:${p}`).join('')),
    candidates: (purpose, value) => keys.get(purpose)!.map((k) => compute(k, NORMALISERS[purpose](value))),
  });
}

/**
 * Today's keyed hash (`src/platform/pii.ts`) as a view of the blind index, for the integration to
 * swap in (the stored hashes of the malicious-caller list are recomputed then: the form differs).
 */
export function asPiiHasher(index: BlindIndex): PiiHasher {
  return { phone: (phone) => index.of('phone', phone), idNumber: (id) => index.of('id-number', id), of: (...parts) => index.ofParts('correlation', parts) };
}
