import { randomUUID } from 'node:crypto';
import type { Orm } from '../platform/db/orm';
import { forkEm } from '../platform/db/orm';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import type { HotlineContext } from './context';
import { CaseEntity, SupervisionEntity, type Case } from './entities';
import type { SupervisionKind, SupervisionTrigger } from './model';
import { emitChange, mutateCase, recordHistory } from './mutate';
import type { HotlineRuntime } from './runtime';
import { OPEN_STATES } from './workflow';
import { requiredText } from './validate';

const LEVEL: Record<SupervisionKind, number> = { REMINDER: 1, SUPERVISION: 2, LISTED: 3, ESCALATION: 4 };

/** 督办 — a dispatcher reminds, supervises, lists or escalates (提级办理) an open case. */
export async function superviseCase(ctx: HotlineContext, args: { caseId: string; kind: SupervisionKind; note: string; expectedVersion?: number | null }) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, transition }) => {
    await transition('supervise', { note, data: { kind: args.kind, trigger: 'MANUAL' } });
    raise(c, args.kind);
    tx.create(SupervisionEntity, { id: randomUUID(), caseId: c.id, kind: args.kind, trigger: 'MANUAL', cycle: c.reopenCount, note, at: now, by: ctx.principal.sub });
    return c;
  });
}

/** Escalation also raises the urgency one step: the matter is handled at a higher level, faster. */
export function raise(c: Case, kind: SupervisionKind): void {
  if (!c.supervisionLevel || LEVEL[kind] > LEVEL[c.supervisionLevel]) c.supervisionLevel = kind;
  if (kind === 'ESCALATION') c.urgency = c.urgency === 'NORMAL' ? 'URGENT' : 'VERY_URGENT';
}

const SYSTEM: Principal = { sub: 'system:supervision-scheduler', role: 'DISPATCHER' };
const SWEEP_LOCK = 4_012_346;

/**
 * The automatic supervision triggers of docs/domain.md, run by a scheduler: overdue → SUPERVISION,
 * ≥ N send-backs → ESCALATION, ≥ N units without a lead → ESCALATION (dissatisfaction after a
 * reopening is raised at follow-up). Safe with several hub processes: one sweep at a time holds a
 * transaction-scoped advisory lock, and a trigger fires once per case and cycle (checked here and
 * by the sweep holding the lock).
 */
export async function runSupervisionSweep(orm: Orm, runtime: HotlineRuntime, log: Logger): Promise<{ raised: number; skipped: boolean }> {
  const now = runtime.clock.now();
  const settings = await runtime.settings();
  return forkEm(orm).transactional(async (tx) => {
    const [{ locked }] = (await tx.execute('select pg_try_advisory_xact_lock(?) as locked', [SWEEP_LOCK])) as { locked: boolean }[];
    if (!locked) return { raised: 0, skipped: true };
    // The scheduler acts for the hotline as a whole: declared as SYSTEM for row-level security.
    await tx.execute(`select set_config('hub.role', 'SYSTEM', true)`);
    const open = { status: { $in: [...OPEN_STATES] }, masterId: null };
    const rules: { trigger: SupervisionTrigger; kind: SupervisionKind; where: object; note: string }[] = [
      { trigger: 'OVERDUE', kind: 'SUPERVISION', where: { ...open, dueAt: { $lt: now }, status: { $in: ['DISPATCHED', 'SIGNED', 'SENT_BACK', 'RETURN_REQUESTED'] } }, note: '工单超期未办结，自动督办' },
      { trigger: 'SENT_BACK_REPEATEDLY', kind: 'ESCALATION', where: { ...open, sendBackCount: { $gte: settings.sendBackEscalationThreshold } }, note: `发回重办达 ${settings.sendBackEscalationThreshold} 次，提级办理` },
      {
        trigger: 'NO_LEAD_UNIT',
        kind: 'ESCALATION',
        // Open cases with no lead; the number of units already tried is checked below.
        where: { ...open, leadUnitId: null },
        note: `流转 ${settings.unitsWithoutLeadEscalationThreshold} 个单位仍无主办单位，提级办理`,
      },
    ];
    let raised = 0;
    for (const rule of rules) {
      const cases = await tx.find(CaseEntity, rule.where as never, { limit: 500, orderBy: { dueAt: 'asc' } });
      const eligible = rule.trigger === 'NO_LEAD_UNIT' ? cases.filter((c) => c.unitsTried.length >= settings.unitsWithoutLeadEscalationThreshold) : cases;
      if (eligible.length === 0) continue;
      const already = new Set(
        (await tx.find(SupervisionEntity, { caseId: { $in: eligible.map((c) => c.id) }, trigger: rule.trigger })).map((s) => `${s.caseId}:${s.cycle}`),
      );
      for (const c of eligible) {
        if (already.has(`${c.id}:${c.reopenCount}`)) continue;
        raise(c, rule.kind);
        c.updatedAt = now;
        tx.create(SupervisionEntity, { id: randomUUID(), caseId: c.id, kind: rule.kind, trigger: rule.trigger, cycle: c.reopenCount, note: rule.note, at: now, by: SYSTEM.sub });
        recordHistory(tx, c, SYSTEM, 'supervise', c.status, c.status, now, rule.note, { kind: rule.kind, trigger: rule.trigger });
        await emitChange(tx, c, 'supervise', c.status, now, { kind: rule.kind, trigger: rule.trigger });
        raised++;
      }
    }
    if (raised) log.info({ raised }, 'supervision sweep raised supervisions');
    return { raised, skipped: false };
  });
}
