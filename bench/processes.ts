import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

/** A server under test, in its own process. */
export type ServerProcess = {
  name: string;
  pid: number;
  port: number;
  /** Peak resident set size so far (VmHWM), in MiB; null once the process has exited. */
  peakRssMiB(): number | null;
  output(): string;
  stop(): Promise<void>;
};

/** Every child this process started, so that Ctrl-C and errors stop them all (and only them). */
const children = new Set<ChildProcess>();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `entry` with tsx in a process of its own and waits for `ready` in its output; the port is
 * the one given (PORT), or the first number captured by `ready`.
 */
export async function startServer(options: {
  name: string;
  entry: string;
  args?: string[];
  env: Record<string, string>;
  ready: RegExp;
  port?: number;
  nodeOptions?: string[];
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), '--import', 'tsx', options.entry, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      children.delete(child);
      resolve();
    }),
  );
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} did not start within ${(options.timeoutMs ?? 120_000) / 1000} s:\n${output.slice(-2000)}`)), options.timeoutMs ?? 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const m = options.ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited before it was ready:\n${output.slice(-2000)}`));
    });
  });
  const port = options.port ?? Number(match[1]);
  return {
    name: options.name,
    pid: child.pid!,
    port,
    peakRssMiB() {
      if (exited) return null;
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
        return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
      } catch {
        return null;
      }
    },
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/** Runs a child to completion and returns its stdout (the load client). */
export function runChild(entry: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${entry} exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

/** Last resort on Ctrl-C or a crash: every child started here, by its own pid. */
export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}
