import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './processes';

const ROOT = path.resolve(__dirname, '../..');

export type OwnPostgres = { url: string; stop(): Promise<void> };

/**
 * Starts an embedded PostgreSQL server of its own (not the suite's shared one), with a database
 * `hub` migrated and holding the demo city's units, catalog and cases — the state of a city's
 * deployment before partners connect. For tests of the deployed layout (tests/e2e/production/).
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-own-pg-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/own-postgres-main.ts', path.join(dir, 'pg'), String(await freePort())], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`own PostgreSQL exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
