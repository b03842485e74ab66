import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DecryptionError, openText, prepareDataKey, seal } from '../../src/platform/crypto/cipher';
import { EnvelopeError, looksLikeEnvelope, parseEnvelope } from '../../src/platform/crypto/envelope';
import { labelledDigest, verifyLabelledDigest } from '../../src/platform/crypto/hash';
import { createLocalKeyProvider } from '../../src/platform/crypto/local-key-provider';
import { normaliseAddress, normaliseIdNumber, normaliseName, normalisePhone } from '../../src/platform/crypto/normalise';
import { CIPHER_ALGS } from '../../src/platform/crypto/profile';
import { generateSigningKey, signDetached, verifyDetached, verifyingKeyOf } from '../../src/platform/crypto/signature';
import { loadConfig } from '../../src/platform/config';

/** The envelope and signature formats, as someone holding the database (but not the keys) would attack them. */
describe.each(CIPHER_ALGS)('field cipher %s', (alg) => {
  const key = prepareDataKey(alg, 'k1', randomBytes(32));
  const context = 'hotline.case.caller_phone';

  test('a value round-trips, says its algorithm and key, and two encryptions differ', () => {
    const a = seal(key, Buffer.from('13800138000'), context);
    const b = seal(key, Buffer.from('13800138000'), context);
    expect(a).toMatch(new RegExp(`^v1\\.${alg}\\.k1\\.`));
    expect(a).not.toBe(b);
    expect(a).not.toContain('13800138000');
    expect(looksLikeEnvelope(a)).toBe(true);
    expect(openText(key, a, context).toString()).toBe('13800138000');
    expect(openText(key, seal(key, Buffer.alloc(0), context), context).length).toBe(0);
  });

  test('a flipped bit anywhere, another field, another key or a relabelled header fails to open', () => {
    const value = seal(key, Buffer.from('张三 110101199003074514'), context);
    const parts = value.split('.');
    for (const index of [3, 4, 5]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0]! ^= 1;
      const altered = [...parts];
      altered[index] = bytes.toString('base64url');
      expect(() => openText(key, altered.join('.'), context)).toThrow(DecryptionError);
    }
    expect(() => openText(key, value, 'hotline.case.caller_name')).toThrow(DecryptionError);
    expect(() => openText(prepareDataKey(alg, 'k1', randomBytes(32)), value, context)).toThrow(DecryptionError);
    const relabelled = prepareDataKey(alg, 'k2', Buffer.alloc(32));
    expect(() => openText(relabelled, value.replace('.k1.', '.k2.'), context)).toThrow(DecryptionError);
  });
});

test('a value cannot be opened as the other algorithm (no downgrade by relabelling)', () => {
  const secret = randomBytes(32);
  const gcm = seal(prepareDataKey('A256GCM', 'k1', secret), Buffer.from('x'), 'c');
  expect(() => parseEnvelope(gcm.replace('.A256GCM.', '.SM4CTR-HSM3.'))).toThrow(EnvelopeError);
});

test('malformed envelopes are refused with a reason that never repeats the text', () => {
  for (const text of ['13800138000', 'v2.A256GCM.k.AAAA.AA.AA', 'v1.DES.k.a.b.c', 'v1.A256GCM.k.AAAA.AA.AAAA', 'v1.A256GCM.k!.a.b.c']) {
    let message = '';
    try {
      parseEnvelope(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^not an encrypted value: /);
    expect(message).not.toContain('13800138000');
  }
});

describe('signatures name their algorithm and key', () => {
  test.each(['Ed25519', 'SM2-SM3'] as const)('%s: verifies; another payload, key or algorithm does not', (alg) => {
    const { signing, verifying } = generateSigningKey(alg, 'gw-2026');
    const signature = signDetached(signing, '{"sub":"u1"}');
    expect(signature.startsWith(`v1.${alg}.gw-2026.`)).toBe(true);
    expect(verifyDetached(signature, '{"sub":"u1"}', (id) => (id === 'gw-2026' ? verifying : undefined))).toBe(true);
    expect(verifyDetached(signature, '{"sub":"u2"}', () => verifying)).toBe(false);
    expect(verifyDetached(signature, '{"sub":"u1"}', () => undefined)).toBe(false);
    expect(verifyDetached(signature, '{"sub":"u1"}', () => generateSigningKey(alg, 'gw-2026').verifying)).toBe(false);
    expect(verifyingKeyOf(signing).alg).toBe(alg);
    const other = alg === 'Ed25519' ? 'SM2-SM3' : 'Ed25519';
    expect(verifyDetached(signature.replace(`.${alg}.`, `.${other}.`), '{"sub":"u1"}', () => generateSigningKey(other, 'gw-2026').verifying)).toBe(false);
  });

  test('across a profile switch both generations of signatures verify with their own keys', () => {
    const old = generateSigningKey('Ed25519', 'intl-1');
    const next = generateSigningKey('SM2-SM3', 'gm-1');
    const keys = new Map([
      ['intl-1', old.verifying],
      ['gm-1', next.verifying],
    ]);
    expect(verifyDetached(signDetached(old.signing, 'a'), 'a', (id) => keys.get(id))).toBe(true);
    expect(verifyDetached(signDetached(next.signing, 'a'), 'a', (id) => keys.get(id))).toBe(true);
  });
});

test('labelled digests verify with the algorithm they name', () => {
  expect(labelledDigest('sm3', 'abc')).toBe('sm3:66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  expect(verifyLabelledDigest(labelledDigest('sha256', 'link'), 'link')).toBe(true);
  expect(verifyLabelledDigest(labelledDigest('sm3', 'link'), 'link!')).toBe(false);
  expect(verifyLabelledDigest('md5:00', 'link')).toBe(false);
});

describe('normalisation before blind indexing (docs/encryption.md)', () => {
  test('phones: spaces, dashes, brackets, full-width digits and +86 / 0086 / 86 prefixes', () => {
    for (const spelling of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '0086-13800138000', '8613800138000', '１３８００１３８０００', '+86（138）0013-8000']) {
      expect(normalisePhone(spelling)).toBe('13800138000');
    }
    expect(normalisePhone('010-1234 5678')).toBe('01012345678');
    expect(normalisePhone('+86 10 1234 5678')).toBe('01012345678');
    expect(normalisePhone('110')).toBe('110');
  });
  test('ID numbers, names and addresses', () => {
    expect(normaliseIdNumber(' 11010119900307451x ')).toBe('11010119900307451X');
    expect(normaliseIdNumber('１１０１０１ １９９００３０７４５１ｘ')).toBe('11010119900307451X');
    expect(normaliseName('  张三 ')).toBe('张三');
    expect(normaliseName('Li  Ming')).toBe('Li  Ming');
    expect(normaliseAddress(' 北京市 朝阳区\u3000建国路 １号 ')).toBe('北京市朝阳区建国路1号');
  });
});

describe('configuration', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crypto-config-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('defaults: intl profile, local key file', () => {
    const config = loadConfig({});
    expect(config.crypto).toEqual({ profile: 'intl', keyCacheSeconds: 300, keyProvider: { kind: 'local' } });
  });
  test('gm with the HTTP KMS', () => {
    const config = loadConfig({ CRYPTO_PROFILE: 'gm', KEY_PROVIDER: 'vault-transit', KMS_URL: 'http://127.0.0.1:5601', KMS_TOKEN: 's.dev-token' });
    expect(config.crypto.profile).toBe('gm');
    expect(config.crypto.keyProvider).toMatchObject({ kind: 'vault-transit', url: 'http://127.0.0.1:5601', keyName: 'hotline-hub', mount: 'transit', timeoutMs: 5000 });
  });
  test('each bad setting is named, with its reason, and the token is never echoed', () => {
    let message = '';
    try {
      loadConfig({ CRYPTO_PROFILE: 'sm', KEY_PROVIDER: 'vault-transit', KMS_TOKEN: 'short', KMS_KEY_NAME: 'a/b' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/CRYPTO_PROFILE: .*"intl"\|"gm"|CRYPTO_PROFILE: .*intl.*gm/);
    expect(message).toMatch(/KMS_TOKEN: must be the KMS access token .*\(got "\*\*\*"\)/);
    expect(message).toMatch(/KMS_KEY_NAME: must be the KMS key name/);
    expect(message).not.toContain('short');
    expect(() => loadConfig({ KEY_PROVIDER: 'vault-transit' })).toThrow(/KMS_URL: required when KEY_PROVIDER=vault-transit[\s\S]*KMS_TOKEN: required/);
  });
  test('production refuses the development key file and a KMS over plain HTTP', () => {
    const production = { NODE_ENV: 'production', JWKS_URL: 'https://idp.example/jwks', PII_HMAC_KEY: randomBytes(32).toString('base64'), DATABASE_URL: 'postgres://h/db', JWT_ISSUER: 'idp', ASSERTION_PUBLIC_KEY: '{"kty":"OKP","crv":"Ed25519","x":"abc"}' };
    expect(() => loadConfig({ ...production, KEY_PROVIDER: 'local' })).toThrow(/KEY_PROVIDER: local \(a key file in DATA_DIR\) is refused when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, KEY_PROVIDER: 'vault-transit', KMS_URL: 'http://kms:8200', KMS_TOKEN: 'hvs.0123456789' })).toThrow(/KMS_URL: must be https:\/\/ when NODE_ENV=production/);
    expect(loadConfig({ ...production, KEY_PROVIDER: 'vault-transit', KMS_URL: 'https://kms:8200', KMS_TOKEN: 'hvs.0123456789' }).crypto.keyProvider.kind).toBe('vault-transit');
    // And the provider itself refuses, whatever the configuration said.
    expect(() => createLocalKeyProvider({ dataDir, profile: 'intl', production: true })).toThrow(/refused when NODE_ENV=production/);
  });
});
