import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { toGlobalId } from '../../../src/platform/graphql/ids';
import { freePort } from '../../support/processes';

/**
 * The developer commands as the README shows them (issue 16, point 5): `npm run token -- --unit`
 * takes the ids the API answers, and `npm run sim -- police110` has help, a documented port
 * setting, and says plainly when its port is taken.
 */
const ROOT = path.resolve(__dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development', ...env }, timeout: timeoutMs }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const UNIT = '3f1c1d2e-9a4b-4c5d-8e6f-0a1b2c3d4e5f';

test('npm run token -- --unit accepts the global id that { units { id } } answers, and the plain uuid', async () => {
  const global = await run('scripts/token.ts', ['--role', 'HANDLER', '--unit', toGlobalId('Unit', UNIT)]);
  expect(global.stderr).toBe('');
  expect(decodeJwt(global.stdout.trim())).toMatchObject({ role: 'HANDLER', unit: UNIT });
  const plain = await run('scripts/token.ts', ['--role', 'HANDLER', '--unit', UNIT]);
  expect(decodeJwt(plain.stdout.trim())).toMatchObject({ unit: UNIT });
  const bad = await run('scripts/token.ts', ['--role', 'HANDLER', '--unit', 'not-a-unit']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--unit');
});

test('npm run sim -- police110 --help prints the options, the port setting included', async () => {
  const help = await run('scripts/sim.ts', ['police110', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--port');
  expect(help.stdout).toContain('SIMULATOR_POLICE110_PORT');
  expect(help.stdout).toContain('--fail');
});

test('a busy port is said plainly, naming the port and how to choose another', async () => {
  const port = await freePort();
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  try {
    const busy = await run('scripts/sim.ts', ['police110'], { SIMULATOR_POLICE110_PORT: String(port) });
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`port ${port} is already in use`);
    expect(busy.stderr).toContain('SIMULATOR_POLICE110_PORT');
    expect(busy.stderr).not.toMatch(/\n\s+at /); // no stack trace
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});
