import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cryptoDb } from '../../src/platform/crypto/db';
import { createDatabase, dropDatabase } from '../../src/platform/db/database';
import { migrate, openOrm } from '../../src/platform/db/orm';
import { createLogger } from '../../src/platform/logging';

/**
 * A fresh database with the `crypto` schema migrated (the key store is not in the hub's module list
 * until the integration of issue 18), a pg pool on it, and a temporary DATA_DIR.
 */
export type CryptoDatabase = { url: string; pool: pg.Pool; dataDir: string; close(): Promise<void> };

let counter = 0;

export async function startCryptoDatabase(): Promise<CryptoDatabase> {
  const serverUrl = process.env.HUB_TEST_SERVER_URL;
  if (!serverUrl) throw new Error('tests/support/global-setup.ts did not run');
  const log = createLogger({ level: 'silent' });
  const name = `hub_c_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  const url = await createDatabase(serverUrl, name, log);
  const orm = await openOrm(cryptoDb, { url, poolMax: 2, log });
  try {
    await migrate(orm, log);
  } finally {
    await orm.close(true);
  }
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-crypto-'));
  return {
    url,
    pool,
    dataDir,
    async close() {
      await pool.end();
      await dropDatabase(serverUrl, name).catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
