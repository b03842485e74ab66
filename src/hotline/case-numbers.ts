import pg from 'pg';
import { reasonOf } from '../platform/db/availability';
import type { Logger } from '../platform/logging';

/**
 * 工单编号 — hands out the sequence part of case numbers (`12345-<city>-<day>-<sequence>`), one
 * counter per city and day (`hotline.case_number_counter`).
 *
 * The counter is advanced on a connection of its own, in a one-statement transaction, and not in the
 * registering request's transaction: there the counter row stayed locked until that request
 * committed, so every registration of a city waited for the one before it to finish all its work
 * (issue 7: 17 of 20 samples of `pg_stat_activity` under load showed a registration waiting on that
 * row). Here the row is locked for one statement only, and the calls that arrive while an advance is
 * in flight are served together by the next one (`last = last + n`).
 *
 * Like a PostgreSQL sequence, a number is spent once handed out: a registration that fails after
 * taking its number (a lost idempotency race, a failed commit) leaves a gap in its day's sequence.
 * Numbers stay unique across processes (the database advances the counter), and consecutive
 * registrations that succeed get consecutive numbers. The pool is this allocator's alone: a request
 * holding its transaction's connection never waits for a second one from its own pool (which
 * deadlocked the pool under load, see runtime.ts), and nothing here waits on a request's locks.
 */
export type CaseNumbers = {
  /** The next sequence number of `prefix` (`12345-<city>-<YYYYMMDD>`). */
  next(prefix: string): Promise<number>;
  close(): Promise<void>;
};

type Waiter = { resolve: (n: number) => void; reject: (error: unknown) => void };

export function createCaseNumbers(options: { connectionString: string; role?: string; log: Logger; poolMax?: number }): CaseNumbers {
  const { connectionString, role, log } = options;
  if (role && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid database role name ${JSON.stringify(role)}`);
  // Set by the connection's start-up options, so a connection that cannot take them is refused:
  // - the role;
  // - no WAL flush of its own per advance: a registration that uses the number commits with a flush,
  //   which makes every earlier WAL record durable, this advance included. A crash can only forget an
  //   advance whose numbers no committed case carries, and hand those numbers out again.
  const startup = [...(role ? [`-c role=${role}`] : []), '-c synchronous_commit=off'].join(' ');
  const pool = new pg.Pool({ connectionString, max: options.poolMax ?? 2, idleTimeoutMillis: 10_000, options: startup });
  // pg hangs the whole client (its cancel key included) on the error: log the reason only.
  pool.on('error', (error) => log.warn({ reason: reasonOf(error) }, 'case number connection lost; the next call opens another'));
  const queues = new Map<string, Waiter[]>();

  const advance = async (prefix: string, batch: Waiter[]): Promise<void> => {
    try {
      const { rows } = await pool.query<{ last: number }>(
        `insert into hotline.case_number_counter (prefix, last) values ($1, $2)
           on conflict (prefix) do update set last = hotline.case_number_counter.last + excluded.last
         returning last`,
        [prefix, batch.length],
      );
      const first = rows[0]!.last - batch.length + 1;
      batch.forEach((waiter, i) => waiter.resolve(first + i));
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  };

  /** One advance in flight per prefix; whoever arrived meanwhile is served by the next. */
  const drain = async (prefix: string, waiting: Waiter[]): Promise<void> => {
    while (waiting.length > 0) await advance(prefix, waiting.splice(0));
    queues.delete(prefix);
  };

  return {
    next(prefix) {
      return new Promise<number>((resolve, reject) => {
        const waiting = queues.get(prefix);
        if (waiting) {
          waiting.push({ resolve, reject });
          return;
        }
        const fresh: Waiter[] = [{ resolve, reject }];
        queues.set(prefix, fresh);
        void drain(prefix, fresh);
      });
    },
    close: () => pool.end(),
  };
}
