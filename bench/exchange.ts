/**
 * F — exchange: outbound 110 transfers committed at a steady offered rate, delivered by the hub's own
 * exchange process to the 110 simulator over real HTTP, and acknowledged by it; throughput and the
 * latency from commit to the acknowledgement the hub recorded on the transfer.
 *
 * Three processes besides PostgreSQL:
 * - the hub's exchange as `npm start -- --only exchange` runs it, background jobs on: the kit's outbox
 *   worker, the partner client (timeout, circuit breaker), Standard Webhooks signing, the hash-chained
 *   exchange log, and the delivery hook that records a synchronous acknowledgement on the transfer;
 * - the 110 simulator as `npm run sim -- police110` runs it (connectors/police110/simulator.ts), with
 *   `--ack sync`: it verifies each signature and answers the push with its incident number;
 * - this process, which commits the transfers. Each tick is one transaction holding, per transfer, what
 *   the exchange commits for `transferCase` or an emergency disposition (connectors/exchange/case-events.ts):
 *   an OUTBOUND `PENDING` transfer of a stored case and its `transfer.created` message in the kit's outbox,
 *   with the matter's fields of 110's agreement. Written by SQL because the intake path (scenario E)
 *   cannot commit hundreds of transfers a second on this machine; from the commit on, everything is the hub's.
 */
import pg from 'pg';
import { generateSecret } from '../connectors/kit/signing';
import { freePort, startServer } from './processes';

export type ExchangeResult = {
  measured: boolean;
  description: string;
  offeredPerSecond: number;
  /** Transfers delivered and acknowledged per second, from the first commit to the last acknowledgement. */
  transfersPerSecond: number;
  /** Commit → acknowledgement recorded on the transfer. */
  p50Ms: number;
  p99Ms: number;
  /** Transfers the hub recorded as ACKNOWLEDGED with the simulator's incident number. */
  delivered: number;
  /** Transfers not acknowledged when the run ended. */
  failed: number;
  /** Messages that took more than one attempt (retried after a failure). */
  retried?: number;
  /** The most frequent reasons of failed attempts, from the exchange log. */
  failures?: { reason: string; attempts: number }[];
  /** What the 110 simulator saw: incidents it acknowledged, deliveries it refused (bad signature), and repeated deliveries. */
  partner?: { acknowledged: number; refused: number; duplicates: number };
};

type SimulatorState = {
  incidents: { transferId: string; incidentNumber: string; deliveries: number; acknowledged: boolean }[];
  received: { unique: number; arrivals: number; badSignatures: number };
};

const PARTNER = 'police110';
const REASON = '涉嫌违法行为，移交110处置';

export async function runExchange(options: {
  /** The environment of the hub's processes (database, data directory, subgraph URLs …). */
  hubEnv: Record<string, string>;
  /** Node options of the two processes (`--cpu-prof …` with the bench's --cpu-prof). */
  nodeOptions?: string[];
  seconds: number;
  rate: number;
  say: (line: string) => void;
  stops: (() => Promise<void>)[];
}): Promise<ExchangeResult> {
  const { hubEnv, seconds, rate, say, stops } = options;
  const databaseUrl = hubEnv.DATABASE_URL!;
  const secret = generateSecret();
  const [exchangePort, simulatorPort] = [await freePort(), await freePort()];
  const exchangeUrl = `http://127.0.0.1:${exchangePort}`;
  say('F exchange: starting the hub exchange process (background jobs on) and the 110 simulator');
  const [exchange, simulator] = await Promise.all([
    startServer({
      name: 'f-hub-exchange',
      entry: 'src/main.ts',
      nodeOptions: options.nodeOptions,
      args: ['--only', 'exchange'],
      env: {
        ...hubEnv,
        BACKGROUND_JOBS: 'on',
        SUBGRAPH_URLS: hubEnv.SUBGRAPH_URLS!.split(',').map((entry) => (entry.startsWith('exchange=') ? `exchange=${exchangeUrl}/graphql` : entry)).join(','),
        PARTNER_POLICE110_URL: `http://127.0.0.1:${simulatorPort}/webhook`,
        PARTNER_POLICE110_SECRETS: secret,
      },
      ready: /hotline-hub is ready/,
      port: exchangePort,
    }),
    startServer({
      name: 'police110-simulator',
      entry: 'scripts/sim.ts',
      nodeOptions: options.nodeOptions,
      args: ['police110', '--port', String(simulatorPort), '--hub', exchangeUrl, '--secret', secret, '--ack', 'sync', '--feedback-after', 'off', '--quiet'],
      env: { DATA_DIR: hubEnv.DATA_DIR! },
      ready: /\[110 simulator\] listening on/,
      port: simulatorPort,
    }),
  ]);
  stops.push(() => exchange.stop(), () => simulator.stop());
  const description =
    `Transfers to 110 committed by SQL like the exchange commits them (an OUTBOUND transfer of a stored case and its \`transfer.created\` message in the kit's outbox, one transaction per 100 ms tick), ` +
    `delivered by the hub's exchange process (\`src/main.ts --only exchange\`, background jobs on: the kit's outbox worker, partner client, Standard Webhooks signature, exchange log) ` +
    `to the 110 simulator in its own process (\`npm run sim -- police110 --ack sync\`), which verifies each signature and acknowledges in its answer with an incident number; ` +
    `latency from the commit to the acknowledgement recorded on the transfer (ACKNOWLEDGED, acknowledged_at)`;

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const tickMs = 100;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    const ticks = Math.round((seconds * 1000) / tickMs);
    const offered = ticks * perTick;
    // Stored cases without a transfer: each gets one (a case has at most one open transfer per partner).
    const { rows: cases } = await db.query<{ id: string }>(
      `select c.id from hotline."case" c where not exists (select 1 from exchange.transfer t where t.case_id = c.id) order by c.number limit $1`,
      [offered],
    );
    if (cases.length < offered) throw new Error(`F: ${offered} transfers need as many cases without a transfer; the data has ${cases.length} (lower --exchange-rate or raise --cases)`);
    const runKey = `bench-f-${Date.now().toString(36)}`;
    say(`F exchange: offering ${rate} transfers/s for ${seconds} s`);
    const started = Date.now();
    for (let i = 0; i < ticks; i++) {
      await db.query(
        `with picked as (select * from hotline."case" where id = any($1::uuid[])),
         t as (
           insert into exchange.transfer (id, partner, direction, case_id, case_number, status, reason, attempts, idempotency_key, region_path, assigned_unit_ids, shared_with, created_at, updated_at, version)
           select gen_random_uuid(), $2::text, 'OUTBOUND', p.id, p.number, 'PENDING', $3::text, 0, $4::text || ':' || p.id, p.region_path, p.assigned_unit_ids,
                  array(select distinct s from unnest(p.shared_with || array[$2::text]) s), clock_timestamp(), clock_timestamp(), 1
             from picked p
           returning id, case_id, case_number, reason, created_at
         )
         insert into exchange.outbox (id, topic, key, payload, created_at, available_at, attempts)
         select gen_random_uuid(), 'partner.message', $2::text || ':' || t.id,
                jsonb_build_object('partner', $2::text, 'type', 'transfer.created', 'caseNumber', t.case_number, 'principalId', 'system:exchange', 'occurredAt', to_jsonb(t.created_at),
                  'data', jsonb_build_object('transferId', t.id, 'caseNumber', t.case_number, 'reason', t.reason,
                    'matter', jsonb_strip_nulls(jsonb_build_object('title', p.title, 'description', p.description, 'address', p.address, 'occurredAt', to_jsonb(p.occurred_at),
                      'category', p.category_code, 'region', p.region_code, 'type', p.type, 'urgency', p.urgency, 'caller_name', p.caller_name, 'caller_phone', p.caller_phone)))),
                t.created_at, t.created_at, 0
           from t join picked p on p.id = t.case_id`,
        [cases.slice(i * perTick, (i + 1) * perTick).map((c) => c.id), PARTNER, REASON, runKey],
      );
      const wait = started + (i + 1) * tickMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const mine = `partner = '${PARTNER}' and idempotency_key like '${runKey}:%'`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await db.query<{ open: number }>(`select count(*)::int as open from exchange.transfer where ${mine} and acknowledged_at is null and status not in ('REJECTED', 'DEAD_LETTERED')`);
      if (rows[0]!.open === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { rows } = await db.query<{ acknowledged: number; unanswered: number; p50: number; p99: number; span: number }>(
      `select count(*) filter (where status = 'ACKNOWLEDGED')::int as acknowledged,
              count(*) filter (where status <> 'ACKNOWLEDGED')::int as unanswered,
              percentile_cont(0.5) within group (order by extract(epoch from acknowledged_at - created_at) * 1000) as p50,
              percentile_cont(0.99) within group (order by extract(epoch from acknowledged_at - created_at) * 1000) as p99,
              extract(epoch from max(acknowledged_at) - min(created_at)) as span
         from exchange.transfer where ${mine}`,
    );
    const r = rows[0]!;
    const { rows: outbox } = await db.query<{ retried: number }>(
      `select count(*) filter (where attempts > 1)::int as retried from exchange.outbox where key in (select $1::text || ':' || id from exchange.transfer where ${mine})`,
      [PARTNER],
    );
    // Why attempts failed, from the hub's own evidence (the exchange log keeps every failed attempt).
    const { rows: failures } = await db.query<{ detail: string | null; n: number }>(
      `select detail, count(*)::int as n from exchange.exchange_log
        where direction = 'OUT' and outcome in ('FAILED', 'DEAD_LETTERED')
          and message_id in (select id::text from exchange.outbox where key in (select $1::text || ':' || id from exchange.transfer where ${mine}))
        group by detail order by n desc limit 3`,
      [PARTNER],
    );
    const state = (await (await fetch(`http://127.0.0.1:${simulatorPort}/state`)).json()) as SimulatorState;
    // The hub's record and the simulator's must agree: every transfer acknowledged once, under the incident number the simulator gave it.
    const { rows: refs } = await db.query<{ id: string; external_ref: string | null }>(`select id, external_ref from exchange.transfer where ${mine} and status = 'ACKNOWLEDGED'`);
    const incidents = new Map(state.incidents.map((i) => [i.transferId, i]));
    const mismatched = refs.filter((t) => !t.external_ref || incidents.get(t.id)?.incidentNumber !== t.external_ref).length;
    const result: ExchangeResult = {
      measured: true,
      description,
      offeredPerSecond: Math.round(offered / seconds),
      transfersPerSecond: r.span > 0 ? r.acknowledged / r.span : 0,
      p50Ms: Math.round(r.p50 ?? 0),
      p99Ms: Math.round(r.p99 ?? 0),
      delivered: r.acknowledged,
      failed: r.unanswered,
      retried: outbox[0]!.retried,
      failures: failures.map((f) => ({ reason: f.detail ?? 'unknown', attempts: f.n })),
      partner: { acknowledged: state.incidents.filter((i) => i.acknowledged).length, refused: state.received.badSignatures, duplicates: state.received.arrivals - state.received.unique },
    };
    say(
      `F ${result.transfersPerSecond.toFixed(0)} transfers/s delivered to the 110 simulator and acknowledged (offered ${result.offeredPerSecond}/s), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; ` +
        `${result.delivered} of ${offered} acknowledged, ${result.failed} not within 60 s of the last commit, ${result.retried} retried; simulator: ${result.partner!.acknowledged} incidents, ${result.partner!.refused} refused, ${result.partner!.duplicates} duplicates` +
        (mismatched ? `  ✗ ${mismatched} acknowledged transfers without the incident number the simulator gave them` : '') +
        (failures.length ? `; failed attempts: ${failures.map((f) => `${f.n}× ${f.detail}`).join('; ')}` : ''),
    );
    return result;
  } finally {
    await db.end();
    await exchange.stop();
    await simulator.stop();
  }
}
