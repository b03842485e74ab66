import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Spawning parts of the hub as child processes, the way `npm start -- --only …` runs them. */
const ROOT = path.resolve(__dirname, '../..');

export type HubProcess = {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the first match of `pattern` in the output (waiting for it to appear). */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** A port nobody listens on right now (for a child that must be told its port in advance). */
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
 * Starts `entry` (src/main.ts by default) with `args` and `env` on top of this process's
 * environment, and waits until it prints that it is ready.
 */
export async function spawnHub(args: string[], env: Record<string, string>, entry = 'src/main.ts'): Promise<HubProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve((exited = code))));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) return resolve(match);
        if (exited !== undefined) return reject(new Error(`exited with ${exited} before ${pattern}:\n${output}`));
        waiters.push(check);
      };
      void exit.then(() => waiters.push(check) && check());
      check();
    });
  const process_: HubProcess = {
    child,
    pid: child.pid!,
    output: () => output,
    waitFor,
    async stop(signal = 'SIGTERM') {
      if (exited !== undefined) return exited;
      child.kill(signal);
      return exit;
    },
  };
  await waitFor(/hotline-hub is ready/);
  return process_;
}
