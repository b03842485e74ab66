import { LockMode } from '@mikro-orm/core';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import { basisOf, computeDeadline, setDeadline, type CaseDeadline } from './deadlines';
import { CaseEntity } from './entities';
import { emitChange, recordHistory } from './mutate';
import type { HotlineRuntime } from './runtime';

/**
 * After a year of the calendar is loaded: every deadline that was counted provisionally (weekends
 * only, calendar.ts) is computed again from its basis on the calendar as it now is. Each case
 * changed gets a history line (old and new deadlines) and a domain event, so units and partners see
 * the new deadline. In batches, each its own transaction; a deadline still provisional (it reaches
 * a year still missing) keeps its mark. Returns the number of cases whose deadlines were recomputed.
 */
export async function recomputeProvisionalDeadlines(runtime: HotlineRuntime, log: Logger, actor: Principal, batch = 200): Promise<number> {
  const calendar = await runtime.calendar();
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const done = await runtime.asSystem(async (tx) => {
      const ids = (await tx.execute(`select id from hotline."case" where provisional_deadlines <> '{}' and id > ? order by id limit ?`, [after, batch])) as { id: string }[];
      if (ids.length === 0) return true;
      after = ids.at(-1)!.id;
      const now = runtime.clock.now();
      const cases = await tx.find(CaseEntity, { id: { $in: ids.map((r) => r.id) } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      for (const c of cases) {
        const changes: Record<string, { from: string | null; to: string | null; provisional: boolean }> = {};
        for (const field of [...c.provisionalDeadlines] as CaseDeadline[]) {
          const basis = basisOf(c, field);
          if (!basis) continue;
          const before = c[field];
          const deadline = computeDeadline(calendar, basis);
          setDeadline(c, field, deadline);
          changes[field] = { from: before?.toISOString() ?? null, to: deadline.at.toISOString(), provisional: deadline.provisional };
        }
        c.updatedAt = now;
        const note = Object.entries(changes)
          .map(([field, change]) => `${field}: ${change.from} → ${change.to}${change.provisional ? '（仍为暂定）' : ''}`)
          .join('; ');
        recordHistory(tx, c, actor, 'recomputeDeadlines', c.status, c.status, now, `节假日安排已载入，期限重新计算：${note}`, { deadlines: changes });
        await emitChange(tx, c, 'recomputeDeadlines', c.status, now, { deadlines: changes }, runtime);
      }
      await tx.flush();
      total += cases.length;
      return ids.length < batch;
    });
    if (done) break;
  }
  if (total) log.info({ cases: total }, 'provisional deadlines recomputed on the loaded calendar');
  return total;
}
