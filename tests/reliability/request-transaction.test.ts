import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, dropDatabase } from '../../src/platform/db/database';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import { issueToken } from '../../src/platform/identity/tokens';
import { createLogger } from '../../src/platform/logging';
import { startTestHub, type TestHub } from '../support/hub';
import { startPgProxy, type PgProxy } from '../support/pg-proxy';
import { intake, REGISTER } from '../support/lifecycle';
import { as } from '../support/principals';
import { subscribeSse } from '../support/sse';
import { freePort, spawnHub, type HubProcess } from '../support/processes';

/**
 * Issue 15, failure 2: the request transaction gives its connection back on every error path.
 *
 * The hub reaches PostgreSQL through a TCP proxy that cuts the connection at the moment the hub
 * sends a given statement of a request's transaction — what an operator's failover or a dropped
 * network does to a request in flight. After each cut: the client is told UPSTREAM_UNAVAILABLE
 * (retryable), the hotline pool's in-use count is back to zero, the next request is answered, and
 * the hub still stops.
 */
const log = createLogger({ level: 'silent' });
const serverUrl = process.env.HUB_TEST_SERVER_URL!;
const database = `hub_txn_${process.pid}_${Date.now().toString(36)}`;
let proxy: PgProxy;
let hub: TestHub;

const PAGE = '{ cases(first: 1) { edges { node { number } } } }';

beforeAll(async () => {
  const url = await createDatabase(serverUrl, database, log, process.env.HUB_TEST_TEMPLATE);
  proxy = await startPgProxy(url);
  hub = await startTestHub({ database, env: { DATABASE_URL: proxy.url(url) } });
});

afterAll(async () => {
  await hub?.stop();
  await proxy?.close();
  await dropDatabase(serverUrl, database).catch(() => undefined);
});

async function inUse(): Promise<number> {
  return hub.metric('hub_db_pool_connections_in_use', { module: 'hotline' });
}

/** Polls until the hotline pool holds no connection (generous bound: the machine is shared). */
async function poolBackToIdle(): Promise<number> {
  for (let i = 0; i < 100 && (await inUse()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return inUse();
}

// The statements of a query's transaction on the hotline subgraph, as they leave the hub.
const statements: [string, string][] = [
  ['BEGIN', 'BEGIN;'],
  ["the principal's declaration for row-level security", "set_config('hub.role', 'DISPATCHER'"],
  ['the access-log insert', 'audit.append_access_events'],
  ['COMMIT', 'COMMIT;'],
];

test.each(statements)('a connection lost at %s: UPSTREAM_UNAVAILABLE, the connection is returned, the next request works', async (_name, text) => {
  expect((await hub.gql(PAGE, { as: as.DISPATCHER, purpose: 'SUPERVISION' })).body.errors).toBeUndefined();
  proxy.cutWhen(text);
  const failed = await hub.gql(PAGE, { as: as.DISPATCHER, purpose: 'SUPERVISION' });
  expect(failed.body.data?.cases ?? null).toBeNull();
  expect(failed.body.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
  expect(failed.body.errors?.[0]?.extensions?.retryable).toBe(true);
  expect(await poolBackToIdle()).toBe(0);
  const next = await hub.gql(PAGE, { as: as.DISPATCHER, purpose: 'SUPERVISION' });
  expect(next.body.errors).toBeUndefined();
  expect(next.body.data!.cases.edges).toHaveLength(1);
});

test("a subscription whose event's re-read loses its connection goes on: the event arrives", async () => {
  const events = await subscribeSse(`${hub.url}/graphql`, { query: 'subscription { caseChanges { kind case { number } } }' }, { authorization: `Bearer ${await hub.token(as.DISPATCHER)}`, 'x-purpose': 'SUPERVISION' });
  try {
    expect((await events.next()).data.caseChanges.kind).toBe('SUBSCRIBED');
    // The next statement declaring the dispatcher is this subscription's re-read of the event.
    proxy.cutWhen("set_config('hub.role', 'DISPATCHER'");
    const registered = await hub.gql(REGISTER, { variables: { input: intake({ title: '断线重读' }) }, as: as.OPERATOR, purpose: 'INTAKE' });
    expect(registered.body.errors).toBeUndefined();
    await hub.drainOutboxes();
    expect(await events.next()).toEqual({ data: { caseChanges: { kind: 'CHANGED', case: { number: registered.body.data!.registerCase.number } } } });
  } finally {
    await events.close();
  }
  expect(await poolBackToIdle()).toBe(0);
});

test('after every cut, the hub stops (no connection left for the pool to wait for)', async () => {
  const stopped = await Promise.race([hub.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 30_000))]);
  expect(stopped).toBe('stopped');
});

describe('SIGTERM with a connection PostgreSQL no longer answers on', () => {
  const stuckDatabase = `hub_stuck_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-stuck-'));
  let stuckProxy: PgProxy;
  let child: HubProcess | undefined;

  afterAll(async () => {
    await child?.stop('SIGKILL');
    await stuckProxy?.close();
    await dropDatabase(serverUrl, stuckDatabase).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the process exits within its grace period and logs what it abandoned', async () => {
    const url = await createDatabase(serverUrl, stuckDatabase, log, process.env.HUB_TEST_TEMPLATE);
    stuckProxy = await startPgProxy(url);
    const port = await freePort();
    child = await spawnHub([], { NODE_ENV: 'test', PORT: String(port), DATABASE_URL: stuckProxy.url(url), DATA_DIR: dataDir, DEMO_DATA: 'off', SIMULATORS: 'off', SHUTDOWN_GRACE_MS: '2000' });
    const base = `http://127.0.0.1:${port}`;
    const keys = await loadOrCreateKeyPair(dataDir, 'jwt');
    const token = await issueToken(as.DISPATCHER, { ...keys, issuer: 'hotline-hub-dev', audience: 'hotline-hub', now: new Date() });
    // The network between the hub and PostgreSQL stops passing anything, with a request in flight.
    stuckProxy.stall(true);
    const inFlight = fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'SUPERVISION' },
      body: JSON.stringify({ query: PAGE }),
    }).catch(() => undefined);
    const waiting = async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return text.split('\n').filter((line) => /^hub_db_pool_(connections_in_use|pending_acquires)\{module="hotline"\}/.test(line)).reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    };
    for (let i = 0; i < 300 && (await waiting()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await waiting()).toBeGreaterThan(0);

    const started = Date.now();
    const exited = await Promise.race([child.stop('SIGTERM'), new Promise((resolve) => setTimeout(() => resolve('still running'), 45_000))]);
    expect(exited).toBe(0);
    // 2 s of grace, then about a second per step that still had to finish (generous: the machine is shared).
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(child.output()).toMatch(/shutdown grace period over: .*database pool hotline: \d+ connections? in use closed/);
    await inFlight;
  }, 120_000);
});
