import { HubError } from '../graphql/errors';
import type { Logger } from '../logging';

/**
 * Telling "the database is not there right now" from every other failure. A restart, a failover, a
 * dropped connection or an exhausted pool is not a fault of the request: the client may retry, and
 * is told so (UPSTREAM_UNAVAILABLE, `retryable: true`) instead of a masked internal error.
 */

// PostgreSQL: connection exceptions (class 08), shutting down or starting up (57P01–57P03),
// too many connections (53300), an idle transaction cut by its timeout (25P03).
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300|25P03)$/;
// Node's sockets: refused, reset, broken, unreachable, timed out, name not resolved (yet).
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
// pg's and knex's own words for a connection that went away, and knex's pool giving up.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|connection error and is not queryable|terminating connection|the database system is (starting up|shutting down|in recovery|not yet accepting)|Timeout acquiring a connection|Client was closed and is not queryable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
    if (name === 'KnexTimeoutError' || name === 'ConnectionException') return true;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    const next = e as { originalError?: unknown; cause?: unknown };
    e = next.originalError ?? next.cause;
  }
  return false;
}

/** Seconds a client should wait before retrying: a restart takes a few, a failover a few more. */
export const RETRY_AFTER_SECONDS = 2;

/** What a client is told when the database could not be reached: retry, nothing to fix on its side. */
export function databaseUnavailable(what = 'the database'): HubError {
  return new HubError('UPSTREAM_UNAVAILABLE', `${what} is unavailable right now; try again in a few seconds (send a mutation again with the same idempotency key)`, {
    retryable: true,
    retryAfter: RETRY_AFTER_SECONDS,
  });
}

/**
 * Logs an outage once, at warn, when it begins (what failed, no stack, no SQL) and once at info
 * when the database answers again; the failures in between are counted, not logged one by one.
 */
export type OutageLog = { failed(error: unknown, context?: Record<string, unknown>): void; recovered(): void; readonly down: boolean };

export function outageLog(log: Logger, what: Record<string, unknown>): OutageLog {
  let down = false;
  let failures = 0;
  let since = 0;
  return {
    get down() {
      return down;
    },
    failed(error, context = {}) {
      failures += 1;
      if (down) return;
      down = true;
      since = Date.now();
      log.warn({ ...what, ...context, reason: reasonOf(error) }, 'database unavailable; requests are answered UPSTREAM_UNAVAILABLE (retryable) until it answers again');
    },
    recovered() {
      if (!down) return;
      log.info({ ...what, failures, downMs: Date.now() - since }, 'database available again');
      down = false;
      failures = 0;
    },
  };
}

/** The kind of failure, without the statement, its values or host names: a SQLSTATE or socket code and pg's short message. */
export function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; name?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  // MikroORM prefixes the statement ("<sql> - <message>"): keep PostgreSQL's or pg's message only.
  const short = (message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message).split('\n')[0]!.replace(/\d{1,3}(\.\d{1,3}){3}(:\d+)?/g, '<address>');
  return `${code ? `${code}: ` : ''}${short}`.slice(0, 200);
}

/**
 * Runs `work`, and again while it fails because the database cannot be reached (a restart, a
 * failover), waiting 250 ms, then twice as long each time up to 2 s. After `giveUpAfterMs` of
 * failures it throws UPSTREAM_UNAVAILABLE (retryable). Any other error is thrown at once.
 * For work that must not be lost to a short outage: a subscription's next event, a read it owes.
 */
export async function whileUnavailable<T>(work: () => Promise<T>, options: { giveUpAfterMs?: number; onRetry?: (error: unknown) => void } = {}): Promise<T> {
  const giveUpAt = Date.now() + (options.giveUpAfterMs ?? 60_000);
  for (let wait = 250; ; wait = Math.min(2_000, wait * 2)) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (Date.now() + wait > giveUpAt) throw databaseUnavailable();
      options.onRetry?.(error);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
