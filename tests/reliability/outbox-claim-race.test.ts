import pg from 'pg';
import { enqueue } from '../../connectors/kit/outbox';
import { OutboxWorker } from '../../connectors/kit/worker';
import { hotlineDb } from '../../src/hotline/db';
import { HotlineOutboxEntity } from '../../src/hotline/entities';
import { APP_ROLE } from '../../src/platform/db/app-role';
import { createDatabase, dropDatabase } from '../../src/platform/db/database';
import { forkEm, openOrm, type Orm } from '../../src/platform/db/orm';
import { createLogger } from '../../src/platform/logging';

/**
 * Issue 15, failure 1: two claim loops must never both deliver one outbox message.
 *
 * The race, made deterministic: claimer B's claim statement takes its snapshot while claimer A holds
 * the message; A delivers and commits; only then does B reach the row. Under READ COMMITTED,
 * PostgreSQL re-checks the row's newest version against the conditions of the locking query — a
 * claim that kept its state conditions only inside a subquery took the delivered message again.
 *
 * The pause inside B's statement is a row-level security policy on the outbox whose function waits
 * on an advisory lock the test holds, for B's database role only (B runs as the application role,
 * A as the owner, whom row security does not concern). Nothing of the worker is replaced: both are
 * the real OutboxWorker on the real table.
 */
const GATE_LOCK = 4_150_001;
const log = createLogger({ level: 'silent' });
const serverUrl = process.env.HUB_TEST_SERVER_URL!;
const database = `hub_claim_${process.pid}_${Date.now().toString(36)}`;
let owner: Orm;
let app: Orm;
let control: pg.Client;

beforeAll(async () => {
  const url = await createDatabase(serverUrl, database, log, process.env.HUB_TEST_TEMPLATE);
  owner = await openOrm(hotlineDb, { url, poolMax: 4, log });
  app = await openOrm(hotlineDb, { url, poolMax: 4, log, role: APP_ROLE });
  control = new pg.Client({ connectionString: url });
  await control.connect();
  await control.query(`
    create function public.claim_gate() returns boolean language plpgsql as $$
    begin
      if current_user = '${APP_ROLE}' then perform pg_advisory_xact_lock_shared(${GATE_LOCK}); end if;
      return true;
    end $$;
    alter table hotline.outbox enable row level security;
    create policy claim_gate on hotline.outbox using (public.claim_gate());
  `);
});

afterAll(async () => {
  await control?.end();
  await owner?.close(true);
  await app?.close(true);
  await dropDatabase(serverUrl, database).catch(() => undefined);
});

async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('a message delivered by one claimer while another claim is under way is not claimed again', async () => {
  const topic = `test.race.${Date.now()}`;
  const em = forkEm(owner);
  const [id] = enqueue(em, HotlineOutboxEntity, new Date(), [{ topic, key: 'case-1', payload: { n: 1 } }]);
  await em.flush();

  const deliveries: string[] = [];
  let holding!: () => void;
  let releaseA!: () => void;
  const aHolds = new Promise<void>((resolve) => (holding = resolve));
  const released = new Promise<void>((resolve) => (releaseA = resolve));
  const workerA = new OutboxWorker({
    orm: owner,
    schema: 'hotline',
    clock: { now: () => new Date() },
    log,
    handlers: {
      [topic]: async (message) => {
        deliveries.push(`A:${message.id}`);
        holding();
        await released;
      },
    },
  });
  const aDrain = workerA.drain();
  await aHolds;

  // B's claim starts while A holds the message, and pauses inside its statement (after its snapshot).
  await control.query('select pg_advisory_lock($1)', [GATE_LOCK]);
  const workerB = new OutboxWorker({
    orm: app,
    schema: 'hotline',
    clock: { now: () => new Date() },
    log,
    handlers: { [topic]: async (message) => void deliveries.push(`B:${message.id}`) },
  });
  const bDrain = workerB.drain();
  try {
    await until('claimer B to wait inside its claim', async () => {
      const { rows } = await control.query<{ n: number }>(`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and not granted`, [GATE_LOCK]);
      return rows[0]!.n > 0;
    });
    // A delivers and commits while B's statement is paused.
    releaseA();
    expect(await aDrain).toBe(1);
  } finally {
    await control.query('select pg_advisory_unlock($1)', [GATE_LOCK]);
  }
  await bDrain;

  expect(deliveries).toEqual([`A:${id}`]);
  const { rows } = await control.query<{ attempts: number; delivered: boolean }>('select attempts, delivered_at is not null as delivered from hotline.outbox where id = $1', [id]);
  expect(rows).toEqual([{ attempts: 1, delivered: true }]);
});
