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
  const verified = new VerifiedTokens();
  return async (token) => {
    const known = verified.get(token, now().getTime());
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keyInput as CryptoKey, { issuer, audience, clockTolerance: CLOCK_TOLERANCE_SECONDS, currentDate: now() }));
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
    const principal: Principal = Object.freeze({ sub, name, role, unit, region, vendor, partner });
    verified.set(token, principal, (Number(payload.exp) + CLOCK_TOLERANCE_SECONDS) * 1000, now().getTime());
    return principal;
  };
}

const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Tokens verified a moment ago, so that a client sending the same token with every request costs
 * one signature check a minute instead of one per request (~0.3 ms of the gateway's CPU each; issue
 * 7). An entry is used until the token expires (the tolerance jose allows included) and for at
 * most a minute, so a key withdrawn from the identity provider's JWKS stops being honoured within
 * that minute. Only successes are kept; the map is bounded and forgets its oldest entries first.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  constructor(
    private readonly max = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  get(token: string, at: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= at) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAt: number, at: number): void {
    if (!Number.isFinite(expiresAt)) return; // a token without expiry is checked every time
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal, until: Math.min(expiresAt, at + this.ttlMs) });
  }
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
