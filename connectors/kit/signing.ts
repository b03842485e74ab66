import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/): every message in or out of the
 * hub carries `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`, a
 * space-separated list of `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. During a secret
 * rotation a sender signs with both secrets and a receiver accepts either, so partners can roll
 * their secret without a flag day. Secrets are written `whsec_<base64>`.
 */
export type SignedHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** How old (or how far in the future) a timestamp may be: five minutes, as docs/api.md says. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const PREFIX = 'whsec_';

export function generateSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

function secretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 16) throw new Error('a webhook secret must hold at least 16 bytes (whsec_<base64>)');
  return bytes;
}

function mac(secret: string, id: string, timestamp: string, body: string): Buffer {
  return createHmac('sha256', secretBytes(secret)).update(`${id}.${timestamp}.${body}`).digest();
}

/** Signs `body` with every given secret (the current one first; the next one too while rotating). */
export function sign(secrets: readonly string[], id: string, at: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('no webhook secret to sign with');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = secrets.map((secret) => `v1,${mac(secret, id, timestamp, body).toString('base64')}`).join(' ');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
}

export type VerifyFailure = 'MISSING_HEADERS' | 'BAD_TIMESTAMP' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE';

export type VerifyResult = { ok: true; id: string; timestamp: Date } | { ok: false; reason: VerifyFailure };

/**
 * Verifies a message against any of `secrets`. The comparison is constant-time; a timestamp
 * outside ±5 minutes of `now` is refused even with a valid signature (replays of old messages).
 */
export function verify(
  secrets: readonly string[],
  headers: Partial<Record<string, string | string[] | undefined>>,
  body: string,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): VerifyResult {
  const id = single(headers['webhook-id']);
  const timestamp = single(headers['webhook-timestamp']);
  const signature = single(headers['webhook-signature']);
  if (!id || !timestamp || !signature) return { ok: false, reason: 'MISSING_HEADERS' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'BAD_TIMESTAMP' };
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) return { ok: false, reason: 'STALE_TIMESTAMP' };
  const offered = signature
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  for (const secret of secrets) {
    const expected = mac(secret, id, timestamp, body);
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) {
      return { ok: true, id, timestamp: new Date(seconds * 1000) };
    }
  }
  return { ok: false, reason: 'BAD_SIGNATURE' };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
