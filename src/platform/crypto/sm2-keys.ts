import { sm2PublicKey, Sm2KeyError } from './sm2';

/**
 * SM2 keys as PEM — PKCS#8 for the private key, SubjectPublicKeyInfo for the public key, with the
 * algorithm ecPublicKey and the curve OID 1.2.156.10197.1.301 (GB/T 35276) — the form `openssl
 * genpkey -algorithm SM2`, GmSSL and Node write. Parsed here, byte by byte, because Node's KeyObject
 * cannot be trusted with them: a PEM-loaded SM2 key has no asymmetricKeyType, and exporting it as
 * `sec1` aborts the whole Node 20 process (an assertion in node::crypto, measured).
 */
const EC_PUBLIC_KEY = Buffer.from('06072a8648ce3d0201', 'hex');
const SM2_CURVE = Buffer.from('06082a811ccf5501822d', 'hex');
const ALGORITHM = Buffer.concat([Buffer.from([0x30, EC_PUBLIC_KEY.length + SM2_CURVE.length]), EC_PUBLIC_KEY, SM2_CURVE]);

export function sm2PrivateKeyToPem(privateKey: Buffer): string {
  const publicKey = sm2PublicKey(privateKey);
  const ecPrivateKey = der(0x30, Buffer.concat([Buffer.from('020101', 'hex'), der(0x04, privateKey), der(0xa1, der(0x03, Buffer.concat([Buffer.from([0]), publicKey])))]));
  return pem('PRIVATE KEY', der(0x30, Buffer.concat([Buffer.from('020100', 'hex'), ALGORITHM, der(0x04, ecPrivateKey)])));
}

export function sm2PublicKeyToPem(publicKey: Buffer): string {
  return pem('PUBLIC KEY', der(0x30, Buffer.concat([ALGORITHM, der(0x03, Buffer.concat([Buffer.from([0]), publicKey]))])));
}

/** The 32-byte private key of a PKCS#8 SM2 PEM; refuses any other algorithm or curve. */
export function sm2PrivateKeyFromPem(text: string): Buffer {
  const info = children(read(unpem(text, 'PRIVATE KEY')));
  if (info.length < 3 || !info[0]!.equals(Buffer.from('020100', 'hex'))) throw new Sm2KeyError('not a PKCS#8 private key');
  checkAlgorithm(info[1]!);
  const ecPrivateKey = children(read(content(info[2]!, 0x04)));
  const d = content(ecPrivateKey[1] ?? Buffer.alloc(0), 0x04);
  if (d.length !== 32) throw new Sm2KeyError('the private key is not 32 bytes');
  sm2PublicKey(d); // range check
  return Buffer.from(d);
}

/** The 65-byte public key (04 ‖ x ‖ y) of an SPKI SM2 PEM. */
export function sm2PublicKeyFromPem(text: string): Buffer {
  const spki = children(read(unpem(text, 'PUBLIC KEY')));
  if (spki.length !== 2) throw new Sm2KeyError('not a SubjectPublicKeyInfo');
  checkAlgorithm(spki[0]!);
  const bits = content(spki[1]!, 0x03);
  if (bits[0] !== 0 || bits.length !== 66 || bits[1] !== 0x04) throw new Sm2KeyError('the public key is not an uncompressed point');
  return Buffer.from(bits.subarray(1));
}

function checkAlgorithm(element: Buffer): void {
  if (!element.equals(ALGORITHM)) throw new Sm2KeyError('the key is not an SM2 key (algorithm ecPublicKey with curve 1.2.156.10197.1.301)');
}

function der(tag: number, body: Buffer): Buffer {
  const length = body.length < 0x80 ? Buffer.from([body.length]) : body.length < 0x100 ? Buffer.from([0x81, body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

/** One TLV element at the start of `bytes`, whole (tag and length included). */
function element(bytes: Buffer): Buffer {
  if (bytes.length < 2) throw new Sm2KeyError('truncated DER');
  let length = bytes[1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 2 || bytes.length < 2 + count) throw new Sm2KeyError('unsupported DER length');
    length = count === 1 ? bytes[2]! : (bytes[2]! << 8) | bytes[3]!;
    header = 2 + count;
  }
  if (bytes.length < header + length) throw new Sm2KeyError('truncated DER');
  return bytes.subarray(0, header + length);
}

function read(bytes: Buffer): Buffer {
  const e = element(bytes);
  if (e.length !== bytes.length) throw new Sm2KeyError('trailing bytes after the DER structure');
  return e;
}

function content(e: Buffer, tag: number): Buffer {
  if (e[0] !== tag) throw new Sm2KeyError(`expected DER tag 0x${tag.toString(16)}`);
  const header = e[1]! & 0x80 ? 2 + (e[1]! & 0x7f) : 2;
  return e.subarray(header);
}

function children(sequence: Buffer): Buffer[] {
  let rest = content(sequence, 0x30);
  const out: Buffer[] = [];
  while (rest.length > 0) {
    const e = element(rest);
    out.push(e);
    rest = rest.subarray(e.length);
  }
  return out;
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function unpem(text: string, label: string): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(text);
  if (!match) throw new Sm2KeyError(`expected a PEM "${label}" block`);
  return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
}
