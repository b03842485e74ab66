import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { isDatabaseUnavailable, outageLog, type OutageLog } from '../../src/platform/db/availability';
import { createPgListener, type PgListener } from '../../src/platform/events/pg-listener';
import type { Logger } from '../../src/platform/logging';
import { outboxChannel, type OutboxMessage } from './outbox';

/** A handler may ask for a later retry (e.g. honouring Retry-After) or give up for good. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/**
 * Not now, and not the message's fault (e.g. the partner's circuit is open): retried after
 * `afterMs` without using up one of its attempts, so an outage does not dead-letter the backlog.
 */
export class Defer extends RetryLater {
  constructor(message: string, afterMs: number) {
    super(message, afterMs);
    this.name = 'Defer';
  }
}

export class GiveUp extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GiveUp';
  }
}

export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

export type WorkerEvents = {
  delivered?: (message: OutboxMessage, ms: number) => void;
  failed?: (message: OutboxMessage, error: Error, willRetry: boolean) => void;
  deadLettered?: (message: OutboxMessage, error: Error) => void;
};

export type OutboxWorkerOptions = {
  orm: Orm;
  schema: string;
  /** Handlers by topic; messages of other topics are left for other workers. */
  handlers: Record<string, OutboxHandler>;
  clock: Clock;
  log: Logger;
  batchSize?: number;
  /** Concurrent claim loops per worker. */
  concurrency?: number;
  /**
   * Messages of one claimed batch handed to their handlers at once. A batch holds at most one
   * message per key (the oldest of each), so this never reorders a key; 1 delivers one by one.
   */
  parallel?: number;
  pollMs?: number;
  maxAttempts?: number | ((message: OutboxMessage) => number);
  backoff?: { baseMs: number; maxMs: number };
  events?: WorkerEvents;
  /**
   * The process's LISTEN connection (one for every worker and subscription of a process). Without
   * one, the worker opens its own while it runs.
   */
  listener?: PgListener;
};

/**
 * Delivers a module's outbox: at least once on the wire, in order per key, safe with many hub
 * processes. Each claim loop takes the oldest pending message of each key with
 * `FOR UPDATE SKIP LOCKED` in a transaction, hands it to its topic's handler, and marks it delivered
 * (or schedules a retry with capped exponential backoff and full jitter, or dead-letters it) before
 * committing. A process killed mid-delivery rolls back: the message is delivered again later, so
 * handlers are idempotent by message id.
 */
export class OutboxWorker {
  private running = false;
  private readonly sleepers = new Set<() => void>();
  /** Counts wake-ups, so a loop whose claim missed a message committed meanwhile claims again at once. */
  private wakes = 0;
  /** A database outage stops every claim: logged once when it begins and once when it ends. */
  private readonly outage: OutageLog;
  private loops: Promise<void>[] = [];
  private unlisten: (() => Promise<void>) | undefined;
  private readonly topics: string[];

  constructor(private readonly options: OutboxWorkerOptions) {
    this.topics = Object.keys(options.handlers);
    this.outage = outageLog(options.log, { outbox: options.schema });
  }

  /** The outbox it delivers (logs, shutdown). */
  get name(): string {
    return this.options.schema;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unlisten = await this.listen();
    const concurrency = this.options.concurrency ?? 2;
    this.loops = Array.from({ length: concurrency }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  /** Processes everything due now, then returns the number handled (tests and scripts). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.claimAndDeliver();
      if (n === 0) return total;
      total += n;
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const wakes = this.wakes;
      let handled = 0;
      try {
        handled = await this.claimAndDeliver();
        this.outage.recovered();
      } catch (error) {
        if (isDatabaseUnavailable(error)) this.outage.failed(error);
        else this.options.log.error({ err: error, schema: this.options.schema }, 'outbox claim failed');
      }
      if (handled === 0 && this.running && wakes === this.wakes) await this.sleep(this.options.pollMs ?? 1_000);
    }
  }

  private wake(): void {
    this.wakes += 1;
    for (const sleeper of [...this.sleepers]) sleeper();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /**
   * Wakes the claim loops when messages are committed (the outbox trigger NOTIFYs), and when LISTEN
   * is re-established after PostgreSQL came back: notifications of the gap are lost, so the loops
   * look for what is due at once instead of at their next poll.
   */
  private async listen(): Promise<() => Promise<void>> {
    const own = this.options.listener ? undefined : createPgListener({ connectionString: this.options.orm.config.get('clientUrl')!, log: this.options.log });
    const listener = this.options.listener ?? own!;
    const wake = () => this.wake();
    const unlisten = await listener.listen(outboxChannel(this.options.schema), { notify: wake, resumed: wake });
    return async () => {
      unlisten();
      await own?.close();
    };
  }

  private async claimAndDeliver(): Promise<number> {
    const { orm, schema, clock, log } = this.options;
    const batch = this.options.batchSize ?? 20;
    const knex = orm.em.getConnection().getKnex();
    return knex.transaction(async (trx) => {
      const now = clock.now();
      // The oldest undelivered message of each key, if due and not held by another worker. The
      // state conditions sit on the locked rows themselves: under READ COMMITTED, a row another
      // worker delivered after this statement's snapshot is re-checked here, in its newest version,
      // and skipped (conditions only inside a subquery let it be claimed and delivered twice).
      const { rows } = (await trx.raw(
        `select o.seq, o.id, o.topic, o.key, o.payload, o.created_at, o.available_at, o.attempts
           from "${schema}".outbox o
          where o.delivered_at is null and o.dead_at is null
            and o.topic = any(?) and o.available_at <= ?
            and not exists (select 1 from "${schema}".outbox earlier
                             where earlier.key = o.key and earlier.seq < o.seq
                               and earlier.delivered_at is null and earlier.dead_at is null and earlier.topic = any(?))
          order by o.seq
          limit ?
          for update of o skip locked`,
        [this.topics, now, this.topics, batch],
      )) as { rows: Record<string, unknown>[] };
      const messages: OutboxMessage[] = rows.map((row) => ({
        seq: String(row.seq),
        id: String(row.id),
        topic: String(row.topic),
        key: String(row.key),
        payload: row.payload as Record<string, unknown>,
        createdAt: new Date(row.created_at as string),
        availableAt: new Date(row.available_at as string),
        attempts: Number(row.attempts),
      }));
      // Handlers run up to `parallel` at a time (one message per key in a batch: order per key is
      // kept); each outcome is written in this transaction, so a crash before the commit leaves
      // every message of the batch to be delivered again, as one by one would.
      const outcomes = await mapLimited(messages, Math.max(1, this.options.parallel ?? 1), async (message) => {
        const started = Date.now();
        try {
          await this.options.handlers[message.topic]!(message);
          return { message, ms: Date.now() - started, error: undefined };
        } catch (error) {
          return { message, ms: Date.now() - started, error: error instanceof Error ? error : new Error(String(error)) };
        }
      });
      for (const { message, ms, error: err } of outcomes) {
        if (!err) {
          await trx.raw(`update "${schema}".outbox set delivered_at = ?, attempts = attempts + 1, last_error = null where seq = ? and delivered_at is null`, [clock.now(), message.seq]);
          this.options.events?.delivered?.(message, ms);
          continue;
        }
        const attempts = err instanceof Defer ? message.attempts : message.attempts + 1;
        const max = typeof this.options.maxAttempts === 'function' ? this.options.maxAttempts(message) : (this.options.maxAttempts ?? 10);
        const dead = err instanceof GiveUp || (!(err instanceof Defer) && attempts >= max);
        const delay = err instanceof RetryLater ? err.afterMs : this.backoff(attempts);
        await trx.raw(
          `update "${schema}".outbox set attempts = ?, last_error = ?, available_at = ?, dead_at = ? where seq = ?`,
          [attempts, err.message.slice(0, 500), new Date(clock.now().getTime() + delay), dead ? clock.now() : null, message.seq],
        );
        log.warn({ topic: message.topic, messageId: message.id, attempts, dead, reason: err.message.slice(0, 200) }, 'outbox delivery failed');
        this.options.events?.failed?.(message, err, !dead);
        if (dead) this.options.events?.deadLettered?.(message, err);
      }
      return rows.length;
    });
  }

  /** Capped exponential backoff with jitter: uniform in [cap/2, cap], cap = min(max, base·2^(n-1)). */
  private backoff(attempt: number): number {
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 500, maxMs: 60_000 };
    const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.floor(cap / 2 + Math.random() * (cap / 2));
  }
}

/** `work` over `items`, at most `limit` at a time; results in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
