import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Registry } from 'prom-client';

/**
 * Prometheus metrics (issue 9, point 8). `startHub` creates one Registry per process and hands it to
 * every part, so each module registers its own metrics on it (the exchange its partner delivery
 * metrics, the gateway its request metrics); `GET /metrics` serves it. No module keeps a registry
 * of its own and nothing uses prom-client's global registry.
 *
 * Label values are bounded: subgraph, module, schema, topic and API error codes are fixed sets;
 * operation names are those of trusted documents (anything else is `ad_hoc`).
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hub_' });
  return registry;
}

/** Seconds: from a millisecond cache hit to a slow subgraph at the upstream timeout. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The metric of `name` in `registry`, created on first use (one per registry, whoever asks first). */
export function metric<T extends Counter | Gauge | Histogram>(registry: Registry, name: string, create: (registers: Registry[]) => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create([registry]);
}

type KnexLike = {
  on(event: 'query', listener: (data: { __knexQueryUid?: string; sql?: string }) => void): unknown;
  on(event: 'query-response' | 'query-error', listener: (a: unknown, data: { __knexQueryUid?: string }) => void): unknown;
  client: { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number } | null };
};

/**
 * Statement latency per database module, the latency of access-log writes (the one statement of
 * `appendAccessEvents`, recognised by the function it calls), and the connection pool of each
 * module, read at scrape time.
 */
export function instrumentDatabase(registry: Registry, module: string, knex: KnexLike): void {
  const statements = metric(registry, 'hub_db_statement_duration_seconds', (registers) =>
    new Histogram({ name: 'hub_db_statement_duration_seconds', help: 'SQL statement latency by database module', labelNames: ['module', 'outcome'], buckets: LATENCY_BUCKETS, registers }),
  );
  const auditWrites = metric(registry, 'hub_audit_write_duration_seconds', (registers) =>
    new Histogram({ name: 'hub_audit_write_duration_seconds', help: 'Latency of the one access-log INSERT of a request, by writing module', labelNames: ['module', 'outcome'], buckets: LATENCY_BUCKETS, registers }),
  );
  const pools: Map<string, KnexLike['client']> = poolsOf(registry);
  pools.set(module, knex.client);
  const started = new Map<string, { at: bigint; audit: boolean }>();
  knex.on('query', (data) => {
    if (data.__knexQueryUid) started.set(data.__knexQueryUid, { at: process.hrtime.bigint(), audit: /audit\.append_access_events/i.test(data.sql ?? '') });
  });
  const done = (outcome: 'ok' | 'error') => (_: unknown, data: { __knexQueryUid?: string }) => {
    const start = data?.__knexQueryUid ? started.get(data.__knexQueryUid) : undefined;
    if (!start) return;
    started.delete(data.__knexQueryUid!);
    const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
    statements.observe({ module, outcome }, seconds);
    if (start.audit) auditWrites.observe({ module, outcome }, seconds);
  };
  knex.on('query-response', done('ok'));
  knex.on('query-error', done('error'));
}

const POOLS = new WeakMap<Registry, Map<string, KnexLike['client']>>();

function poolsOf(registry: Registry): Map<string, KnexLike['client']> {
  let pools = POOLS.get(registry);
  if (pools) return pools;
  const known = new Map<string, KnexLike['client']>();
  POOLS.set(registry, known);
  pools = known;
  const gauge = (name: string, help: string, read: (pool: NonNullable<KnexLike['client']['pool']>) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['module'],
      registers: [registry],
      collect() {
        for (const [module, client] of known) if (client.pool) this.set({ module }, read(client.pool));
      },
    });
  gauge('hub_db_pool_connections_in_use', 'Connections checked out of the pool', (p) => p.numUsed());
  gauge('hub_db_pool_connections_idle', 'Idle connections in the pool', (p) => p.numFree());
  gauge('hub_db_pool_pending_acquires', 'Requests waiting for a connection', (p) => p.numPendingAcquires());
  return pools;
}

/** Outbox delivery metrics, as the WorkerEvents of connectors/kit/worker.ts expects them. */
export function outboxMetrics(registry: Registry, schema: string) {
  const delivered = metric(registry, 'hub_outbox_delivered_total', (registers) =>
    new Counter({ name: 'hub_outbox_delivered_total', help: 'Outbox messages delivered (handler succeeded and the row was marked)', labelNames: ['schema', 'topic'], registers }),
  );
  const failed = metric(registry, 'hub_outbox_failed_total', (registers) =>
    new Counter({ name: 'hub_outbox_failed_total', help: 'Outbox delivery attempts that failed', labelNames: ['schema', 'topic', 'dead'], registers }),
  );
  const duration = metric(registry, 'hub_outbox_delivery_duration_seconds', (registers) =>
    new Histogram({ name: 'hub_outbox_delivery_duration_seconds', help: 'Time a handler took to deliver one message', labelNames: ['schema', 'topic'], buckets: LATENCY_BUCKETS, registers }),
  );
  return {
    delivered(message: { topic: string }, ms: number) {
      delivered.inc({ schema, topic: message.topic });
      duration.observe({ schema, topic: message.topic }, ms / 1000);
    },
    failed(message: { topic: string }, _error: Error, willRetry: boolean) {
      failed.inc({ schema, topic: message.topic, dead: String(!willRetry) });
    },
  };
}

/** The Prometheus text exposition of `registry` (GET /metrics). */
export async function metricsResponse(registry: Registry): Promise<Response> {
  return new Response(await registry.metrics(), { status: 200, headers: { 'content-type': registry.contentType } });
}
