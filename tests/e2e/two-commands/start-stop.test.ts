import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The "two commands" promise, on the real entry point in a child process with its own embedded
 * PostgreSQL: the first start initialises and loads the demo data, a second start reuses it, and
 * SIGINT/SIGTERM stop everything — PostgreSQL included — leaving no process behind.
 */
const ROOT = path.resolve(__dirname, '../../..');

type Started = { child: ChildProcess; url: string; output: () => string };

function start(dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development' };
  delete env.DATABASE_URL; // this test is about the embedded default
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 180 s:\n${output}`)), 180_000);
    child.stdout!.on('data', () => {
      const match = /GraphQL \+ GraphiQL\s+(http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

function postgresRunningOn(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function countCases(url: string, output: string): Promise<number> {
  const token = /^  DISPATCHER\s+(eyJ\S+)$/m.exec(output)![1]!;
  let total = 0;
  let after: string | null = null;
  do {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($after: String) { cases(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', variables: { after } }),
    });
    const json = (await response.json()) as { data: { cases: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    total += json.data.cases.edges.length;
    after = json.data.cases.pageInfo.hasNextPage ? json.data.cases.pageInfo.endCursor : null;
  } while (after);
  return total;
}

describe('npm start on a fresh machine', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts with demo data, prints a token per role, restarts on the same data, and stops cleanly', async () => {
    const first = await start(dataDir);
    for (const role of ['OPERATOR', 'CONTRACT_OPERATOR', 'DISPATCHER', 'HANDLER', 'PARTNER_AGENCY', 'PARTNER_SYSTEM', 'AUDITOR', 'ANALYST', 'ADMIN']) {
      expect(first.output()).toMatch(new RegExp(`\\n  ${role}\\s+eyJ`));
    }
    expect(first.output()).toContain('demo data loaded');
    const casesSeen = await countCases(first.url, first.output());
    expect(casesSeen).toBeGreaterThan(50);
    expect(postgresRunningOn(dataDir)).toBe(true);
    expect(await stop(first.child, 'SIGINT')).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);

    const second = await start(dataDir);
    expect(second.output()).not.toContain('demo data loaded');
    expect(second.output()).not.toContain('initialising embedded PostgreSQL');
    expect(await countCases(second.url, second.output())).toBe(casesSeen);
    expect(await stop(second.child, 'SIGTERM')).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);
  }, 420_000);
});
