import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureConsoleBuilt } from '../../federation/console-build';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded';
import { createDatabase, dropDatabase, withDatabase } from '../../src/platform/db/database';
import { createLogger } from '../../src/platform/logging';
import { buildTemplate } from './template';

/**
 * Starts one PostgreSQL for the whole run — embedded in a temporary directory, or the server
 * behind DATABASE_URL — and builds a template database (migrated, reference and demo data loaded)
 * that each test file clones in ~0.1 s.
 */
export default async function globalSetup(): Promise<void> {
  const log = createLogger({ level: 'error' });
  // Once for the run, before any worker: the browser tests and every `npm start` a test spawns then
  // find the console current instead of rebuilding it (npm install builds it; a merge may date it).
  await ensureConsoleBuilt({ log: () => undefined });
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), log });
    serverUrl = pg.url;
    (globalThis as Record<string, unknown>).__hubTestPostgres = { stop: () => pg.stop(), dir };
  }
  const template = `hub_tpl_${process.pid}`;
  await dropDatabase(serverUrl, template);
  const templateUrl = await createDatabase(serverUrl, template, log);
  await buildTemplate(templateUrl);
  process.env.HUB_TEST_SERVER_URL = withDatabase(serverUrl, 'postgres');
  process.env.HUB_TEST_TEMPLATE = template;
  (globalThis as Record<string, unknown>).__hubTestTemplate = { serverUrl, template };
}
