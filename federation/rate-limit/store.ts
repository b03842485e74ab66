import type { Orm } from '../../src/platform/db/orm';

/** A budget: at most `max` operations per window for `key`. */
export type Budget = { key: string; max: number; scope: 'principal' | 'partner' };

export type RateDecision = { allowed: true } | { allowed: false; scope: Budget['scope']; retryAfterSeconds: number };

/**
 * Fixed-window counters in PostgreSQL, shared by every gateway process (issue 9, point 5). One
 * statement per operation counts against all its budgets at once; the row lock of the UPSERT makes
 * concurrent gateways count exactly. A process whose clock runs behind counts into the newer
 * window instead of resetting it. Times come from the hub's clock, so tests move time instead of
 * waiting.
 */
export function createRateLimitStore(orm: Orm, windowSeconds: number) {
  const knex = orm.em.getConnection().getKnex();
  return {
    async take(budgets: Budget[], now: Date): Promise<RateDecision> {
      if (budgets.length === 0) return { allowed: true };
      const windowMs = windowSeconds * 1000;
      const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
      const values = budgets.map(() => '(?, ?::timestamptz, 1)').join(', ');
      const { rows } = (await knex.raw(
        `insert into gateway.rate_limit_window as w (key, window_start, hits) values ${values}
         on conflict (key) do update set
           hits = case when excluded.window_start > w.window_start then 1 else w.hits + 1 end,
           window_start = greatest(w.window_start, excluded.window_start)
         returning key, window_start, hits`,
        budgets.flatMap((b) => [b.key, windowStart.toISOString()]),
      )) as { rows: { key: string; window_start: Date | string; hits: number }[] };
      let refused: RateDecision | undefined;
      for (const row of rows) {
        const budget = budgets.find((b) => b.key === row.key)!;
        if (row.hits <= budget.max) continue;
        const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.window_start).getTime() + windowMs - now.getTime()) / 1000));
        if (!refused || (refused.allowed === false && retryAfterSeconds > refused.retryAfterSeconds)) refused = { allowed: false, scope: budget.scope, retryAfterSeconds };
      }
      return refused ?? { allowed: true };
    },
  };
}

export type RateLimitStore = ReturnType<typeof createRateLimitStore>;
