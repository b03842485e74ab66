import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/platform/clock';
import { isDatabaseUnavailable, outageLog, RETRY_AFTER_SECONDS, type OutageLog } from '../../src/platform/db/availability';
import { forkEm, type EntityManager, type Orm } from '../../src/platform/db/orm';
import { HubError } from '../../src/platform/graphql/errors';
import type { PgListener } from '../../src/platform/events/pg-listener';
import type { Logger } from '../../src/platform/logging';
import type { Registry } from '../../src/platform/observability/metrics';
import { EndpointGone, PartnerClient, type PartnerClientOptions, type PartnerEnvelope, type PartnerResponse } from './client';
import type { KitEntities } from './entities';
import { appendExchangeLog, payloadHash, queryExchangeLog, stableJson, verifyExchangeLog, type ExchangeLogEntry, type ExchangeLogFilter } from './exchange-log';
import { partnerMetrics, type PartnerMetrics } from './metrics';
import { enqueue, type OutboxMessage } from './outbox';
import type { PartnerConfig, PartnerRegistry } from './partners';
import { verify } from './signing';
import { GiveUp, OutboxWorker, RetryLater } from './worker';

/** The outbox topic of every message to a partner. */
export const PARTNER_TOPIC = 'partner.message';

/** What an inbound handler is given: its effects, written through `em`, commit with the idempotency record. */
export type InboundContext = {
  /** The transaction. Whatever the handler writes through it commits (or rolls back) with the first-result record. */
  em: EntityManager;
  partner: PartnerConfig;
  /** The idempotency key (`webhook-id`, or `receiveTransfer`'s `input.idempotencyKey`). */
  messageId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt?: string;
  /** `partner:<name>` for a webhook; the caller's `sub` through GraphQL. */
  principalId: string;
  via: 'webhook' | 'graphql';
  now: Date;
  /** Queues a message back to a partner in the same transaction. */
  send(message: OutboundMessage): string;
};

/** A handler's answer: stored as the first result, returned to every duplicate. */
export type InboundResult = { result: Record<string, unknown>; caseNumber?: string };

export type InboundHandler = (ctx: InboundContext) => Promise<InboundResult>;

export type OutboundMessage = {
  partner: string;
  /** `transfer.created`, `transfer.feedback` … (the envelope's `type`). */
  type: string;
  /** Ordering key: messages with one key reach the partner in order (the transfer or case id). */
  key: string;
  data: Record<string, unknown>;
  caseNumber?: string;
  /** Who caused the message (the exchange log's principal); `system` for automatic messages. */
  principalId?: string;
  availableAt?: Date;
};

/** Called after a partner accepted an outbound message (2xx), with its answer. */
export type DeliveredHook = (event: { message: OutboundPayload & { id: string }; response: PartnerResponse }) => Promise<void>;
/** Called after each failed attempt that will be retried (attempt count and error, for the connector's own view). */
export type FailedHook = (event: { message: OutboundPayload & { id: string }; error: Error; attempts: number }) => Promise<void>;
/** Called when an outbound message is given up (last attempt failed, 4xx that retrying cannot fix, 410). */
export type DeadLetterHook = (event: { message: OutboundPayload & { id: string }; error: Error; attempts: number }) => Promise<void>;

type OutboundPayload = { partner: string; type: string; data: Record<string, unknown>; caseNumber?: string; principalId: string; occurredAt: string };

export type InboundOutcome = { kind: 'ACCEPTED' | 'DUPLICATE'; result: Record<string, unknown> };

/** The same idempotency key with another payload (docs/api.md: CONFLICT). */
export class IdempotencyConflict extends HubError {
  constructor(partner: string, key: string) {
    super('CONFLICT', `${partner} already sent message ${key} with a different payload; use a new idempotency key for a new message`);
  }
}

export type ExchangeKitOptions = {
  /** The ORM of the module whose schema holds the kit's tables (the exchange). */
  orm: Orm;
  schema: string;
  entities: KitEntities;
  partners: PartnerRegistry;
  clock: Clock;
  log: Logger;
  registry: Registry;
  client?: PartnerClientOptions;
  /** Outbox retry schedule (capped exponential backoff with jitter). */
  backoff?: { baseMs: number; maxMs: number };
  pollMs?: number;
  /** Claim loops of the outbox worker (default 2). */
  concurrency?: number;
  /**
   * Messages of a claimed batch delivered at once (default 8; distinct keys only, so the order per
   * key holds). One by one, a claim loop delivered at most one message per partner round trip.
   */
  parallel?: number;
  /** Largest inbound webhook body (default 256 KiB). */
  maxBodyBytes?: number;
  /** The process's LISTEN connection, shared with its other workers (else the worker opens its own). */
  listener?: PgListener;
  /** Told about every alert (endpoint gone, acknowledgement overdue …), besides the error log and metric. */
  onAlert?: (alert: PartnerAlert) => void;
};

export type PartnerAlert = { partner: string; kind: string; message: string; details?: Record<string, unknown> };

export type PartnerReadiness = { ready: boolean; openCircuits: string[]; disabledEndpoints: string[] };

const WEBHOOK_PATH = /^\/partners\/([a-z0-9-]{1,32})\/webhook\/?$/;

/**
 * The exchange kit (connectors/kit/README.md): one per process, shared by every connector.
 * - outbound: `send(em, message)` in the caller's transaction → outbox → signed POST (timeout,
 *   circuit per partner, Retry-After, 410 disables) → exchange log → `onDelivered` hooks;
 * - inbound: `webhook(request)` serves POST /partners/<partner>/webhook (signature, ±5 min) and
 *   `receive(...)` (GraphQL mutations too) runs a registered handler exactly once per
 *   (partner, key), returning the first result to duplicates, CONFLICT for another payload;
 * - evidence: every message in or out is in the hash-chained exchange log;
 * - operations: per-partner metrics, `readiness()` reporting open circuits and disabled endpoints.
 */
export class ExchangeKit {
  readonly metrics: PartnerMetrics;
  readonly client: PartnerClient;
  readonly worker: OutboxWorker;
  private readonly inbound = new Map<string, InboundHandler>();
  private readonly delivered = new Map<string, DeliveredHook[]>();
  private readonly deadLettered = new Map<string, DeadLetterHook[]>();
  private readonly failedHooks = new Map<string, FailedHook[]>();
  private readonly s: string;
  /** Webhooks that find the database unreachable: logged when that begins and when it ends. */
  private readonly outage: OutageLog;

  constructor(private readonly options: ExchangeKitOptions) {
    this.s = `"${options.schema}"`;
    this.outage = outageLog(options.log, { component: 'partner webhooks' });
    this.metrics = partnerMetrics(options.registry);
    this.client = new PartnerClient({ ...options.client, onCircuit: (partner, open) => this.circuitChanged(partner, open) });
    this.worker = new OutboxWorker({
      orm: options.orm,
      schema: options.schema,
      handlers: { [PARTNER_TOPIC]: (message) => this.deliver(message) },
      clock: options.clock,
      log: options.log,
      concurrency: options.concurrency ?? 2,
      parallel: options.parallel ?? 8,
      pollMs: options.pollMs ?? 1_000,
      backoff: options.backoff ?? { baseMs: 1_000, maxMs: 5 * 60_000 },
      maxAttempts: (message) => options.partners.get(String(message.payload.partner))?.maxAttempts ?? 12,
      listener: options.listener,
    });
  }

  get partners(): PartnerRegistry {
    return this.options.partners;
  }

  // ── registration ────────────────────────────────────────────────────────────────────────────

  /** Handles inbound messages of `type` from `partner` ('*': from any partner without its own handler). */
  registerInboundHandler(partner: string, type: string, handler: InboundHandler): void {
    const key = `${partner}:${type}`;
    if (this.inbound.has(key)) throw new Error(`an inbound handler for ${key} is already registered`);
    this.inbound.set(key, handler);
  }

  /** Runs after a partner accepted an outbound message of `type` (every partner). */
  onDelivered(type: string, hook: DeliveredHook): void {
    this.delivered.set(type, [...(this.delivered.get(type) ?? []), hook]);
  }

  /** Runs after a failed attempt of an outbound message of `type` that will be retried. */
  onFailed(type: string, hook: FailedHook): void {
    this.failedHooks.set(type, [...(this.failedHooks.get(type) ?? []), hook]);
  }

  /** Runs when an outbound message of `type` is dead-lettered. */
  onDeadLettered(type: string, hook: DeadLetterHook): void {
    this.deadLettered.set(type, [...(this.deadLettered.get(type) ?? []), hook]);
  }

  // ── outbound ────────────────────────────────────────────────────────────────────────────────

  /** Queues a message to a partner in the unit of work of `em` (sent only if that commits). Returns its id (the webhook-id). */
  send(em: EntityManager, message: OutboundMessage): string {
    this.options.partners.require(message.partner);
    const payload: OutboundPayload = {
      partner: message.partner,
      type: message.type,
      data: message.data,
      caseNumber: message.caseNumber,
      principalId: message.principalId ?? 'system',
      occurredAt: this.options.clock.now().toISOString(),
    };
    const [id] = enqueue(em, this.options.entities.outbox, this.options.clock.now(), [
      { topic: PARTNER_TOPIC, key: `${message.partner}:${message.key}`, payload, availableAt: message.availableAt },
    ]);
    return id!;
  }

  /** Sends the dead-lettered messages of one ordering key again, from a fresh attempt count. Returns how many. */
  async redrive(partner: string, key: string): Promise<number> {
    const rows = (await forkEm(this.options.orm).execute(
      `update ${this.s}.outbox set dead_at = null, attempts = 0, last_error = null, available_at = ? where key = ? and dead_at is not null and delivered_at is null returning id`,
      [this.options.clock.now(), `${partner}:${key}`],
    )) as unknown[];
    return rows.length;
  }

  /** Where a key's messages stand (tests, the exchange's transfer view). */
  async outboundMessages(partner: string, key: string): Promise<{ id: string; type: string; attempts: number; lastError?: string; delivered: boolean; dead: boolean }[]> {
    const rows = (await forkEm(this.options.orm).execute(
      `select id, payload->>'type' as type, attempts, last_error, delivered_at, dead_at from ${this.s}.outbox where key = ? order by seq`,
      [`${partner}:${key}`],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({ id: String(r.id), type: String(r.type), attempts: Number(r.attempts), lastError: (r.last_error as string | null) ?? undefined, delivered: r.delivered_at != null, dead: r.dead_at != null }));
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const payload = message.payload as unknown as OutboundPayload;
    const partner = this.options.partners.require(payload.partner);
    const envelope: PartnerEnvelope = { type: payload.type, occurredAt: payload.occurredAt, data: payload.data };
    const body = JSON.stringify(envelope);
    const entry = {
      at: this.options.clock.now(),
      partner: partner.name,
      direction: 'OUT' as const,
      messageId: message.id,
      type: payload.type,
      caseNumber: payload.caseNumber,
      principalId: payload.principalId,
      payloadHash: payloadHash(body),
    };
    const full = { ...payload, id: message.id };
    if (!partner.url) {
      // A partner that speaks GraphQL reads its transfers and subscribes to transferEvents: nothing to push.
      await this.record([{ ...entry, outcome: 'NOT_PUSHED', detail: 'no endpoint URL: the partner reads through GraphQL' }]);
      return;
    }
    if (await this.isDisabled(partner.name)) {
      const error = new GiveUp(`${partner.name}'s endpoint is disabled (it answered 410 Gone); re-enable it, then redrive`);
      await this.failed(full, entry, error, message, partner);
      throw error;
    }
    try {
      const response = await this.client.post(partner, message.id, envelope);
      this.metrics.sent(partner.name, payload.type, response.ms);
      await this.record([{ ...entry, signature: response.signature, outcome: 'DELIVERED', httpStatus: response.status }]);
      for (const hook of this.delivered.get(payload.type) ?? []) await hook({ message: full, response });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (err instanceof EndpointGone) await this.disableEndpoint(partner.name, err.message);
      await this.failed(full, entry, err, message, partner);
      throw err;
    }
  }

  private async failed(full: OutboundPayload & { id: string }, entry: Omit<ExchangeLogEntry, 'outcome'>, error: Error, message: OutboxMessage, partner: PartnerConfig): Promise<void> {
    const deferred = error.name === 'Defer';
    const dead = error instanceof GiveUp || (!deferred && message.attempts + 1 >= partner.maxAttempts);
    const status = /answered (\d{3})/.exec(error.message)?.[1];
    this.metrics.failed(partner.name, error instanceof GiveUp ? 'refused' : deferred ? 'circuit_open' : error instanceof RetryLater ? 'retry_after' : status ? `http_${status[0]}xx` : 'network');
    // A deferral (open circuit) sent nothing: no message crossed the wire, so nothing to keep as evidence.
    if (!deferred) await this.record([{ ...entry, outcome: dead ? 'DEAD_LETTERED' : 'FAILED', httpStatus: status ? Number(status) : undefined, detail: error.message }]);
    if (!dead) {
      if (!deferred) for (const hook of this.failedHooks.get(full.type) ?? []) await hook({ message: full, error, attempts: message.attempts + 1 });
      return;
    }
    this.metrics.deadLettered(partner.name);
    this.options.log.error({ partner: partner.name, messageId: full.id, type: full.type, reason: error.message }, 'partner message dead-lettered');
    // The attempt that dead-letters it counts (a deferral sent nothing, so it does not).
    const attempts = deferred ? message.attempts : message.attempts + 1;
    for (const hook of this.deadLettered.get(full.type) ?? []) await hook({ message: full, error, attempts });
  }

  // ── inbound ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Runs the handler of (partner, type) once per (partner, key). The idempotency record is inserted
   * first, in the handler's transaction: a concurrent duplicate waits on the unique index until the
   * first commits, then finds its result; if the first rolls back, the duplicate runs instead.
   */
  async receive(input: { partner: string; key: string; type: string; data: Record<string, unknown>; occurredAt?: string; principalId: string; via: 'webhook' | 'graphql'; signature?: string }): Promise<InboundOutcome> {
    const partner = this.options.partners.require(input.partner);
    const handler = this.inbound.get(`${partner.name}:${input.type}`) ?? this.inbound.get(`*:${input.type}`);
    if (!handler) throw new HubError('BAD_USER_INPUT', `the hub accepts no "${input.type}" messages from ${partner.name}`, { field: 'type' });
    const hash = payloadHash(stableJson({ type: input.type, data: input.data }));
    const now = this.options.clock.now();
    const entry = { at: now, partner: partner.name, direction: 'IN' as const, messageId: input.key, type: input.type, principalId: input.principalId, signature: input.signature, payloadHash: hash };
    const em = forkEm(this.options.orm);
    const outcome = await em.transactional(async (tx) => {
      const inserted = (await tx.execute(
        `insert into ${this.s}.inbound_message (id, partner, idempotency_key, type, payload_hash, received_at) values (?, ?, ?, ?, ?, ?)
         on conflict (partner, idempotency_key) do nothing returning id`,
        [randomUUID(), partner.name, input.key, input.type, hash, now],
      )) as { id: string }[];
      if (inserted.length === 0) {
        const [first] = (await tx.execute(`select payload_hash, result from ${this.s}.inbound_message where partner = ? and idempotency_key = ?`, [partner.name, input.key])) as {
          payload_hash: string;
          result: Record<string, unknown> | null;
        }[];
        return first!.payload_hash === hash ? { kind: 'DUPLICATE' as const, result: first!.result ?? {} } : { kind: 'CONFLICT' as const };
      }
      const handled = await handler({
        em: tx,
        partner,
        messageId: input.key,
        type: input.type,
        data: input.data,
        occurredAt: input.occurredAt,
        principalId: input.principalId,
        via: input.via,
        now,
        send: (message) => this.send(tx, message),
      });
      await tx.flush();
      await tx.execute(`update ${this.s}.inbound_message set result = ?::jsonb where partner = ? and idempotency_key = ?`, [JSON.stringify(handled.result), partner.name, input.key]);
      await appendExchangeLog((sql, params) => tx.execute(sql, params), this.options.schema, [{ ...entry, caseNumber: handled.caseNumber, outcome: 'ACCEPTED' }]);
      return { kind: 'ACCEPTED' as const, result: handled.result };
    });
    this.metrics.inbound(partner.name, outcome.kind.toLowerCase());
    if (outcome.kind !== 'ACCEPTED') await this.record([{ ...entry, outcome: outcome.kind }]);
    if (outcome.kind === 'CONFLICT') throw new IdempotencyConflict(partner.name, input.key);
    return outcome;
  }

  /**
   * POST /partners/<partner>/webhook: a fetch handler (main.ts routes it beside the gateway).
   * Refusals are answered without detail beyond the reason, logged and kept in the exchange log.
   */
  async webhook(request: Request): Promise<Response> {
    const match = WEBHOOK_PATH.exec(new URL(request.url).pathname);
    const partner = match ? this.options.partners.get(match[1]!) : undefined;
    if (!partner) return json(404, { error: 'NOT_FOUND', message: 'no such partner webhook' });
    if (request.method !== 'POST') return json(405, { error: 'METHOD_NOT_ALLOWED', message: 'POST signed JSON here' }, { allow: 'POST' });
    const max = this.options.maxBodyBytes ?? 262_144;
    if (Number(request.headers.get('content-length') ?? 0) > max) return json(413, { error: 'TOO_LARGE', message: `bodies are limited to ${max} bytes` });
    const body = await request.text();
    if (Buffer.byteLength(body) > max) return json(413, { error: 'TOO_LARGE', message: `bodies are limited to ${max} bytes` });
    const headers = Object.fromEntries(request.headers.entries());
    const id = headers['webhook-id'] ?? '';
    const principalId = `partner:${partner.name}`;
    // The wire is real time: signatures are checked against the wall clock, not a test's clock.
    const verdict = verify(partner.secrets, headers, body, new Date());
    if (!verdict.ok) {
      this.metrics.inbound(partner.name, verdict.reason.toLowerCase());
      this.options.log.warn({ partner: partner.name, messageId: id.slice(0, 128), reason: verdict.reason }, 'partner webhook refused');
      await this.record([
        { at: this.options.clock.now(), partner: partner.name, direction: 'IN', messageId: id || '(none)', type: '(unverified)', principalId, signature: headers['webhook-signature']?.slice(0, 1000), payloadHash: payloadHash(body), outcome: `REFUSED_${verdict.reason}`, httpStatus: 401 },
      ]).catch((error) => this.options.log.error({ err: error }, 'exchange log write failed'));
      return json(401, { error: verdict.reason, message: verdict.reason === 'STALE_TIMESTAMP' ? 'webhook-timestamp is more than 5 minutes from now' : 'the signature does not verify' });
    }
    if (id.length > 128) return json(400, { error: 'BAD_REQUEST', message: 'webhook-id is longer than 128 characters' });
    let envelope: Partial<PartnerEnvelope>;
    try {
      envelope = JSON.parse(body) as Partial<PartnerEnvelope>;
    } catch {
      return json(400, { error: 'BAD_REQUEST', message: 'the body is not JSON' });
    }
    if (typeof envelope.type !== 'string' || !envelope.data || typeof envelope.data !== 'object' || Array.isArray(envelope.data)) {
      return json(400, { error: 'BAD_REQUEST', message: 'the body must be {"type": string, "occurredAt": ISO time, "data": object}' });
    }
    try {
      const outcome = await this.receive({
        partner: partner.name,
        key: verdict.id,
        type: envelope.type,
        data: envelope.data,
        occurredAt: typeof envelope.occurredAt === 'string' ? envelope.occurredAt : undefined,
        principalId,
        via: 'webhook',
        signature: headers['webhook-signature']?.slice(0, 1000),
      });
      this.outage.recovered();
      return json(200, { ok: true, duplicate: outcome.kind === 'DUPLICATE', result: outcome.result });
    } catch (error) {
      if (error instanceof HubError) {
        const code = String(error.extensions.code);
        const status = code === 'CONFLICT' ? 409 : code === 'NOT_FOUND' ? 404 : 422;
        if (code !== 'CONFLICT') {
          this.metrics.inbound(partner.name, 'invalid');
          // The log is evidence of what the partner was answered: the status it really got.
          await this.record([{ at: this.options.clock.now(), partner: partner.name, direction: 'IN', messageId: verdict.id, type: envelope.type, principalId, payloadHash: payloadHash(body), outcome: `REFUSED_${code}`, httpStatus: status, detail: error.message }]).catch(() => undefined);
        }
        return json(status, { error: code, message: error.message });
      }
      if (isDatabaseUnavailable(error)) {
        this.outage.failed(error, { partner: partner.name });
        return json(503, { error: 'UPSTREAM_UNAVAILABLE', retryable: true, message: 'the hub cannot store messages right now; send it again with the same webhook-id' }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      }
      this.options.log.error({ err: error, partner: partner.name, messageId: verdict.id }, 'partner webhook failed');
      return json(500, { error: 'INTERNAL', message: 'the message was not processed; send it again with the same webhook-id' });
    }
  }

  // ── endpoints, alerts, readiness, evidence ──────────────────────────────────────────────────

  async isDisabled(partner: string): Promise<boolean> {
    const rows = (await forkEm(this.options.orm).execute(`select 1 from ${this.s}.partner_endpoint where partner = ? and disabled_at is not null`, [partner])) as unknown[];
    return rows.length > 0;
  }

  async disableEndpoint(partner: string, reason: string): Promise<void> {
    await forkEm(this.options.orm).execute(
      `insert into ${this.s}.partner_endpoint (partner, disabled_at, disabled_reason, updated_at) values (?, ?, ?, ?)
       on conflict (partner) do update set disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at`,
      [partner, this.options.clock.now(), reason, this.options.clock.now()],
    );
    this.metrics.disabled(partner, true);
    this.alert({ partner, kind: 'endpoint_gone', message: reason });
  }

  /** After the partner fixed its endpoint (an operator's act): deliveries resume; redrive what was dead-lettered. */
  async enableEndpoint(partner: string): Promise<void> {
    await forkEm(this.options.orm).execute(`update ${this.s}.partner_endpoint set disabled_at = null, disabled_reason = null, updated_at = ? where partner = ?`, [this.options.clock.now(), partner]);
    this.metrics.disabled(partner, false);
    this.options.log.info({ partner }, 'partner endpoint enabled');
  }

  alert(alert: PartnerAlert): void {
    this.metrics.alert(alert.partner, alert.kind);
    this.options.log.error({ alert: alert.kind, partner: alert.partner, ...alert.details }, alert.message);
    this.options.onAlert?.(alert);
  }

  async readiness(): Promise<PartnerReadiness> {
    const openCircuits = this.client.openCircuits();
    const rows = (await forkEm(this.options.orm).execute(`select partner from ${this.s}.partner_endpoint where disabled_at is not null order by partner`, [])) as { partner: string }[];
    const disabledEndpoints = rows.map((r) => r.partner);
    return { ready: openCircuits.length === 0 && disabledEndpoints.length === 0, openCircuits, disabledEndpoints };
  }

  /** GET /readyz/partners: 200 when every partner is reachable as far as the hub knows, 503 naming those that are not. */
  async readinessResponse(): Promise<Response> {
    const state = await this.readiness();
    return json(state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'degraded', ...state });
  }

  queryLog(filter: ExchangeLogFilter, limit: number, em: EntityManager = forkEm(this.options.orm)) {
    return queryExchangeLog((sql, params) => em.execute(sql, params), this.options.schema, filter, limit);
  }

  verifyLog(em: EntityManager = forkEm(this.options.orm)) {
    return verifyExchangeLog((sql, params) => em.execute(sql, params), this.options.schema);
  }

  /** Appends to the exchange log (for messages that arrive another way, e.g. a partner's GraphQL mutation). */
  record(entries: ExchangeLogEntry[]): Promise<void> {
    return appendExchangeLog((sql, params) => forkEm(this.options.orm).execute(sql, params), this.options.schema, entries);
  }

  private circuitChanged(partner: string, open: boolean): void {
    this.metrics.circuit(partner, open);
    if (open) this.options.log.warn({ partner }, 'partner circuit opened: deliveries paused until a trial request succeeds');
    else this.options.log.info({ partner }, 'partner circuit closed: deliveries resumed');
  }

  // ── lifecycle ───────────────────────────────────────────────────────────────────────────────

  start(): Promise<void> {
    return this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Delivers everything due now (tests). */
  drain(): Promise<number> {
    return this.worker.drain();
  }
}

export function isWebhookPath(pathname: string): boolean {
  return WEBHOOK_PATH.test(pathname);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}
