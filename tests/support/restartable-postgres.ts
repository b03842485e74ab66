import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, withDatabase } from '../../src/platform/db/database';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/db/embedded';
import { createLogger } from '../../src/platform/logging';
import { buildTemplate } from './template';

/**
 * A PostgreSQL cluster of a test's own (the embedded binaries, a second cluster beside the run's),
 * run in this process so that the test can restart it, stop it and start it again on the same port
 * under the hub — which it must not do to the cluster every other test file shares (own-postgres.ts
 * runs one in a child process that only stops). Its one database is migrated and holds the demo data.
 */
export type RestartablePostgres = {
  /** The seeded database's URL. */
  url: string;
  port: number;
  /** A fast shutdown (open transactions rolled back, sessions told "terminating connection"), then a start on the same port. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops it (fast shutdown); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
};

export async function startRestartablePostgres(name = 'hub'): Promise<RestartablePostgres> {
  const log = createLogger({ level: 'error' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-own-pg-'));
  const dataDir = path.join(dir, 'pg');
  const port = await freePort();
  let server: EmbeddedDatabase | undefined = await startEmbeddedPostgres({ dataDir, port, log });
  const url = await createDatabase(server.url, name, log);
  await buildTemplate(url);
  const start = async () => {
    server ??= await startEmbeddedPostgres({ dataDir, port, log });
  };
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  return {
    url: withDatabase(url, name),
    port,
    async restart({ downMs = 0 } = {}) {
      await stop();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    stop,
    start,
    async destroy() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
