import { ManualClock } from '../../src/platform/clock';
import { createFieldCipher, type FieldCipher } from '../../src/platform/crypto/field-cipher';
import { createKeyring } from '../../src/platform/crypto/keyring';
import { createLocalKeyProvider } from '../../src/platform/crypto/local-key-provider';
import { JobBusyError, progressLine, reencryptionStatus, runReencryption, type EncryptedTable, type JobProgress } from '../../src/platform/crypto/reencryption-job';
import { startCryptoDatabase, type CryptoDatabase } from '../support/crypto';

/**
 * The generic re-encryption job on a scratch table of a real PostgreSQL, read back with plain SQL:
 * encrypting clear legacy values, stopping and resuming, the application writing meanwhile, a DEK
 * rotation, an erased case, a damaged value that stops the job, and a second runner.
 */
let db: CryptoDatabase;
let fields: FieldCipher;
const clock = new ManualClock('2026-12-01T09:00:00+08:00');
const ROWS = 1000;
const phoneOf = (i: number) => `139${String(i).padStart(8, '0')}`;
const target: EncryptedTable = { table: 'scratch.caller', idColumn: 'id', columns: ['phone', 'name'], scope: { column: 'case_id', prefix: 'case:' } };

beforeAll(async () => {
  db = await startCryptoDatabase();
  fields = createFieldCipher(createKeyring({ pool: db.pool, provider: createLocalKeyProvider({ dataDir: db.dataDir, profile: 'gm', production: false }), profile: 'gm', clock }));
  await db.pool.query('create schema scratch; create table scratch.caller (id bigint primary key, case_id text not null, phone text, name text)');
  // 1000 callers over 50 cases, in clear — a table about to be brought under encryption; some names missing.
  await db.pool.query(
    `insert into scratch.caller select i, 'k' || (i % 50), '139' || lpad(i::text, 8, '0'), case when i % 7 = 0 then null else '姓名' || i end from generate_series(1, ${ROWS}) i`,
  );
});
afterAll(async () => db?.close());

const rows = async () => (await db.pool.query<{ id: string; case_id: string; phone: string; name: string | null }>('select c.id::text as id, case_id, phone, name from scratch.caller c order by c.id')).rows;

test('encrypts a clear table in batches, stops when told, resumes where it stopped, and leaves concurrent writes alone', async () => {
  const stop = new AbortController();
  const seen: JobProgress[] = [];
  const stopped = await runReencryption({
    pool: db.pool,
    cipher: fields,
    target,
    name: 'scratch-encrypt',
    clock,
    batchSize: 100,
    signal: stop.signal,
    onProgress: (p) => {
      seen.push(p);
      if (p.processed >= 300) stop.abort();
    },
  });
  expect(stopped).toMatchObject({ state: 'stopped', cursor: '300', processed: 300, total: ROWS });
  expect(progressLine(stopped)).toMatch(/^reencrypt scratch-encrypt: 300\/1000 rows \(30 %\), \d+ values rewritten, 0 erased — stopped$/);
  expect(seen.map((p) => p.processed)).toEqual([0, 100, 200, 300, 300]);
  const half = await rows();
  expect(half.slice(0, 300).every((r) => r.phone.startsWith('v1.SM4CTR-HSM3.'))).toBe(true);
  expect(half.slice(300).every((r) => r.phone === phoneOf(Number(r.id)))).toBe(true);
  expect(await reencryptionStatus(db.pool, 'scratch-encrypt')).toMatchObject({ state: 'stopped', cursor: '300', processed: 300 });

  // The application writes row 700 meanwhile, already encrypted under the current key: the job keeps it.
  const written = await fields.encrypt('13700000000', { scope: 'case:k0', context: 'scratch.caller.phone' });
  await db.pool.query('update scratch.caller set phone = $1 where id = 700', [written]);

  const done = await runReencryption({ pool: db.pool, cipher: fields, target, name: 'scratch-encrypt', clock, batchSize: 100 });
  expect(done).toMatchObject({ state: 'done', processed: ROWS, erased: 0 });
  const all = await rows();
  expect(all.every((r) => r.phone.startsWith('v1.SM4CTR-HSM3.') && (r.name === null || r.name.startsWith('v1.SM4CTR-HSM3.')))).toBe(true);
  expect(all.find((r) => r.id === '700')!.phone).toBe(written);
  const sample = all.filter((r) => Number(r.id) % 97 === 1);
  const opened = await fields.decryptMany(sample.map((r) => ({ value: r.phone, context: 'scratch.caller.phone' })));
  expect(opened).toEqual(sample.map((r) => ({ state: 'clear', value: phoneOf(Number(r.id)) })));
  // Each case's values are under that case's own key.
  const perCase = await db.pool.query("select count(distinct split_part(phone, '.', 3))::int as keys, count(distinct case_id)::int as cases from scratch.caller");
  expect(perCase.rows[0]).toEqual({ keys: 50, cases: 50 });
  // Running a finished job again does nothing.
  expect((await runReencryption({ pool: db.pool, cipher: fields, target, name: 'scratch-encrypt', clock })).rewritten).toBe(done.rewritten);
});

test('after a DEK rotation and one erased case, the job moves every live value to the new keys and leaves the erased ones', async () => {
  const before = await rows();
  await fields.keyring.rotate('case:k1');
  await fields.keyring.rotate('case:k2');
  await fields.keyring.destroy('case:k3', 'test erasure');
  const result = await runReencryption({ pool: db.pool, cipher: fields, target, name: 'scratch-rotate', clock, batchSize: 250 });
  const k1Rows = before.filter((r) => r.case_id === 'k1' || r.case_id === 'k2');
  const k3Rows = before.filter((r) => r.case_id === 'k3');
  const rewrittenValues = k1Rows.reduce((n, r) => n + (r.name === null ? 1 : 2), 0);
  const erasedValues = k3Rows.reduce((n, r) => n + (r.name === null ? 1 : 2), 0);
  expect(result).toMatchObject({ state: 'done', processed: ROWS, rewritten: rewrittenValues, erased: erasedValues });
  const { rows: keys } = await db.pool.query("select scope, id from crypto.data_key where scope in ('case:k1', 'case:k2') and state = 'active'");
  const after = await rows();
  for (const { scope, id } of keys) {
    expect(after.filter((r) => `case:${r.case_id}` === scope).every((r) => r.phone.split('.')[2] === id)).toBe(true);
  }
  // Untouched: the erased case's ciphertext and every other case's.
  expect(after.filter((r) => !['k1', 'k2'].includes(r.case_id))).toEqual(before.filter((r) => !['k1', 'k2'].includes(r.case_id)));
});

test('a damaged value stops the job with the table, row and column named (not the value); fixed, the job resumes and finishes', async () => {
  await fields.keyring.rotate('case:k4');
  const { rows: victim } = await db.pool.query<{ phone: string }>("select phone from scratch.caller where id = 504");
  const parts = victim[0]!.phone.split('.');
  const damaged = [...parts.slice(0, 4), Buffer.from('999999999').toString('base64url'), parts[5]].join('.');
  await db.pool.query('update scratch.caller set phone = $1 where id = 504', [damaged]);

  const error = await runReencryption({ pool: db.pool, cipher: fields, target, name: 'scratch-damaged', clock, batchSize: 100 }).catch((e: unknown) => e as Error);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/^scratch\.caller id=504 column phone: the value under key [\w-]+ failed authentication/);
  const status = await reencryptionStatus(db.pool, 'scratch-damaged');
  expect(status).toMatchObject({ state: 'failed', cursor: '500', processed: 500 });
  expect(status!.lastError).not.toContain('999999999');

  await db.pool.query('update scratch.caller set phone = $1 where id = 504', [victim[0]!.phone]);
  expect(await runReencryption({ pool: db.pool, cipher: fields, target, name: 'scratch-damaged', clock, batchSize: 100 })).toMatchObject({ state: 'done', processed: ROWS });
  expect(await fields.decrypt((await rows()).find((r) => r.id === '504')!.phone, 'scratch.caller.phone')).toBe(phoneOf(504));
});

test('one runner per job: a second process starting the same job is refused while the first runs', async () => {
  await fields.keyring.rotate('case:k5');
  let second: Promise<unknown> | undefined;
  // The second runner starts from inside the first one's run (its lock is held by then).
  const first = await runReencryption({
    pool: db.pool,
    cipher: fields,
    target,
    name: 'scratch-twice',
    clock,
    batchSize: 5,
    onProgress: () => {
      second ??= runReencryption({ pool: db.pool, cipher: fields, target, name: 'scratch-twice', clock }).then(
        () => 'ran',
        (error: unknown) => error,
      );
    },
  });
  expect(first.state).toBe('done');
  expect(await second).toBeInstanceOf(JobBusyError);
  expect((await reencryptionStatus(db.pool, 'scratch-twice'))!.state).toBe('done');
});

test('identifiers are checked before any SQL is built', async () => {
  await expect(runReencryption({ pool: db.pool, cipher: fields, target: { ...target, table: 'scratch.caller; drop table x' }, name: 'bad', clock })).rejects.toThrow(/invalid SQL identifier/);
});
