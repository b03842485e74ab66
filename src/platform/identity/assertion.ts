import { createHash, KeyObject, randomUUID, sign, verify, type webcrypto } from 'node:crypto';
import type { CryptoKey } from 'jose';
import { parsePurpose, principalSchema, type Principal, type Purpose } from './principal';

/**
 * The gateway→subgraph identity assertion (docs/design.md decision 2).
 *
 * The gateway verifies the caller's token, then signs, for every subgraph request, a short-lived
 * assertion naming the principal, the purpose, the server-minted request id, the subgraph it is for,
 * and the SHA-256 of the exact request body. A subgraph accepts nothing else:
 *  - reached directly (no assertion) → refused;
 *  - an assertion replayed with another body (another query, other variables) → hash mismatch;
 *  - the same request replayed → its `jti` was seen already;
 *  - an assertion for another subgraph → wrong audience.
 * Hive's built-in HMAC signing signs neither the identity nor a timestamp (docs/stack.md), hence this.
 */
export const ASSERTION_HEADER = 'x-hub-assertion';
const ISSUER = 'hotline-hub-gateway';

export type VerifiedAssertion = {
  principal: Principal;
  purpose: Purpose | undefined;
  requestId: string;
  clientAddress: string | undefined;
  operationName: string | undefined;
};

export function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Signed with node:crypto rather than jose's WebCrypto path: the same compact JWS (EdDSA, Ed25519),
 * at a quarter of the cost — the gateway signs one per subgraph call (issue 7).
 */
export async function mintAssertion(
  privateKey: CryptoKey,
  input: VerifiedAssertion & { subgraph: string; body: string; ttlSeconds: number; now?: Date },
): Promise<string> {
  const { principal, purpose, requestId, clientAddress, operationName } = input;
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  // JSON drops the undefined members, as jose does.
  const claims = {
    p: compact(principal),
    pur: purpose,
    rid: requestId,
    ip: clientAddress,
    op: operationName,
    bh: bodyHash(input.body),
    iss: ISSUER,
    aud: input.subgraph,
    jti: randomUUID(),
    iat,
    exp: iat + input.ttlSeconds,
  };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign(null, Buffer.from(signingInput), keyObject(privateKey));
  return `${signingInput}.${signature.toString('base64url')}`;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'hub-assertion+jwt' })).toString('base64url');

const keyObjects = new WeakMap<CryptoKey, KeyObject>();
function keyObject(key: CryptoKey): KeyObject {
  let object = keyObjects.get(key);
  if (!object) keyObjects.set(key, (object = KeyObject.from(key as unknown as webcrypto.CryptoKey)));
  return object;
}

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

export type AssertionVerifier = (token: string | null, body: string) => Promise<VerifiedAssertion>;

export function createAssertionVerifier(options: {
  publicKey: CryptoKey;
  subgraph: string;
  /** Bound on remembered `jti`s; assertions live seconds, so this is generous. */
  replayCacheSize?: number;
  now?: () => Date;
}): AssertionVerifier {
  const now = options.now ?? (() => new Date());
  const seen = new ReplayCache(options.replayCacheSize ?? 100_000);
  return async (token, body) => {
    if (!token) throw new AssertionError('this service only answers requests forwarded by the hub gateway');
    const payload = verifyCompact(token, keyObject(options.publicKey), options.subgraph, now());
    if (payload.bh !== bodyHash(body)) throw new AssertionError('the gateway assertion does not match this request');
    const jti = String(payload.jti ?? '');
    if (!jti || !seen.add(jti, Number(payload.exp) * 1000)) throw new AssertionError('the gateway assertion was already used');
    const parsed = principalSchema.safeParse(payload.p);
    if (!parsed.success) throw new AssertionError('the gateway assertion names no valid principal');
    return {
      principal: Object.freeze(parsed.data),
      purpose: parsePurpose(typeof payload.pur === 'string' ? payload.pur : undefined),
      requestId: String(payload.rid ?? ''),
      clientAddress: typeof payload.ip === 'string' ? payload.ip : undefined,
      operationName: typeof payload.op === 'string' ? payload.op : undefined,
    };
  };
}

const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Checks a compact JWS assertion: exactly our header (EdDSA, our `typ`), an Ed25519 signature by
 * the gateway's key over header and claims, our issuer, this subgraph as audience, and an expiry
 * not yet passed (5 s tolerance). Any failure is the same error: the caller learns nothing more.
 */
function verifyCompact(token: string, publicKey: KeyObject, audience: string, at: Date): Record<string, unknown> {
  const invalid = () => new AssertionError('the gateway assertion is invalid or expired');
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) throw invalid();
  const signature = Buffer.from(parts[2]!, 'base64url');
  if (signature.length !== 64 || signature.toString('base64url') !== parts[2]) throw invalid();
  if (!verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, signature)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid();
  const claims = payload as Record<string, unknown>;
  const seconds = at.getTime() / 1000;
  if (claims.iss !== ISSUER || claims.aud !== audience) throw invalid();
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_TOLERANCE_SECONDS <= seconds) throw invalid();
  return claims;
}

/** Remembers ids until they expire; bounded so a flood cannot exhaust memory. */
class ReplayCache {
  private readonly entries = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** false when the id was seen before. */
  add(id: string, expiresAt: number): boolean {
    if (this.entries.has(id)) return false;
    if (this.entries.size >= this.max) this.evict();
    this.entries.set(id, expiresAt);
    return true;
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, exp] of this.entries) if (exp < now) this.entries.delete(id);
    // Still full of live ids: drop the oldest quarter (Map keeps insertion order).
    if (this.entries.size >= this.max) {
      let n = Math.ceil(this.max / 4);
      for (const id of this.entries.keys()) {
        if (n-- <= 0) break;
        this.entries.delete(id);
      }
    }
  }
}

function compact(principal: Principal): Record<string, string> {
  return Object.fromEntries(Object.entries(principal).filter(([, v]) => v !== undefined)) as Record<string, string>;
}
