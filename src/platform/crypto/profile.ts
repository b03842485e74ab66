/**
 * Crypto profiles (issue 18): one deployment chooses `intl` (today's algorithms) or `gm` (China's
 * commercial cryptography, GB/T 39786-2021). Every value, signature and index names the algorithm
 * that made it, so data written under one profile stays readable after a switch to the other.
 */
export const CRYPTO_PROFILES = ['intl', 'gm'] as const;
export type CryptoProfile = (typeof CRYPTO_PROFILES)[number];

/** Field encryption: AES-256-GCM, or SM4-CTR encrypt-then-MAC with HMAC-SM3 (Node's OpenSSL has no sm4-gcm). */
export const CIPHER_ALGS = ['A256GCM', 'SM4CTR-HSM3'] as const;
export type CipherAlg = (typeof CIPHER_ALGS)[number];

/** Keyed hashes (blind indexes, partner signatures): HMAC-SHA256 or HMAC-SM3. */
export const MAC_ALGS = ['HS256', 'HSM3'] as const;
export type MacAlg = (typeof MAC_ALGS)[number];

/** Signatures: Ed25519, or SM2 with SM3 (GB/T 32918.2, default signer id). */
export const SIGNATURE_ALGS = ['Ed25519', 'SM2-SM3'] as const;
export type SignatureAlg = (typeof SIGNATURE_ALGS)[number];

/** Hashes (hash chains, digests): SHA-256 or SM3 (GB/T 32905). */
export const HASH_ALGS = ['sha256', 'sm3'] as const;
export type HashAlg = (typeof HASH_ALGS)[number];

export type ProfileAlgorithms = Readonly<{ cipher: CipherAlg; mac: MacAlg; signature: SignatureAlg; hash: HashAlg }>;

export function algorithmsOf(profile: CryptoProfile): ProfileAlgorithms {
  switch (profile) {
    case 'intl':
      return { cipher: 'A256GCM', mac: 'HS256', signature: 'Ed25519', hash: 'sha256' };
    case 'gm':
      return { cipher: 'SM4CTR-HSM3', mac: 'HSM3', signature: 'SM2-SM3', hash: 'sm3' };
    default:
      return assertNever(profile);
  }
}

/** The hash under a MAC algorithm (HKDF and HMAC take OpenSSL digest names). */
export function hashOfMac(alg: MacAlg): HashAlg {
  switch (alg) {
    case 'HS256':
      return 'sha256';
    case 'HSM3':
      return 'sm3';
    default:
      return assertNever(alg);
  }
}

export function isCipherAlg(value: string): value is CipherAlg {
  return (CIPHER_ALGS as readonly string[]).includes(value);
}
export function isMacAlg(value: string): value is MacAlg {
  return (MAC_ALGS as readonly string[]).includes(value);
}
export function isSignatureAlg(value: string): value is SignatureAlg {
  return (SIGNATURE_ALGS as readonly string[]).includes(value);
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
