import pg from 'pg';
import type { Logger } from '../logging';

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
 * never personal data: subscribers re-read through their own policy). A process that loses its
 * LISTEN connection reconnects; events in the gap are not replayed, so subscribers must treat
 * events as hints and re-read state.
 */
export const DEFAULT_EVENT_CHANNEL = 'hub_events';
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

export function createPgEventTarget(options: { connectionString: string; log: Logger; channel?: string; reconnectMs?: number }): PgEventTarget {
  const { connectionString, log } = options;
  const channel = options.channel ?? DEFAULT_EVENT_CHANNEL;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid event channel ${JSON.stringify(channel)}`);
  const local = new EventTarget();
  const publisher = new pg.Pool({ connectionString, max: 2, idleTimeoutMillis: 10_000 });
  let listener: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      try {
        const { topic, detail } = JSON.parse(message.payload) as { topic: string; detail: unknown };
        local.dispatchEvent(new CustomEvent(topic, { detail }));
      } catch (error) {
        log.warn({ err: error, channel }, 'unreadable event payload ignored');
      }
    });
    client.on('error', (error) => {
      log.warn({ err: error, channel }, 'event listener connection lost; reconnecting');
      void client.end().catch(() => undefined);
      if (listener === client) listener = undefined;
      scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error) => {
        log.warn({ err: error, channel }, 'event listener reconnect failed');
        scheduleReconnect();
      });
    }, options.reconnectMs ?? 1_000);
    retry.unref();
  };
  const ready = connect();

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
      closed = true;
      if (retry) clearTimeout(retry);
      await ready.catch(() => undefined);
      await listener?.end().catch(() => undefined);
      listener = undefined;
      await publisher.end();
    },
  };
}
