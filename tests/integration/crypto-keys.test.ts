import { ManualClock } from '../../src/platform/clock';
import { asPiiHasher, loadBlindIndex } from '../../src/platform/crypto/blind-index';
import { createFieldCipher, ErasedValueError } from '../../src/platform/crypto/field-cipher';
import { KeyProviderError, type KeyProvider } from '../../src/platform/crypto/key-provider';
import { createKeyring, ScopeErasedError } from '../../src/platform/crypto/keyring';
import { startKmsSimulator, type KmsSimulator } from '../../src/platform/crypto/kms-simulator';
import { createLocalKeyProvider } from '../../src/platform/crypto/local-key-provider';
import type { CryptoProfile } from '../../src/platform/crypto/profile';
import { createVaultTransitProvider } from '../../src/platform/crypto/vault-transit-provider';
import { startCryptoDatabase, type CryptoDatabase } from '../support/crypto';

/**
 * The key hierarchy on a real PostgreSQL, with the KEK at a KMS simulator over real HTTP (and the
 * development key file): what an insider reading the database finds, KEK rotation, DEK rotation,
 * crypto-shredding of one case, a profile switch, and a KMS that fails.
 */
let db: CryptoDatabase;
let kms: KmsSimulator;
const clock = new ManualClock('2026-12-01T09:00:00+08:00');

beforeAll(async () => {
  db = await startCryptoDatabase();
  kms = await startKmsSimulator();
  kms.createKey('hub-intl', 'aes256-gcm96');
  kms.createKey('hub-gm', 'sm4-ctr-hmac-sm3');
});
afterAll(async () => {
  await kms?.stop();
  await db?.close();
});

const kmsProvider = (profile: CryptoProfile, overrides: { token?: string; timeoutMs?: number; retries?: number } = {}) =>
  createVaultTransitProvider({ url: kms.url, token: overrides.token ?? kms.token, keyName: profile === 'gm' ? 'hub-gm' : 'hub-intl', profile, timeoutMs: overrides.timeoutMs ?? 2_000, retries: overrides.retries });
const keyringOf = (provider: KeyProvider, profile: CryptoProfile) => createKeyring({ pool: db.pool, provider, profile, clock });
const PHONE = '13912345678';
const ID = '11010119900307451X';

describe.each(['intl', 'gm'] as const)('profile %s with the KMS', (profile) => {
  test('the database holds ciphertext and wrapped keys only; the values open with the KMS, not without it', async () => {
    const provider = kmsProvider(profile);
    await provider.check();
    const fields = createFieldCipher(keyringOf(provider, profile));
    const caseId = `c-${profile}-1`;
    const phone = await fields.encrypt(PHONE, { scope: `case:${caseId}`, context: 'hotline.case.caller_phone' });
    const id = await fields.encrypt(ID, { scope: `case:${caseId}`, context: 'hotline.case.caller_id_number' });
    expect(phone.split('.')[1]).toBe(profile === 'gm' ? 'SM4CTR-HSM3' : 'A256GCM');

    const { rows } = await db.pool.query("select id, alg, kek_id, wrapped, state from crypto.data_key where scope = $1", [`case:${caseId}`]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: phone.split('.')[2], alg: phone.split('.')[1], kek_id: `hub-${profile}:v1`, state: 'active' });
    expect(rows[0].wrapped).toMatch(/^vault:v1:/);
    const everything = JSON.stringify((await db.pool.query('select * from crypto.data_key')).rows) + phone + id;
    expect(everything).not.toContain(PHONE);
    expect(everything).not.toContain(ID);

    // A second process (cold cache) opens them through the KMS…
    const other = createFieldCipher(keyringOf(kmsProvider(profile), profile));
    expect(await other.decrypt(phone, 'hotline.case.caller_phone')).toBe(PHONE);
    expect(await other.decrypt(id, 'hotline.case.caller_id_number')).toBe(ID);
    // …a process whose token the KMS refuses does not, and is told why without the token.
    const refused = createFieldCipher(keyringOf(kmsProvider(profile, { token: 'stolen-backup-token' }), profile));
    const error = await refused.decrypt(phone, 'hotline.case.caller_phone').catch((e: unknown) => e as KeyProviderError);
    expect(error).toBeInstanceOf(KeyProviderError);
    expect((error as KeyProviderError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/KMS refused: POST \/v1\/transit\/decrypt\/hub-\w+ answered 403 \(permission denied\)/);
    expect((error as Error).message).not.toContain('stolen-backup-token');
  });

  test('a page of values from many cases opens with one KMS round trip', async () => {
    const fields = createFieldCipher(keyringOf(kmsProvider(profile), profile));
    const values = await Promise.all(Array.from({ length: 20 }, (_, i) => fields.encrypt(`1380000${String(i).padStart(4, '0')}`, { scope: `case:page-${profile}-${i}`, context: 'c' })));
    const cold = createFieldCipher(keyringOf(kmsProvider(profile), profile));
    const before = kms.calls.decrypt ?? 0;
    const opened = await cold.decryptMany(values.map((value) => ({ value, context: 'c' })));
    expect(opened.map((o) => (o.state === 'clear' ? o.value : 'erased'))).toEqual(values.map((_, i) => `1380000${String(i).padStart(4, '0')}`));
    expect((kms.calls.decrypt ?? 0) - before).toBe(1);
  });
});

test('crypto-shredding one case: its values are erased for every process, the other cases are untouched', async () => {
  const provider = kmsProvider('intl');
  const fields = createFieldCipher(keyringOf(provider, 'intl'));
  const a = await fields.encrypt(PHONE, { scope: 'case:shred-a', context: 'c' });
  const b = await fields.encrypt(PHONE, { scope: 'case:shred-b', context: 'c' });
  await fields.keyring.rotate('case:shred-a'); // two key generations under the case
  const a2 = await fields.encrypt(ID, { scope: 'case:shred-a', context: 'c' });

  expect(await fields.keyring.destroy('case:shred-a', 'retention: contact data of a closed case')).toBe(2);

  const { rows } = await db.pool.query('select scope, state, wrapped, kek_id, destroyed_reason from crypto.data_key where scope in ($1, $2) order by scope, created_at', ['case:shred-a', 'case:shred-b']);
  expect(rows.map((r) => [r.scope, r.state, r.wrapped === null, r.kek_id === null])).toEqual([
    ['case:shred-a', 'destroyed', true, true],
    ['case:shred-a', 'destroyed', true, true],
    ['case:shred-b', 'active', false, false],
  ]);
  expect(rows[0].destroyed_reason).toBe('retention: contact data of a closed case');

  for (const reader of [fields, createFieldCipher(keyringOf(kmsProvider('intl'), 'intl'))]) {
    await expect(reader.decrypt(a, 'c')).rejects.toThrow(ErasedValueError);
    expect(await reader.decryptMany([{ value: a2, context: 'c' }, { value: b, context: 'c' }])).toEqual([
      { state: 'erased', erasedAt: clock.now() },
      { state: 'clear', value: PHONE },
    ]);
  }
  // Nothing new is written under an erased case, and the tombstones cannot be deleted by the application role.
  await expect(fields.encrypt(PHONE, { scope: 'case:shred-a', context: 'c' })).rejects.toThrow(ScopeErasedError);
  const client = await db.pool.connect();
  try {
    await client.query('set role hub_app');
    await expect(client.query("delete from crypto.data_key where scope = 'case:shred-a'")).rejects.toThrow(/permission denied/);
  } finally {
    await client.query('reset role');
    client.release();
  }
});

test('KEK rotation at the KMS: every data key is re-wrapped under the new version, the values stay readable', async () => {
  const provider = kmsProvider('intl');
  const fields = createFieldCipher(keyringOf(provider, 'intl'));
  const values = await Promise.all([1, 2, 3].map((i) => fields.encrypt(`value ${i}`, { scope: `case:kek-${i}`, context: 'c' })));
  const next = await provider.rotate();
  expect(next).toBe('hub-intl:v2');
  const progress: number[] = [];
  const { rewrapped } = await fields.keyring.rewrapAll({ progress: (done) => progress.push(done) });
  expect(rewrapped).toBeGreaterThanOrEqual(3);
  expect(progress.at(-1)).toBe(rewrapped);
  const { rows } = await db.pool.query("select distinct kek_id from crypto.data_key where wrapped is not null and alg = 'A256GCM'");
  expect(rows).toEqual([{ kek_id: 'hub-intl:v2' }]);
  expect((await db.pool.query("select count(*)::int as n from crypto.data_key where wrapped like 'vault:v1:%' and alg = 'A256GCM'")).rows[0].n).toBe(0);
  const cold = createFieldCipher(keyringOf(kmsProvider('intl'), 'intl'));
  expect(await Promise.all(values.map((v) => cold.decrypt(v, 'c')))).toEqual(['value 1', 'value 2', 'value 3']);
  expect((await fields.keyring.rewrapAll()).rewrapped).toBe(0);
});

test('a failing KMS: retried when it recovers, a clear retryable error when it does not, a timeout when it hangs', async () => {
  const fields = createFieldCipher(keyringOf(kmsProvider('gm', { retries: 2 }), 'gm'));
  kms.failNext(2, 503);
  const value = await fields.encrypt(PHONE, { scope: 'case:flaky', context: 'c' });
  kms.failNext(10, 503);
  const cold = createFieldCipher(keyringOf(kmsProvider('gm', { retries: 1 }), 'gm'));
  const error = (await cold.decrypt(value, 'c').catch((e: unknown) => e)) as KeyProviderError;
  expect(error).toBeInstanceOf(KeyProviderError);
  expect(error.retryable).toBe(true);
  expect(error.message).toMatch(/KMS unavailable: .* answered 503/);
  kms.failNext(0);
  kms.delayMs = 1_500;
  try {
    const slow = createFieldCipher(keyringOf(kmsProvider('gm', { timeoutMs: 300, retries: 0 }), 'gm'));
    await expect(slow.decrypt(value, 'c')).rejects.toThrow(/KMS unavailable: POST \/v1\/transit\/decrypt\/hub-gm failed \(no answer within 300 ms\)/);
  } finally {
    kms.delayMs = 0;
  }
  expect(await cold.decrypt(value, 'c')).toBe(PHONE);
});

test('the gm profile refuses a KMS key that is not SM4, naming the key and its type', async () => {
  await expect(createVaultTransitProvider({ url: kms.url, token: kms.token, keyName: 'hub-intl', profile: 'gm' }).check()).rejects.toThrow(
    /KMS key hub-intl is of type aes256-gcm96; CRYPTO_PROFILE=gm needs an SM4 key at the KMS/,
  );
});

test('profile switch intl → gm with the development key file: old values still open, new ones are SM4, blind indexes find both generations', async () => {
  const intl = createFieldCipher(keyringOf(createLocalKeyProvider({ dataDir: db.dataDir, profile: 'intl', production: false }), 'intl'));
  const old = await intl.encrypt(PHONE, { scope: 'column:switch', context: 'c' });
  const oldIndex = (await loadBlindIndex(intl.keyring)).of('phone', '+86 139-1234-5678');
  const gm = createFieldCipher(keyringOf(createLocalKeyProvider({ dataDir: db.dataDir, profile: 'gm', production: false }), 'gm'));
  const fresh = await gm.encrypt(PHONE, { scope: 'column:switch', context: 'c' });
  expect(old.split('.')[1]).toBe('A256GCM');
  expect(fresh.split('.')[1]).toBe('SM4CTR-HSM3');
  expect(await gm.decrypt(old, 'c')).toBe(PHONE);
  expect(await gm.isCurrent(old, 'column:switch')).toBe(false);
  expect(await gm.isCurrent(fresh, 'column:switch')).toBe(true);

  const index = await loadBlindIndex(gm.keyring, { alsoAccept: ['HS256'] });
  const newIndex = index.of('phone', '13912345678');
  expect(newIndex).toMatch(/^v1\.HSM3\./);
  expect(index.candidates('phone', '0086 139 1234 5678')).toEqual([newIndex, oldIndex]);
  // One key per purpose: the same digits index differently as a phone and as an ID number.
  expect(index.of('id-number', '13912345678').split('.')[3]).not.toBe(newIndex.split('.')[3]);
  // Today's PiiHasher shape, computed by the blind index (the integration swaps it in for pii.ts).
  const hasher = asPiiHasher(index);
  expect(hasher.phone('+86 139 1234 5678')).toBe(newIndex);
  expect(hasher.idNumber('11010119900307451x')).toBe(index.of('id-number', ID));
  expect(hasher.of('a', 'bc')).not.toBe(hasher.of('ab', 'c'));
  // The KEK file lives in DATA_DIR/keys, readable by its owner only.
  const { statSync } = await import('node:fs');
  expect(statSync(`${db.dataDir}/keys/kek.json`).mode & 0o077).toBe(0);
});

test('moving from the development key file to the KMS: every data key is re-wrapped by the KMS, the values stay readable', async () => {
  const local = createLocalKeyProvider({ dataDir: db.dataDir, profile: 'intl', production: false });
  const before = createFieldCipher(keyringOf(local, 'intl'));
  const value = await before.encrypt(ID, { scope: 'case:moved', context: 'c' });
  const after = createFieldCipher(keyringOf(kmsProvider('intl'), 'intl'));
  const { rewrapped, foreign } = await after.keyring.rewrapAll({ from: local });
  expect(rewrapped).toBeGreaterThanOrEqual(1);
  expect(foreign).toBeGreaterThanOrEqual(1); // the gm KMS key's data keys belong to neither
  expect((await db.pool.query("select count(*)::int as n from crypto.data_key where kek_id like 'local-%'")).rows[0].n).toBe(0);
  expect(await createFieldCipher(keyringOf(kmsProvider('intl'), 'intl')).decrypt(value, 'c')).toBe(ID);
});

test('a copy of the database without the development key file opens nothing: the key file is not in the database', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const local = createLocalKeyProvider({ dataDir: db.dataDir, profile: 'gm', production: false });
  const value = await createFieldCipher(keyringOf(local, 'gm')).encrypt(PHONE, { scope: 'case:copied', context: 'c' });
  const elsewhere = mkdtempSync(`${tmpdir()}/hub-copy-`);
  try {
    // The thief's machine: same database rows, a DATA_DIR of its own (a fresh, different local-v1).
    const thief = createFieldCipher(keyringOf(createLocalKeyProvider({ dataDir: elsewhere, profile: 'gm', production: false }), 'gm'));
    await expect(thief.decrypt(value, 'c')).rejects.toThrow(/a data key wrapped by local-v\d+ failed to unwrap \(authentication failed\)/);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
