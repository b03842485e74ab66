import type { Orm } from '../platform/db/orm';
import { forkEm } from '../platform/db/orm';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import { maskAddress } from '../../policies';
import { CaseEntity } from './entities';
import { emitChange, recordHistory } from './mutate';
import type { HotlineRuntime } from './runtime';

const SYSTEM: Principal = { sub: 'system:retention', role: 'DISPATCHER' };
const RETENTION_LOCK = 4_012_347;

/**
 * Personal-data retention (PIPL art. 19, 47): `contactRetentionDays` after a case closes, the
 * caller's name, phone, ID number, enterprise code and phone hash are erased and the address is cut
 * to community level. The case, its history and the statistics stay. Each erasure is a history
 * event and a domain event; the log line says how many cases, never whose. One run at a time across
 * processes (advisory lock); a batch per run, so a backlog is worked off without a long lock.
 */
export async function anonymiseExpiredContacts(orm: Orm, runtime: HotlineRuntime, log: Logger, batch = 500): Promise<{ anonymised: number; skipped: boolean }> {
  const now = runtime.clock.now();
  const { contactRetentionDays } = await runtime.settings();
  const cutoff = new Date(now.getTime() - contactRetentionDays * 86_400_000);
  return forkEm(orm).transactional(async (tx) => {
    const [{ locked }] = (await tx.execute('select pg_try_advisory_xact_lock(?) as locked', [RETENTION_LOCK])) as { locked: boolean }[];
    if (!locked) return { anonymised: 0, skipped: true };
    await tx.execute(`select set_config('hub.role', 'SYSTEM', true)`);
    const cases = await tx.find(CaseEntity, { closedAt: { $lt: cutoff }, anonymisedAt: null }, { limit: batch, orderBy: { closedAt: 'asc' } });
    for (const c of cases) {
      c.callerName = undefined;
      c.callerPhone = undefined;
      c.callerIdNumber = undefined;
      c.callerEnterpriseCode = undefined;
      c.callerPhoneHash = undefined;
      c.address = c.address ? maskAddress(c.address) : undefined;
      c.anonymisedAt = now;
      c.updatedAt = now;
      recordHistory(tx, c, SYSTEM, 'anonymiseContact', c.status, c.status, now, `结案满 ${contactRetentionDays} 日，来电人联系信息已删除`);
      await emitChange(tx, c, 'anonymiseContact', c.status, now);
    }
    await tx.flush();
    if (cases.length) log.info({ anonymised: cases.length, retentionDays: contactRetentionDays }, 'caller contact data erased after retention period');
    return { anonymised: cases.length, skipped: false };
  });
}
