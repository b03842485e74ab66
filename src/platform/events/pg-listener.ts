import pg from 'pg';
import { reasonOf } from '../db/availability';
import type { Logger } from '../logging';

/**
 * One PostgreSQL connection that LISTENs on behalf of a whole process — the outbox workers' wake-up
 * channels and the subscription events — and keeps listening through restarts and failovers.
 *
 * LISTEN belongs to a session: when the connection is lost (PostgreSQL restarted, a failover, the
 * network), every channel is silent until a new session LISTENs again. This connection notices the
 * loss (an error, its end, or a heartbeat that goes unanswered on a network that stopped passing
 * anything), reconnects with backoff, re-issues every LISTEN, and then tells each channel's
 * subscriber that it `resumed`: notifications sent in the gap are lost, so whoever relies on them
 * catches up (a worker claims what is due, a subscription tells its client to re-read).
 *
 * It is not a pooled connection: a pool would hand it to a request, and PgBouncer's transaction
 * pooling cannot carry LISTEN (point it at PostgreSQL directly).
 */
export type ChannelHandlers = {
  notify(payload: string): void;
  /** LISTEN is in place again after a loss: notifications may have been missed in between. */
  resumed?(): void;
};

export type PgListener = {
  /** Subscribes to `channel`: resolves once LISTEN is in place (or, while disconnected, at once: it is issued on reconnecting). Returns the unsubscribe. */
  listen(channel: string, handlers: ChannelHandlers): Promise<() => void>;
  /** Resolves once the first session LISTENs on every channel subscribed so far. */
  ready: Promise<void>;
  /** Whether a session is LISTENing now (readiness). */
  readonly listening: boolean;
  close(): Promise<void>;
};

export type PgListenerOptions = {
  connectionString: string;
  log: Logger;
  /** First reconnect delay; doubled per failure up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
  /** A `select 1` this often proves the session is alive; unanswered within `heartbeatTimeoutMs`, the connection is dropped and made again. */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
};

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export function createPgListener(options: PgListenerOptions): PgListener {
  const { connectionString, log } = options;
  const firstDelay = options.reconnectMs ?? 250;
  const maxDelay = options.maxReconnectMs ?? 5_000;
  const channels = new Map<string, Set<ChannelHandlers>>();
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let everListened = false;
  let delay = firstDelay;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let lostAt: number | undefined;

  const lost = (session: pg.Client, error: unknown) => {
    if (client !== session) return;
    client = undefined;
    listening = false;
    if (heartbeat) clearInterval(heartbeat);
    // A connection that stopped answering is not closed politely: its socket is destroyed.
    (session as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    if (closed) return;
    lostAt ??= Date.now();
    log.warn({ channels: [...channels.keys()], reason: reasonOf(error) }, 'LISTEN connection lost; reconnecting');
    schedule();
  };

  const connect = async (): Promise<void> => {
    const session = new pg.Client({ connectionString, keepAlive: true });
    client = session;
    session.on('error', (error) => lost(session, error));
    session.on('end', () => lost(session, new Error('Connection terminated')));
    session.on('notification', (message) => {
      for (const handlers of channels.get(message.channel) ?? []) handlers.notify(message.payload ?? '');
    });
    try {
      await session.connect();
      // Channels subscribed while a LISTEN was on its way are LISTENed in the next round.
      const done = new Set<string>();
      for (let todo = [...channels.keys()]; todo.length; todo = [...channels.keys()].filter((c) => !done.has(c))) {
        await session.query(todo.map((c) => `LISTEN ${c}`).join('; '));
        for (const c of todo) done.add(c);
      }
    } catch (error) {
      lost(session, error);
      throw error;
    }
    if (closed || client !== session) {
      await session.end().catch(() => undefined);
      return;
    }
    listening = true;
    delay = firstDelay;
    startHeartbeat(session);
    if (everListened) {
      log.info({ channels: [...channels.keys()], downMs: lostAt === undefined ? undefined : Date.now() - lostAt }, 'LISTEN re-established');
      for (const set of channels.values()) for (const handlers of set) handlers.resumed?.();
    }
    everListened = true;
    lostAt = undefined;
  };

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(() => undefined);
    }, delay);
    retry.unref();
    delay = Math.min(maxDelay, delay * 2);
  };

  const startHeartbeat = (session: pg.Client) => {
    const every = options.heartbeatMs ?? 10_000;
    const timeout = options.heartbeatTimeoutMs ?? 5_000;
    heartbeat = setInterval(() => {
      const timer = setTimeout(() => lost(session, new Error(`heartbeat unanswered for ${timeout} ms`)), timeout);
      session.query('select 1').then(
        () => clearTimeout(timer),
        (error: unknown) => {
          clearTimeout(timer);
          lost(session, error);
        },
      );
    }, every);
    heartbeat.unref();
  };

  const ready = connect();
  ready.catch(() => undefined);

  return {
    ready,
    get listening() {
      return listening;
    },
    async listen(channel, handlers) {
      if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${JSON.stringify(channel)}`);
      let set = channels.get(channel);
      const fresh = !set;
      if (!set) channels.set(channel, (set = new Set()));
      set.add(handlers);
      const session = client;
      if (fresh && listening && session) await session.query(`LISTEN ${channel}`).catch((error: unknown) => lost(session, error));
      return () => void set.delete(handlers);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (heartbeat) clearInterval(heartbeat);
      const session = client;
      client = undefined;
      listening = false;
      await session?.end().catch(() => undefined);
    },
  };
}
