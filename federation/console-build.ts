import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in federation/). */
const ROOT = path.resolve(__dirname, '..');

/** What the console is built from: its sources, the typed documents it sends, the locked packages. */
const INPUTS = ['src/console', 'schema/generated/graphql.ts', 'package-lock.json'];
const STAMP = '.source-hash';

export type ConsoleBuildState = 'fresh' | 'stale' | 'missing';

/** SHA-256 over the inputs' paths and contents. */
export function consoleSourceHash(root = ROOT): string {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) visit(path.join(relative, name));
      return;
    }
    hash.update(relative).update('\0').update(fs.readFileSync(full)).update('\0');
  };
  for (const input of INPUTS) visit(input);
  return hash.digest('hex');
}

export function consoleBuildState(outDir: string, root = ROOT): ConsoleBuildState {
  if (!fs.existsSync(path.join(outDir, 'index.html'))) return 'missing';
  const stampFile = path.join(outDir, STAMP);
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  return stamp === consoleSourceHash(root) ? 'fresh' : 'stale';
}

/**
 * Type-checks and builds the console with Vite into `outDir` (default dist/console), then stamps it
 * with the inputs' hash so `npm start` and the browser tests rebuild only after a change. Both
 * tools run as child processes: the build's memory is not the hub's.
 */
export async function buildConsole(options: { outDir?: string; root?: string; log?: (line: string) => void } = {}): Promise<void> {
  const root = options.root ?? ROOT;
  const outDir = path.resolve(root, options.outDir ?? 'dist/console');
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  const hash = consoleSourceHash(root);
  log('console: type-checking src/console …');
  await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'src/console/tsconfig.json')], root);
  log('console: building with Vite …');
  // Built beside the served copy, then swapped in: a hub serving the old build, or a second build
  // started at the same time (two `npm start`s, parallel test workers), never sees half a directory.
  const staging = `${outDir}.build-${process.pid}-${Date.now()}`;
  try {
    await run(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js'), 'build', '--config', path.join(root, 'src/console/vite.config.mts'), '--outDir', staging, '--emptyOutDir'], root);
    fs.writeFileSync(path.join(staging, STAMP), `${hash}\n`);
    swapIn(staging, outDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log(`console: built into ${path.relative(root, outDir) || outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds when the console is missing or older than its sources; answers whether it built. */
export async function ensureConsoleBuilt(options: { outDir?: string; root?: string; log?: (line: string) => void } = {}): Promise<boolean> {
  const root = options.root ?? ROOT;
  const outDir = path.resolve(root, options.outDir ?? 'dist/console');
  if (consoleBuildState(outDir, root) === 'fresh') return false;
  await buildConsole({ ...options, root, outDir });
  return true;
}

/** Replaces `outDir` by `staging`; when another build swapped its own in first, that one stays. */
function swapIn(staging: string, outDir: string): void {
  const retired = `${outDir}.old-${process.pid}-${Date.now()}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, retired);
  try {
    fs.renameSync(staging, outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(retired, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Always the production build (jest sets NODE_ENV=test, which would bundle the libraries' development code).
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} failed (${signal ?? `exit ${code}`}): the console was not built`))));
  });
}
