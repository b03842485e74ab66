import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { principalSchema, type Principal } from './principal';

/** A token that cannot be trusted; the message says why, without echoing the token. */
export class IdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}

export type TokenVerifier = (token: string) => Promise<Principal>;

export type TokenVerifierOptions = {
  issuer: string;
  audience: string;
  /** Development: the local signing key. Production: the identity provider's JWKS URL. */
  key: { publicKey: CryptoKey } | { jwksUrl: string };
  /** Expiry is judged on the hub's clock (tests move it). */
  now?: () => Date;
};

export function createTokenVerifier({ issuer, audience, key, now = () => new Date() }: TokenVerifierOptions): TokenVerifier {
  const keyInput = 'jwksUrl' in key ? createRemoteJWKSet(new URL(key.jwksUrl)) : key.publicKey;
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keyInput as CryptoKey, { issuer, audience, clockTolerance: 30, currentDate: now() }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new IdentityError('the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new IdentityError(`the token's "${error.claim}" claim is not accepted`);
      throw new IdentityError('the token could not be verified');
    }
    const parsed = principalSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new IdentityError(`the token's "${issue.path.join('.')}" claim ${issue.message}`);
    }
    const { sub, name, role, unit, region, vendor, partner } = parsed.data;
    return Object.freeze({ sub, name, role, unit, region, vendor, partner });
  };
}

/** Signs a development token (`npm run token`). */
export async function issueToken(
  principal: Principal,
  options: { privateKey: CryptoKey; kid: string; issuer: string; audience: string; ttlSeconds?: number; now?: Date },
): Promise<string> {
  const { sub, ...claims } = principal;
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT(stripUndefined(claims))
    .setProtectedHeader({ alg: 'ES256', kid: options.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSeconds ?? 12 * 3600))
    .sign(options.privateKey);
}

function stripUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
