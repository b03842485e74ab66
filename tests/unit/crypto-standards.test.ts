import { createCipheriv, createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { sm2 as independentSm2, sm3 as independentSm3 } from 'sm-crypto';
import { hmac } from '../../src/platform/crypto/hash';
import { sm2PrivateKeyFromPem, sm2PrivateKeyToPem, sm2PublicKeyFromPem, sm2PublicKeyToPem } from '../../src/platform/crypto/sm2-keys';
import { generateSm2KeyPair, sm2PublicKey, sm2Sign, sm2SignatureFromDer, sm2SignatureToDer, sm2Verify, sm2Z } from '../../src/platform/crypto/sm2';

/**
 * Interoperability proofs for the gm profile: the standards' own test vectors, and signatures
 * crossing between our SM2 and an independent implementation (sm-crypto) in both directions,
 * with the standard's default signer id.
 */
const hex = (b: Buffer) => b.toString('hex');

describe('GB/T 32905-2016 SM3 (Node OpenSSL, as our profile uses it)', () => {
  test('example 1: "abc"', () => {
    expect(hex(createHash('sm3').update('abc').digest())).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  test('example 2: the 64-byte message "abcd" × 16', () => {
    expect(hex(createHash('sm3').update('abcd'.repeat(16)).digest())).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('GB/T 32907-2016 SM4', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const ecb = () => {
    const c = createCipheriv('sm4-ecb', key, null);
    c.setAutoPadding(false);
    return c;
  };
  test('example 1: one block, key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    expect(hex(ecb().update(key))).toBe('681edf34d206965e86b3e94f536e4246');
  });
  test('example 2: the same block encrypted 1,000,000 times in a row', () => {
    // One ECB context, fed its own output: ≈1–3 s here, so the full vector runs in every `npm test`.
    const c = ecb();
    let block = Buffer.from(key);
    for (let i = 0; i < 1_000_000; i++) block = c.update(block);
    expect(hex(block)).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('HMAC-SM3 (RFC 2104 over SM3)', () => {
  test('ours equals sm-crypto’s independent HMAC-SM3 for short, block-size and long keys', () => {
    for (const keyLength of [16, 64, 100]) {
      const key = randomBytes(keyLength);
      const message = randomBytes(333);
      expect(hex(hmac('sm3', key, message))).toBe(independentSm3(Array.from(message), { key: hex(key), mode: 'hmac' }));
    }
  });
  test('and a fixed vector computed by hand from the definition (ipad/opad over SM3)', () => {
    const key = Buffer.alloc(64, 0x0b);
    const inner = createHash('sm3').update(Buffer.concat([Buffer.from(key.map((b) => b ^ 0x36)), Buffer.from('Hi There')])).digest();
    const outer = createHash('sm3').update(Buffer.concat([Buffer.from(key.map((b) => b ^ 0x5c)), inner])).digest();
    expect(hmac('sm3', key, 'Hi There')).toEqual(outer);
    expect(createHmac('sm3', key).update('Hi There').digest()).toEqual(outer);
  });
});

describe('GB/T 32918 SM2 signatures with SM3 and the default signer id 1234567812345678', () => {
  // GB/T 32918.5-2017 (GM/T 0003.5-2012) worked example on the recommended curve.
  const d = Buffer.from('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8', 'hex');
  const message = Buffer.from('message digest');

  test('the standard example: public key, Z value and (r, s) for the given k', () => {
    const publicKey = sm2PublicKey(d);
    expect(hex(publicKey).toUpperCase()).toBe('0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13');
    expect(hex(sm2Z(publicKey)).toUpperCase()).toBe('B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3');
    const signature = sm2Sign(d, message, { k: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n });
    expect(hex(signature).toUpperCase()).toBe(
      'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3' + 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
    );
    expect(sm2Verify(publicKey, message, signature)).toBe(true);
  });

  test('signatures made by our code verify in sm-crypto (raw r‖s and DER), with its default id', () => {
    for (let i = 0; i < 3; i++) {
      const { privateKey, publicKey } = generateSm2KeyPair();
      const text = `12345 工单 ${i} ${randomBytes(8).toString('hex')}`;
      const signature = sm2Sign(privateKey, Buffer.from(text, 'utf8'));
      expect(independentSm2.doVerifySignature(text, hex(signature), hex(publicKey), { hash: true })).toBe(true);
      expect(independentSm2.doVerifySignature(text, hex(sm2SignatureToDer(signature)), hex(publicKey), { hash: true, der: true })).toBe(true);
      expect(independentSm2.doVerifySignature(`${text}!`, hex(signature), hex(publicKey), { hash: true })).toBe(false);
    }
  }, 180_000); // sm-crypto's big-integer arithmetic is slow, on Node 24 most of all

  test('signatures made by sm-crypto verify in our code; another id, message or key does not', () => {
    for (let i = 0; i < 3; i++) {
      const pair = independentSm2.generateKeyPairHex();
      const publicKey = Buffer.from(pair.publicKey, 'hex');
      const text = `身份断言 ${i}`;
      const der = Buffer.from(independentSm2.doSignature(text, pair.privateKey, { hash: true, der: true }), 'hex');
      const signature = sm2SignatureFromDer(der);
      expect(sm2Verify(publicKey, Buffer.from(text, 'utf8'), signature)).toBe(true);
      expect(sm2Verify(publicKey, Buffer.from(text, 'utf8'), signature, { id: Buffer.from('ALICE123@YAHOO.COM') })).toBe(false);
      expect(sm2Verify(publicKey, Buffer.from(`${text}.`, 'utf8'), signature)).toBe(false);
      expect(sm2Verify(generateSm2KeyPair().publicKey, Buffer.from(text, 'utf8'), signature)).toBe(false);
      // Our key pair and sm-crypto's agree on the public key of a private key.
      expect(hex(sm2PublicKey(Buffer.from(pair.privateKey.padStart(64, '0'), 'hex')))).toBe(pair.publicKey);
    }
  }, 180_000);

  test('malformed signatures and keys are refused, not thrown', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    const signature = sm2Sign(privateKey, message);
    expect(sm2Verify(publicKey, message, signature.subarray(1))).toBe(false);
    expect(sm2Verify(publicKey, message, Buffer.alloc(64))).toBe(false);
    expect(sm2Verify(Buffer.alloc(65, 4), message, signature)).toBe(false);
    expect(() => sm2Sign(Buffer.alloc(32), message)).toThrow(/out of range/);
  });
});

describe('SM2 keys as PEM (PKCS#8 / SPKI, curve OID 1.2.156.10197.1.301)', () => {
  // A test key written by `openssl genpkey -algorithm SM2` (OpenSSL 3.0.19), and its public key from `openssl pkey -pubout`.
  const OPENSSL_PRIVATE = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgaF94+mG/yVo6gXvQ
h07XYoHd8ZkwCpQQnN+DXnUHtdyhRANCAAQWYEjkivvy6mQDLb2hSwC6yg89w5S4
UbTXBvGQ4NaW/E3n7IgOHUdDmoD0tAGzvzeIV5HhhJmKcWhpFNPR0K5D
-----END PRIVATE KEY-----
`;
  const OPENSSL_PUBLIC_DER = '3059301306072a8648ce3d020106082a811ccf5501822d03420004166048e48afbf2ea64032dbda14b00baca0f3dc394b851b4d706f190e0d696fc4de7ec880e1d47439a80f4b401b3bf37885791e184998a71686914d3d1d0ae43';

  test('a key written by OpenSSL is read, and written back byte for byte', () => {
    const d = sm2PrivateKeyFromPem(OPENSSL_PRIVATE);
    const publicKey = sm2PublicKey(d);
    expect(hex(publicKey)).toBe(OPENSSL_PUBLIC_DER.slice(-130));
    expect(sm2PrivateKeyToPem(d)).toBe(OPENSSL_PRIVATE);
    const publicPem = sm2PublicKeyToPem(publicKey);
    expect(hex(createPublicKey(publicPem).export({ format: 'der', type: 'spki' }))).toBe(OPENSSL_PUBLIC_DER);
    expect(sm2PublicKeyFromPem(publicPem)).toEqual(publicKey);
    // …and signs what sm-crypto verifies.
    expect(independentSm2.doVerifySignature('pem', hex(sm2Sign(d, Buffer.from('pem'))), hex(publicKey), { hash: true })).toBe(true);
  });

  test('keys Node generates on the SM2 curve are read; ours are read by Node', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const d = sm2PrivateKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    expect(sm2PublicKey(d)).toEqual(sm2PublicKeyFromPem(publicKey.export({ format: 'pem', type: 'spki' }).toString()));
    const ours = generateSm2KeyPair();
    expect(createPrivateKey(sm2PrivateKeyToPem(ours.privateKey)).export({ format: 'der', type: 'pkcs8' }).toString('base64')).toBe(
      sm2PrivateKeyToPem(ours.privateKey).replace(/-----[A-Z ]+-----|\n/g, ''),
    );
  });

  test('another algorithm or curve, or a damaged structure, is refused by name', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => sm2PrivateKeyFromPem(p256)).toThrow(/not an SM2 key/);
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => sm2PublicKeyFromPem(ed)).toThrow(/invalid SM2 key/);
    expect(() => sm2PrivateKeyFromPem(OPENSSL_PRIVATE.replace('MIGHAgEA', 'MIGHAgEB'))).toThrow(/invalid SM2 key/);
    expect(() => sm2PrivateKeyFromPem('not a pem')).toThrow(/expected a PEM "PRIVATE KEY" block/);
  });
});
