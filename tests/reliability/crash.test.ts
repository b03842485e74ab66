import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateSecret, verify } from '../../connectors/kit/signing';
import { createDatabase, dropDatabase } from '../../src/platform/db/database';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import { issueToken } from '../../src/platform/identity/tokens';
import { createLogger } from '../../src/platform/logging';
import { intake, REGISTER } from '../support/lifecycle';
import { as } from '../support/principals';
import { freePort, spawnHub, type HubProcess } from '../support/processes';

/**
 * A hub process killed (SIGKILL) between committing a transfer and delivering it, and between
 * delivering it and marking it sent, then restarted: the transfer reaches 110 exactly once in
 * effect (the same webhook-id every time, so 110 drops the repeat), and nothing is lost.
 */
type Mode = 'hold' | 'ok';
const secret = generateSecret();
let database: string;
let databaseUrl: string;
let dataDir: string;
let db: pg.Client;
let token: string;
let partnerPort: number;
let partner: http.Server | undefined;
let mode: Mode = 'ok';
const arrivals: { id: string; transferId: string }[] = [];
const held: http.ServerResponse[] = [];

async function startPartner(): Promise<void> {
  partner = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const verdict = verify([secret], req.headers as Record<string, string>, body, new Date());
      if (!verdict.ok) return void res.writeHead(401).end();
      arrivals.push({ id: verdict.id, transferId: JSON.parse(body).data.transferId });
      if (mode === 'hold') return void held.push(res);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: true, incidentNumber: `JJ-${verdict.id.slice(0, 8)}` }));
    });
  });
  await new Promise<void>((resolve) => partner!.listen(partnerPort, '127.0.0.1', resolve));
}

async function stopPartner(): Promise<void> {
  for (const res of held.splice(0)) res.destroy();
  await new Promise<void>((resolve) => (partner ? partner.close(() => resolve()) : resolve()));
  partner?.closeAllConnections();
  partner = undefined;
}

async function startChild(): Promise<{ child: HubProcess; url: string }> {
  const port = await freePort();
  const child = await spawnHub([], {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    PORT: String(port),
    BACKGROUND_JOBS: 'on',
    SIMULATORS: 'off',
    PARTNER_POLICE110_URL: `http://127.0.0.1:${partnerPort}/webhook`,
    PARTNER_POLICE110_SECRETS: secret,
    PARTNER_POLICE110_TIMEOUT_MS: '120000',
    PARTNER_MAX_ATTEMPTS: '50',
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function register(url: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'INTAKE' },
    body: JSON.stringify({ query: REGISTER, variables: { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110' }) } }),
  });
  const body = (await response.json()) as { data: { registerCase: { number: string } } };
  return body.data.registerCase.number;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const transferOf = async (caseNumber: string) => {
  const { rows } = await db.query(`select id, status, external_ref from exchange.transfer where case_number = $1`, [caseNumber]);
  return rows as { id: string; status: string; external_ref: string | null }[];
};

beforeAll(async () => {
  const serverUrl = process.env.HUB_TEST_SERVER_URL!;
  database = `hub_crash_${process.pid}_${Date.now().toString(36)}`;
  databaseUrl = await createDatabase(serverUrl, database, createLogger({ level: 'silent' }), process.env.HUB_TEST_TEMPLATE);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-crash-'));
  const keys = await loadOrCreateKeyPair(dataDir, 'jwt');
  token = await issueToken(as.OPERATOR, { ...keys, issuer: 'hotline-hub-dev', audience: 'hotline-hub' });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  partnerPort = await freePort();
});

afterAll(async () => {
  await stopPartner();
  await db?.end();
  await dropDatabase(process.env.HUB_TEST_SERVER_URL!, database).catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('killed between commit and delivery (110 unreachable), restarted: delivered once', async () => {
  const first = await startChild();
  let caseNumber: string;
  try {
    caseNumber = await register(first.url);
    // Committed: the case and its transfer exist; 110 cannot be reached, so nothing was delivered.
    await until('the transfer to be committed', async () => ((await transferOf(caseNumber)).length ? true : undefined));
  } finally {
    await first.child.stop('SIGKILL');
  }
  const committed = (await transferOf(caseNumber!))[0]!;
  expect(arrivals.filter((a) => a.transferId === committed.id)).toHaveLength(0);
  mode = 'ok';
  await startPartner();
  const second = await startChild();
  try {
    const [transfer] = await until('the acknowledgement', async () => {
      const rows = await transferOf(caseNumber!);
      return rows[0]?.status === 'ACKNOWLEDGED' ? rows : undefined;
    });
    const mine = arrivals.filter((a) => a.transferId === transfer!.id);
    expect(new Set(mine.map((a) => a.id)).size).toBe(1);
    expect(transfer!.external_ref).toBe(`JJ-${mine[0]!.id.slice(0, 8)}`);
    expect((await transferOf(caseNumber!)).length).toBe(1);
  } finally {
    await second.child.stop('SIGKILL');
    await stopPartner();
  }
}, 120_000);

test('killed between delivery and marking it sent, restarted: sent again with the same webhook-id, one effect', async () => {
  mode = 'hold';
  await startPartner();
  const first = await startChild();
  let caseNumber: string;
  let transferId: string;
  try {
    caseNumber = await register(first.url);
    transferId = await until('110 to receive the push', async () => {
      const [t] = await transferOf(caseNumber);
      return t && arrivals.some((a) => a.transferId === t.id) ? t.id : undefined;
    });
  } finally {
    // 110 has the message; the hub is still waiting for the answer and has not marked it sent.
    await first.child.stop('SIGKILL');
  }
  const { rows } = await db.query(`select delivered_at from exchange.outbox where payload->'data'->>'transferId' = $1`, [transferId!]);
  expect(rows).toEqual([{ delivered_at: null }]);
  await stopPartner();
  mode = 'ok';
  await startPartner();
  const second = await startChild();
  try {
    await until('the acknowledgement', async () => ((await transferOf(caseNumber!))[0]?.status === 'ACKNOWLEDGED' ? true : undefined));
    const mine = arrivals.filter((a) => a.transferId === transferId!);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mine.map((a) => a.id)).size).toBe(1);
    // The acknowledgement can be recorded a moment before the worker marks its message delivered.
    const after = await until('the message marked delivered', async () => {
      const { rows: found } = await db.query(`select delivered_at from exchange.outbox where payload->'data'->>'transferId' = $1`, [transferId!]);
      return found.length !== 1 || found[0].delivered_at !== null ? found : undefined;
    });
    expect(after).toHaveLength(1);
    expect(after[0].delivered_at).not.toBeNull();
  } finally {
    await second.child.stop('SIGKILL');
  }
}, 120_000);
