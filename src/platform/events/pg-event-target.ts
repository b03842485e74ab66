import pg from 'pg';
import { reasonOf } from '../db/availability';
import type { Logger } from '../logging';
import { createPgListener, type PgListener } from './pg-listener';

/**
 * Subscription events across processes through PostgreSQL LISTEN/NOTIFY (docs/design.md decision 6;
 * issue 9, point 9). An EventTarget for graphql-yoga's `createPubSub({ eventTarget })`:
 * `dispatchEvent` NOTIFYs, and every process that LISTENs — this one included — dispatches the event
 * to its local subscribers. A subscription held by one process therefore receives what any other
 * process published. One LISTEN connection per process and channel.
 *
 * NOTIFY is delivered at commit: to publish an event only if a change commits, run
 * `notifyStatement(...)` inside the change's transaction instead of calling dispatchEvent.
 * Payloads are limited to 8000 bytes by PostgreSQL: publish ids and states, not records (and
 * never personal data: subscribers re-read through their own policy).
 *
 * LISTEN runs on the process's listening connection (pg-listener.ts), which reconnects after
 * PostgreSQL restarts. Events committed while it was away are not replayed: once it LISTENs again
 * it dispatches `LISTEN_RESUMED` locally, and each subscription tells its client to re-read
 * (docs/failure-modes/database-restart.md).
 */
export const DEFAULT_EVENT_CHANNEL = 'hub_events';
/** Dispatched locally (never published) when LISTEN is back after a loss: events may have been missed. */
export const LISTEN_RESUMED = 'hub.listen.resumed';
const MAX_PAYLOAD = 7_900;

type Listener = EventListenerOrEventListenerObject;

export type PgEventTarget = {
  addEventListener(type: string, listener: Listener | null): void;
  removeEventListener(type: string, listener: Listener | null): void;
  dispatchEvent(event: Event): boolean;
  /** Resolves once this process LISTENs (events published before may be missed). */
  ready: Promise<void>;
  close(): Promise<void>;
};

/** The SQL (with bindings) that publishes `detail` on `topic` in the caller's transaction. */
export function notifyStatement(topic: string, detail: unknown, channel = DEFAULT_EVENT_CHANNEL): { sql: string; bindings: [string, string] } {
  return { sql: 'select pg_notify(?, ?)', bindings: [channel, encode(topic, detail)] };
}

function encode(topic: string, detail: unknown): string {
  const payload = JSON.stringify({ topic, detail });
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`event ${topic} is larger than a NOTIFY payload may be; publish ids, not records`);
  return payload;
}

export function createPgEventTarget(options: { connectionString: string; log: Logger; channel?: string; listener?: PgListener }): PgEventTarget {
  const { connectionString, log } = options;
  const channel = options.channel ?? DEFAULT_EVENT_CHANNEL;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid event channel ${JSON.stringify(channel)}`);
  const local = new EventTarget();
  const publisher = new pg.Pool({ connectionString, max: 2, idleTimeoutMillis: 10_000 });
  publisher.on('error', (error) => log.warn({ channel, reason: reasonOf(error) }, 'event publisher connection lost; the next publish opens another'));
  const own = options.listener ? undefined : createPgListener({ connectionString, log });
  const listener = options.listener ?? own!;
  const unlisten = listener.listen(channel, {
    notify(payload) {
      if (!payload) return;
      try {
        const { topic, detail } = JSON.parse(payload) as { topic: string; detail: unknown };
        local.dispatchEvent(new CustomEvent(topic, { detail }));
      } catch (error) {
        log.warn({ err: error, channel }, 'unreadable event payload ignored');
      }
    },
    resumed: () => local.dispatchEvent(new CustomEvent(LISTEN_RESUMED)),
  });
  const ready = Promise.all([own?.ready, unlisten]).then(() => undefined);

  return {
    ready,
    addEventListener: (type, fn) => local.addEventListener(type, fn),
    removeEventListener: (type, fn) => local.removeEventListener(type, fn),
    dispatchEvent(event) {
      const detail = (event as CustomEvent).detail;
      publisher.query('select pg_notify($1, $2)', [channel, encode(event.type, detail)]).catch((error) => log.error({ err: error, topic: event.type }, 'event publish failed'));
      return true;
    },
    async close() {
      (await unlisten.catch(() => undefined))?.();
      await own?.close();
      await publisher.end();
    },
  };
}
