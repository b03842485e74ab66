import { createHash, randomBytes } from 'node:crypto';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';

/**
 * SM2 digital signatures (GB/T 32918.2-2016) on the recommended 256-bit curve (GB/T 32918.5-2017),
 * with SM3 and the Z value (user identity hash) of the standard.
 *
 * Why not Node's OpenSSL alone: it knows the SM2 curve, but a key generated as `ec`/SM2 signs with
 * ECDSA, and a PEM-loaded SM2 key signs with an empty signer id — Node has no way to set the
 * distinguishing id, so neither interoperates with GM systems using the standard's default id
 * `1234567812345678` (measured; docs/encryption.md). The curve arithmetic comes from @noble/curves
 * (audited, constant-time base-point multiplication); the SM2 equations are below.
 */
const SM2_CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

const Point = weierstrass(SM2_CURVE);
type SM2Point = InstanceType<typeof Point>;
const N = SM2_CURVE.n;

/** The signer id GB/T 35276 specifies when the parties agreed on none. */
export const SM2_DEFAULT_ID = Buffer.from('1234567812345678', 'ascii');

export type Sm2KeyPair = { privateKey: Buffer; publicKey: Buffer };

export class Sm2KeyError extends Error {
  constructor(reason: string) {
    super(`invalid SM2 key: ${reason}`);
    this.name = 'Sm2KeyError';
  }
}

/** A private key d in [1, n−2] (32 bytes) and its public key 04‖x‖y (65 bytes). */
export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    const d = toBigInt(randomBytes(32));
    if (d >= 1n && d <= N - 2n) {
      const privateKey = toBytes32(d);
      return { privateKey, publicKey: sm2PublicKey(privateKey) };
    }
  }
}

export function sm2PublicKey(privateKey: Buffer): Buffer {
  return Buffer.from(Point.BASE.multiply(privateScalar(privateKey)).toBytes(false));
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) — binds the signature to the signer's identity and key. */
export function sm2Z(publicKey: Buffer, id: Buffer = SM2_DEFAULT_ID): Buffer {
  if (id.length * 8 > 0xffff) throw new Sm2KeyError('signer id longer than 8191 bytes');
  const p = prepared(publicKey).point.toAffine();
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return createHash('sm3')
    .update(Buffer.concat([entl, id, toBytes32(SM2_CURVE.a), toBytes32(SM2_CURVE.b), toBytes32(SM2_CURVE.Gx), toBytes32(SM2_CURVE.Gy), toBytes32(p.x), toBytes32(p.y)]))
    .digest();
}

/**
 * Signs `message`; returns r ‖ s (64 bytes). `k` is for the standard's worked example only: a
 * signature's k must be fresh randomness, never supplied.
 */
export function sm2Sign(privateKey: Buffer, message: Buffer, options: { id?: Buffer; publicKey?: Buffer; k?: bigint } = {}): Buffer {
  const d = privateScalar(privateKey);
  const publicKey = options.publicKey ?? sm2PublicKey(privateKey);
  const e = toBigInt(createHash('sm3').update(zOf(publicKey, options.id)).update(message).digest());
  const inverse = Point.Fn.inv(1n + d);
  for (;;) {
    const k = options.k ?? randomScalar();
    const x1 = Point.BASE.multiply(k).toAffine().x;
    const r = mod(e + x1, N);
    if (r === 0n || r + k === N) {
      if (options.k !== undefined) throw new Error('the given k yields no signature');
      continue;
    }
    const s = mod(inverse * mod(k - r * d, N), N);
    if (s === 0n) {
      if (options.k !== undefined) throw new Error('the given k yields no signature');
      continue;
    }
    return Buffer.concat([toBytes32(r), toBytes32(s)]);
  }
}

/** Verifies r ‖ s (64 bytes) over `message`; false for any malformed input. */
export function sm2Verify(publicKey: Buffer, message: Buffer, signature: Buffer, options: { id?: Buffer } = {}): boolean {
  if (signature.length !== 64) return false;
  let p: SM2Point;
  try {
    p = prepared(publicKey).point;
  } catch {
    return false;
  }
  const r = toBigInt(signature.subarray(0, 32));
  const s = toBigInt(signature.subarray(32));
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const e = toBigInt(createHash('sm3').update(zOf(publicKey, options.id)).update(message).digest());
  // Public scalars only: variable-time multiplication is safe here, and the verifying key's
  // precomputed table makes t·P ~10× faster than an unprepared point.
  const sum = Point.BASE.multiplyUnsafe(s).add(p.multiplyUnsafe(t));
  if (sum.is0()) return false;
  return mod(e + sum.toAffine().x, N) === r;
}

/** r ‖ s → DER SEQUENCE { INTEGER r, INTEGER s } (GB/T 35276 / GM/T 0009 encoding). */
export function sm2SignatureToDer(signature: Buffer): Buffer {
  const integer = (bytes: Buffer) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let body = bytes.subarray(i);
    if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const seq = Buffer.concat([integer(signature.subarray(0, 32)), integer(signature.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, seq.length]), seq]);
}

export function sm2SignatureFromDer(der: Buffer): Buffer {
  const fail = () => new Error('not a DER SM2 signature');
  if (der[0] !== 0x30 || der[1] !== der.length - 2) throw fail();
  let at = 2;
  const parts: Buffer[] = [];
  for (let i = 0; i < 2; i++) {
    if (der[at] !== 0x02) throw fail();
    const length = der[at + 1]!;
    const body = der.subarray(at + 2, at + 2 + length);
    if (body.length !== length || length > 33) throw fail();
    parts.push(toBytes32(toBigInt(body)));
    at += 2 + length;
  }
  if (at !== der.length) throw fail();
  return Buffer.concat(parts);
}

/**
 * Public keys in use are few (the gateway's, the partners'): each is decoded, validated, given a
 * precomputed multiplication table and its default-id Z once, and kept (at most 64, oldest dropped).
 */
const preparedKeys = new Map<string, { point: SM2Point; z: Buffer | undefined }>();

function prepared(publicKey: Buffer): { point: SM2Point; z: Buffer | undefined } {
  const hex = publicKey.toString('hex');
  const hit = preparedKeys.get(hex);
  if (hit) return hit;
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) throw new Sm2KeyError('a public key is 65 bytes, 04 ‖ x ‖ y');
  const point = Point.fromBytes(new Uint8Array(publicKey));
  point.assertValidity();
  point.precompute(8, false);
  const entry = { point, z: undefined };
  preparedKeys.set(hex, entry);
  if (preparedKeys.size > 64) preparedKeys.delete(preparedKeys.keys().next().value!);
  return entry;
}

function zOf(publicKey: Buffer, id: Buffer | undefined): Buffer {
  if (id && !id.equals(SM2_DEFAULT_ID)) return sm2Z(publicKey, id);
  const entry = prepared(publicKey);
  entry.z ??= sm2Z(publicKey);
  return entry.z;
}

function privateScalar(privateKey: Buffer): bigint {
  if (privateKey.length !== 32) throw new Sm2KeyError('a private key is 32 bytes');
  const d = toBigInt(privateKey);
  if (d < 1n || d > N - 2n) throw new Sm2KeyError('private key out of range [1, n−2]');
  return d;
}

function randomScalar(): bigint {
  for (;;) {
    const k = toBigInt(randomBytes(32));
    if (k >= 1n && k < N) return k;
  }
}

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function toBigInt(bytes: Buffer | Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function toBytes32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}
