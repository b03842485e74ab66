import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../../src/platform/db/database';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import type { Principal } from '../../src/platform/identity/principal';
import { issueToken } from '../../src/platform/identity/tokens';
import { createLogger } from '../../src/platform/logging';
import { intake, REGISTER } from '../support/lifecycle';
import { as } from '../support/principals';
import { freePort, spawnHub, type HubProcess } from '../support/processes';
import { subscribeSse } from '../support/sse';

/**
 * Scale-out (docs/design.md decision 6; issue 9, point 9): two gateway processes and two hotline
 * processes on loopback, one PostgreSQL. Gateway 1 talks to hotline A, gateway 2 to hotline B (a
 * load balancer would mix them; this makes the crossing certain).
 * - A subscription opened through gateway 2 (served by process B) receives an event published by a
 *   mutation through gateway 1 (in process A): LISTEN/NOTIFY carried it across — both the hub's own
 *   `caseChanges` and the test-only probe subgraph (scale-out/probe.ts), whose events name the
 *   publishing and delivering processes.
 * - Both hotline processes run the outbox worker on the same outbox: every message is delivered
 *   exactly once (one attempt each, and the two processes' delivery counters add up to the number
 *   of messages).
 */
describe('two gateways and two hotline processes on one PostgreSQL', () => {
  const log = createLogger({ level: 'silent' });
  const serverUrl = process.env.HUB_TEST_SERVER_URL!;
  const database = `hub_scale_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-scale-'));
  let databaseUrl: string;
  let db: pg.Client;
  let processes: { hotlineA: HubProcess; hotlineB: HubProcess; gateway1: HubProcess; gateway2: HubProcess };
  let urls: { hotlineA: string; hotlineB: string; gateway1: string; gateway2: string };
  let before: { maxSeq: string; undelivered: number };

  beforeAll(async () => {
    databaseUrl = await createDatabase(serverUrl, database, log, process.env.HUB_TEST_TEMPLATE);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ max: string | null; undelivered: string }>(
      "select coalesce(max(seq), 0)::text as max, count(*) filter (where delivered_at is null and dead_at is null)::text as undelivered from hotline.outbox",
    );
    before = { maxSeq: rows[0]!.max ?? '0', undelivered: Number(rows[0]!.undelivered) };
    // Development keys shared through DATA_DIR, made before four processes race to make them.
    await loadOrCreateKeyPair(dataDir, 'jwt');
    await loadOrCreateKeyPair(dataDir, 'assertion');
    const [hotlineA, probeA, hotlineB, probeB, gateway1, gateway2, nobody] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
    const elsewhere = ['exchange', 'audit', 'petition', 'supervision', 'utilities'].map((name) => `${name}=http://127.0.0.1:${nobody}/graphql`).join(',');
    const env = { NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEMO_DATA: 'off' };
    const sideA = `hotline=http://127.0.0.1:${hotlineA}/graphql,probe=http://127.0.0.1:${probeA}/graphql`;
    const sideB = `hotline=http://127.0.0.1:${hotlineB}/graphql,probe=http://127.0.0.1:${probeB}/graphql`;
    const part = 'tests/security/scale-out/part.ts';
    const [a, b, g1, g2] = await Promise.all([
      spawnHub(['--only', 'hotline,probe'], { ...env, SUBGRAPH_URLS: sideA, BACKGROUND_JOBS: 'on' }, part),
      spawnHub(['--only', 'hotline,probe'], { ...env, SUBGRAPH_URLS: sideB, BACKGROUND_JOBS: 'on' }, part),
      spawnHub(['--only', 'gateway'], { ...env, PORT: String(gateway1), SUBGRAPH_URLS: `${sideA},${elsewhere}` }, part),
      spawnHub(['--only', 'gateway'], { ...env, PORT: String(gateway2), SUBGRAPH_URLS: `${sideB},${elsewhere}` }, part),
    ]);
    processes = { hotlineA: a, hotlineB: b, gateway1: g1, gateway2: g2 };
    urls = {
      hotlineA: `http://127.0.0.1:${hotlineA}`,
      hotlineB: `http://127.0.0.1:${hotlineB}`,
      gateway1: `http://127.0.0.1:${gateway1}`,
      gateway2: `http://127.0.0.1:${gateway2}`,
    };
  }, 120_000);

  afterAll(async () => {
    if (processes) for (const p of Object.values(processes)) await p.stop('SIGKILL');
    await db?.end();
    await dropDatabase(serverUrl, database).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const token = async (principal: Principal) => {
    const keys = await loadOrCreateKeyPair(dataDir, 'jwt');
    return issueToken(principal, { ...keys, issuer: 'hotline-hub-dev', audience: 'hotline-hub', now: new Date() });
  };
  const gql = async (gateway: string, query: string, variables: Record<string, unknown>, principal: Principal, purpose?: string) => {
    const response = await fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(principal)}`, ...(purpose ? { 'x-purpose': purpose } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  };

  /** A subscription through `gateway`, read one event at a time. */
  const subscribe = async (gateway: string, query: string, principal: Principal) =>
    subscribeSse(`${gateway}/graphql`, { query }, { authorization: `Bearer ${await token(principal)}` });

  it('each gateway answers through its own hotline process', async () => {
    const one = await gql(urls.gateway1, '{ probeProcess categories { code } }', {}, as.DISPATCHER);
    const two = await gql(urls.gateway2, '{ probeProcess categories { code } }', {}, as.DISPATCHER);
    expect(one.errors).toBeUndefined();
    expect(two.errors).toBeUndefined();
    expect(one.data!.probeProcess).toBe(processes.hotlineA.pid);
    expect(two.data!.probeProcess).toBe(processes.hotlineB.pid);
  });

  it('a subscription through gateway 2 receives the event a mutation through gateway 1 published in another process', async () => {
    const events = await subscribe(urls.gateway2, 'subscription { probeEvents { kind message publishedBy deliveredBy } }', as.DISPATCHER);
    try {
      expect(await events.next()).toEqual({ data: { probeEvents: { kind: 'READY', message: '', publishedBy: processes.hotlineB.pid, deliveredBy: processes.hotlineB.pid } } });
      const published = await gql(urls.gateway1, 'mutation($m: String!) { publishProbe(message: $m) }', { m: '跨进程事件' }, as.DISPATCHER);
      expect(published).toEqual({ data: { publishProbe: processes.hotlineA.pid } });
      expect(await events.next()).toEqual({
        data: { probeEvents: { kind: 'EVENT', message: '跨进程事件', publishedBy: processes.hotlineA.pid, deliveredBy: processes.hotlineB.pid } },
      });
    } finally {
      await events.close();
    }
  });

  it("the hub's own caseChanges subscription, held by process B, hears a case registered through gateway 1 in process A", async () => {
    const events = await subscribe(urls.gateway2, 'subscription { caseChanges { kind action case { number title } } }', as.DISPATCHER);
    try {
      expect((await events.next()).data.caseChanges.kind).toBe('SUBSCRIBED');
      const res = await gql(urls.gateway1, REGISTER, { input: intake({ title: '跨进程订阅测试' }) }, as.OPERATOR, 'INTAKE');
      expect(res.errors).toBeUndefined();
      expect(await events.next()).toEqual({
        data: { caseChanges: { kind: 'CHANGED', action: 'awaitDispatch', case: { number: res.data!.registerCase.number, title: '跨进程订阅测试' } } },
      });
    } finally {
      await events.close();
    }
  });

  it('cases registered through both gateways: every outbox message is delivered exactly once by the two competing workers', async () => {
    for (let i = 0; i < 8; i++) {
      const gateway = i % 2 === 0 ? urls.gateway1 : urls.gateway2;
      const res = await gql(gateway, REGISTER, { input: intake({ title: `横向扩展测试 ${i}`, caller: { name: '李四', phone: `1390000${String(1000 + i)}`, callbackConsent: true } }) }, as.OPERATOR, 'INTAKE');
      expect(res.errors).toBeUndefined();
    }
    const { rows: created } = await db.query<{ n: string }>('select count(*)::text as n from hotline.outbox where seq > $1', [before.maxSeq]);
    expect(Number(created[0]!.n)).toBeGreaterThanOrEqual(8);
    // The workers are woken by NOTIFY; wait for them (the test's own timeout bounds the wait).
    for (;;) {
      const { rows } = await db.query<{ n: string }>('select count(*)::text as n from hotline.outbox where delivered_at is null and dead_at is null');
      if (rows[0]!.n === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows: attempts } = await db.query<{ attempts: number; n: string }>('select attempts, count(*)::text as n from hotline.outbox where seq > $1 group by attempts', [before.maxSeq]);
    expect(attempts).toEqual([{ attempts: 1, n: created[0]!.n }]);

    const delivered = async (url: string) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith('hub_outbox_delivered_total{'))
        .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    };
    const [a, b] = [await delivered(urls.hotlineA), await delivered(urls.hotlineB)];
    expect(a + b).toBe(Number(created[0]!.n) + before.undelivered);
  });

  it('each process stops cleanly on SIGTERM', async () => {
    for (const p of Object.values(processes)) expect(await p.stop('SIGTERM')).toBe(0);
  });
});
