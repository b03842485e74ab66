import { createHmac } from 'node:crypto';

/**
 * Keyed hashes of identifiers (phone, ID number), for matching without storing or sending the
 * identifier: the malicious-caller list, the petition correlation key. A plain SHA-256 of a phone
 * number is reversible by enumeration (10¹¹ numbers); an HMAC with a secret key is not.
 */
export type PiiHasher = {
  phone(phone: string): string;
  idNumber(id: string): string;
  /** An HMAC over several already-normalised parts (correlation keys). */
  of(...parts: string[]): string;
};

export function createPiiHasher(key: Buffer): PiiHasher {
  if (key.length < 32) throw new Error('the PII hashing key must be at least 32 bytes');
  const hmac = (value: string) => createHmac('sha256', key).update(value).digest('hex');
  return {
    phone: (phone) => hmac(`phone:${normalisePhone(phone)}`),
    idNumber: (id) => hmac(`id:${id.trim().toUpperCase()}`),
    of: (...parts) => hmac(parts.join('\u0000')),
  };
}

/** `+86 138-0013-8000` → `13800138000`. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  return digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
}
