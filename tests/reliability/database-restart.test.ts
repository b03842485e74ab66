import { enqueue } from '../../connectors/kit/outbox';
import { sign } from '../../connectors/kit/signing';
import { OutboxWorker } from '../../connectors/kit/worker';
import { HotlineOutboxEntity } from '../../src/hotline/entities';
import { forkEm } from '../../src/platform/db/orm';
import { createLogger } from '../../src/platform/logging';
import { startTestHub, type TestHub } from '../support/hub';
import { intake, REGISTER } from '../support/lifecycle';
import { startRestartablePostgres, type RestartablePostgres } from '../support/restartable-postgres';
import { as } from '../support/principals';
import { subscribeSse, type EventStream } from '../support/sse';

/**
 * Issue 15, failures 3–5, as an operator causes them: the hub runs on a PostgreSQL cluster of this
 * test's own, which is restarted (fast shutdown, as `pg_ctl restart` does) and stopped under it.
 * - the outbox worker's LISTEN comes back by itself: a message committed after the restart wakes it
 *   (its poll interval here is two minutes, so only a notification explains the delivery);
 * - a subscription open through the gateway survives the restart: it is told RESUBSCRIBED (re-read
 *   what you need: events of the gap were not heard) and then hears the next change;
 * - while the database is down, a request is answered UPSTREAM_UNAVAILABLE, `retryable: true`, with
 *   Retry-After, and the outage is logged once at warn — never an internal error;
 * - readiness is 503 while it is down and 200 again soon after, without restarting the hub.
 */
let own: RestartablePostgres;
let hub: TestHub;
const PAGE = '{ cases(first: 1) { edges { node { number } } } }';

beforeAll(async () => {
  own = await startRestartablePostgres();
  hub = await startTestHub({ databaseUrl: own.url, captureLogs: true });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await own?.destroy();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ready = async () => (await fetch(`${hub.url}/readyz`)).status;

test('the outbox worker LISTENs again after a restart: a message committed afterwards wakes it', async () => {
  const topic = `test.restart.${Date.now()}`;
  const delivered: string[] = [];
  const worker = new OutboxWorker({
    orm: hub.orms.hotline,
    schema: 'hotline',
    clock: { now: () => new Date() },
    log: createLogger({ level: 'silent' }),
    pollMs: 120_000,
    handlers: { [topic]: async (message) => void delivered.push(message.id) },
  });
  await worker.start();
  try {
    await own.restart();
    await until('the database to accept writes again', async () => {
      const em = forkEm(hub.orms.hotline);
      await em.execute('select 1');
      return true;
    });
    // Whatever the worker did during the restart, it is idle again before the message is committed.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const em = forkEm(hub.orms.hotline);
    const [id] = enqueue(em, HotlineOutboxEntity, new Date(), [{ topic, key: 'after-restart', payload: {} }]);
    await em.flush();
    // Far sooner than the next poll (two minutes): only the notification can have woken it.
    await until('the worker to deliver the message', async () => (delivered.includes(id!) ? true : undefined), 300);
    expect(delivered).toEqual([id]);
  } finally {
    await worker.stop();
  }
}, 120_000);

test('a subscription survives a restart: RESUBSCRIBED, then the next change', async () => {
  await until('readiness', async () => ((await ready()) === 200 ? true : undefined));
  const events: EventStream = await subscribeSse(
    `${hub.url}/graphql`,
    { query: 'subscription { caseChanges { kind action case { number title } } }' },
    { authorization: `Bearer ${await hub.token(as.DISPATCHER)}`, 'x-purpose': 'SUPERVISION' },
  );
  try {
    expect((await events.next()).data.caseChanges.kind).toBe('SUBSCRIBED');
    await own.restart({ downMs: 1_000 });
    const resubscribed = await events.next();
    expect(resubscribed).toEqual({ data: { caseChanges: { kind: 'RESUBSCRIBED', action: null, case: null } } });
    const registered = await until('a registration to succeed', async () => {
      const res = await hub.gql(REGISTER, { variables: { input: intake({ title: '重启后的订阅' }) }, as: as.OPERATOR, purpose: 'INTAKE' });
      return res.body.errors ? undefined : res.body.data!.registerCase;
    });
    await hub.drainOutboxes();
    expect(await events.next()).toEqual({ data: { caseChanges: { kind: 'CHANGED', action: 'awaitDispatch', case: { number: registered.number, title: '重启后的订阅' } } } });
  } finally {
    await events.close();
  }
}, 120_000);

test('while the database is down: UPSTREAM_UNAVAILABLE, retryable, Retry-After, logged once at warn; ready again after', async () => {
  await until('readiness', async () => ((await ready()) === 200 ? true : undefined));
  const logged = hub.logs.length;
  await own.stop();
  try {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await hub.gql(PAGE, { as: as.DISPATCHER, purpose: 'SUPERVISION' }));
    for (const answer of answers) {
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(answer.body.errors?.[0]?.extensions?.retryable).toBe(true);
      expect(answer.body.errors?.[0]?.message).toMatch(/try again/);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await ready()).toBe(503);
    // A partner's webhook is told to send it again (503, Retry-After), not that the hub failed.
    const body = JSON.stringify({ type: 'transfer.created', occurredAt: new Date().toISOString(), data: { externalRef: 'JJ-DOWN-1', region: '141102', title: '停库期间', description: '数据库重启期间收到的双非警情' } });
    const webhook = await fetch(`${hub.url}/partners/police110/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sign([...hub.exchangeKit!.partners.require('police110').secrets], 'JJ-DOWN-1', new Date(), body) },
      body,
    });
    expect(webhook.status).toBe(503);
    expect(Number(webhook.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await webhook.json()).toMatchObject({ error: 'UPSTREAM_UNAVAILABLE', retryable: true });
  } finally {
    await own.start();
  }
  await until('readiness after the database came back', async () => ((await ready()) === 200 ? true : undefined));
  expect((await hub.gql(PAGE, { as: as.DISPATCHER, purpose: 'SUPERVISION' })).body.errors).toBeUndefined();

  const lines = hub.logs.slice(logged);
  // Nothing at error level (50) or above, no stack anywhere; the hotline logged the outage once.
  expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  expect(lines.filter((line) => JSON.stringify(line).includes('    at '))).toEqual([]);
  // Failure 7: a lost connection's pg client (with its cancel key) is never logged.
  expect(lines.filter((line) => /"(client|secretKey|processID)":/.test(JSON.stringify(line)))).toEqual([]);
  expect(lines.filter((line) => line.subgraph === 'hotline' && /^database unavailable/.test(line.msg))).toHaveLength(1);
}, 120_000);
