/**
 * F — exchange: transfers written to the outbox at a steady offered rate, delivered (signed) to the
 * partner and acknowledged; throughput and the latency from commit to acknowledgement, read from
 * the outbox rows themselves (created_at → delivered_at).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { generateSecret } from '../connectors/kit/signing';
import { freePort, ROOT, startServer } from './processes';

export type ExchangeResult = {
  measured: boolean;
  description: string;
  offeredPerSecond: number;
  transfersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  delivered: number;
  failed: number;
  /** Messages the partner refused (bad signature) or saw twice. */
  partner?: { acknowledged: number; refused: number; duplicates: number };
};

const TOPIC = 'bench.transfer';

export async function runExchange(options: {
  databaseUrl: string;
  seconds: number;
  rate: number;
  say: (line: string) => void;
  stops: (() => Promise<void>)[];
}): Promise<ExchangeResult> {
  const { databaseUrl, seconds, rate, say, stops } = options;
  const simulator = fs.existsSync(path.join(ROOT, 'connectors/police110/simulator.ts'));
  const secret = generateSecret();
  const receiverPort = await freePort();
  const receiver = await startServer({ name: 'partner-receiver', entry: 'bench/servers/partner-receiver.ts', env: { WEBHOOK_SECRET: secret, PORT: String(receiverPort) }, ready: /bench server ready on (\d+)/, port: receiverPort });
  stops.push(() => receiver.stop());
  const worker = await startServer({
    name: 'outbox-delivery',
    entry: 'bench/servers/outbox-delivery.ts',
    env: { DATABASE_URL: databaseUrl, PARTNER_URL: `http://127.0.0.1:${receiverPort}/`, WEBHOOK_SECRET: secret, CONCURRENCY: '4' },
    ready: /bench server ready on (\d+)/,
    port: 0,
  });
  stops.push(() => worker.stop());
  const description =
    `the kit's outbox worker (4 claim loops, FOR UPDATE SKIP LOCKED) delivering to a minimal partner endpoint that verifies each Standard Webhooks signature with connectors/kit/signing.ts and acknowledges with 200` +
    (simulator ? ' (the 110 simulator exists but this run did not drive it)' : ' — the 110 simulator (issue 5) was not on this branch yet');

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`delete from hotline.outbox where topic = $1`, [TOPIC]).catch(() => undefined);
    const tickMs = 100;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    const ticks = Math.round((seconds * 1000) / tickMs);
    say(`F exchange: offering ${rate} transfers/s for ${seconds} s`);
    const started = Date.now();
    for (let i = 0; i < ticks; i++) {
      // One transaction per tick, like a burst of transferCase commits; each transfer is its own key.
      await db.query(
        `insert into hotline.outbox (id, topic, key, payload, created_at, available_at, attempts)
         select gen_random_uuid(), $1, 'bench-' || $2 || '-' || g, jsonb_build_object('partner', 'police110', 'transferId', gen_random_uuid(), 'reason', '涉嫌违法行为，移交110处置', 'region', '141102'), clock_timestamp(), clock_timestamp(), 0
         from generate_series(1, $3) g`,
        [TOPIC, i, perTick],
      );
      const wait = started + (i + 1) * tickMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const offered = ticks * perTick;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await db.query<{ pending: number }>(`select count(*)::int as pending from hotline.outbox where topic = $1 and delivered_at is null and dead_at is null`, [TOPIC]);
      if (rows[0]!.pending === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { rows } = await db.query<{ delivered: number; failed: number; p50: number; p99: number; span: number }>(
      `select count(*) filter (where delivered_at is not null)::int as delivered,
              count(*) filter (where delivered_at is null or attempts > 1)::int as failed,
              percentile_cont(0.5) within group (order by extract(epoch from delivered_at - created_at) * 1000) as p50,
              percentile_cont(0.99) within group (order by extract(epoch from delivered_at - created_at) * 1000) as p99,
              extract(epoch from max(delivered_at) - min(created_at)) as span
         from hotline.outbox where topic = $1`,
      [TOPIC],
    );
    const r = rows[0]!;
    const partner = (await (await fetch(`http://127.0.0.1:${receiverPort}/stats`)).json()) as ExchangeResult['partner'];
    const result: ExchangeResult = {
      measured: true,
      description,
      offeredPerSecond: Math.round(offered / seconds),
      transfersPerSecond: r.span > 0 ? r.delivered / r.span : 0,
      p50Ms: Math.round(r.p50),
      p99Ms: Math.round(r.p99),
      delivered: r.delivered,
      failed: r.failed,
      partner,
    };
    say(`F ${result.transfersPerSecond.toFixed(0)} transfers/s delivered and acknowledged (offered ${result.offeredPerSecond}/s), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; ${result.failed} failed`);
    return result;
  } finally {
    await db.end();
    await worker.stop();
    await receiver.stop();
  }
}
