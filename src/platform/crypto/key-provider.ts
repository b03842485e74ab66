import { digest } from './hash';
import { equalBytes } from './hash';

/**
 * Where key-encryption keys (KEKs) live. The hub never stores a KEK: it asks the provider to wrap
 * each data key it creates and to unwrap it when needed, so the database (and any backup of it)
 * holds data keys only in wrapped form. Implementations: `local-key-provider.ts` (a key file in
 * DATA_DIR, development only) and `vault-transit-provider.ts` (an HTTP KMS speaking Vault's
 * Transit protocol).
 */
export type WrappedKey = Readonly<{
  /** The KEK version that wrapped it, e.g. `local-v2` or `hotline-hub:v3`. */
  kekId: string;
  /** Opaque to the hub; stored as text. */
  wrapped: string;
}>;

export type UnwrapRequest = Readonly<{ key: WrappedKey; context: string }>;

export interface KeyProvider {
  readonly kind: 'local' | 'vault-transit';
  /** Reachability, credentials and key type; throws a KeyProviderError naming what is wrong. */
  check(): Promise<void>;
  /** The KEK version new wraps use. */
  currentKekId(): Promise<string>;
  /** `context` (the data key's id and scope) is bound to the wrap: unwrapping under another context fails. */
  wrap(dataKey: Buffer, context: string): Promise<WrappedKey>;
  /** Unwraps several keys in as few round trips as the provider allows; same order as given. */
  unwrap(requests: readonly UnwrapRequest[]): Promise<Buffer[]>;
  /** Re-wraps under the current KEK version (KEK rotation); a KMS does it without revealing the key. */
  rewrap(key: WrappedKey): Promise<WrappedKey>;
  /** True for the ids of this provider's KEK versions (a key wrapped elsewhere is migrated, not rewrapped). */
  owns(kekId: string): boolean;
  /** Makes a new KEK version current; older versions still unwrap until retired at the provider. */
  rotate(): Promise<string>;
}

export class KeyProviderError extends Error {
  constructor(
    message: string,
    /** True when trying again later may succeed (provider down, timeout, 5xx, 429). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'KeyProviderError';
  }
}

/**
 * Binds a data key to its context inside the wrapped plaintext (16 bytes of the context's hash,
 * then the key), so the binding survives a KMS-side rewrap and needs no associated-data support
 * from the KMS: a wrapped key copied onto another row's key record fails to unwrap.
 */
export function bindContext(dataKey: Buffer, context: string): Buffer {
  return Buffer.concat([contextTag(context), dataKey]);
}

export function unbindContext(plain: Buffer, context: string): Buffer {
  const tag = plain.subarray(0, 16);
  if (plain.length !== 48 || !equalBytes(tag, contextTag(context))) {
    throw new KeyProviderError('a wrapped data key does not belong to this key record (moved or altered)', false);
  }
  return Buffer.from(plain.subarray(16));
}

function contextTag(context: string): Buffer {
  return digest('sha256', `hotline-hub/v1/data-key\u0000${context}`).subarray(0, 16);
}
