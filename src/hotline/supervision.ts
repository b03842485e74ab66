import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, Orm } from '../platform/db/orm';
import { forkEm } from '../platform/db/orm';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import type { HotlineContext } from './context';
import { setDeadline, startDeadline } from './deadlines';
import { CaseEntity, SupervisionEntity, UnitEntity, type Case } from './entities';
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
    const effects = await applyOversight(tx, ctx.runtime, c, args.kind, now);
    tx.create(SupervisionEntity, { id: randomUUID(), caseId: c.id, kind: args.kind, trigger: 'MANUAL', cycle: c.reopenCount, note, at: now, by: ctx.principal.sub });
    await transition('supervise', { note, data: { kind: args.kind, trigger: 'MANUAL', ...effects } });
    return c;
  });
}

/**
 * Raises a case's oversight level — never lowers it — and, the first time it is escalated (提级办理),
 * applies what escalation means (setting `escalation`): the time left is cut to a share of it, never
 * below a floor and never later than before, so repeated escalations cannot produce absurd
 * deadlines; and, if configured, the district's government becomes the lead unit (the former lead
 * a co-unit). Returns what changed, for the history.
 */
export async function applyOversight(tx: EntityManager, runtime: Pick<HotlineRuntime, 'settings' | 'calendar'>, c: Case, kind: SupervisionKind, now: Date): Promise<Record<string, unknown>> {
  const wasEscalated = c.supervisionLevel === 'ESCALATION';
  if (!c.supervisionLevel || LEVEL[kind] > LEVEL[c.supervisionLevel]) c.supervisionLevel = kind;
  if (kind !== 'ESCALATION' || wasEscalated || !OPEN_STATES.includes(c.status)) return {};
  const [{ escalation }, calendar] = await Promise.all([runtime.settings(), runtime.calendar()]);
  const effects: Record<string, unknown> = {};
  if (c.dueAt && c.dueAt.getTime() > now.getTime()) {
    const remaining = c.dueAt.getTime() - now.getTime();
    const target = Math.max(remaining * escalation.remainingShare, escalation.minimumHours * 3_600_000);
    if (target < remaining) {
      effects.previousDueAt = c.dueAt.toISOString();
      setDeadline(c, 'dueAt', startDeadline(calendar, now, { unit: 'MINUTES', amount: Math.ceil(target / 60_000) }));
      effects.dueAt = c.dueAt!.toISOString();
    }
  }
  if (escalation.leadUnit === 'DISTRICT_GOVERNMENT' && c.leadUnitId) {
    const government = await tx.findOne(UnitEntity, { kind: 'DISTRICT_GOVERNMENT', regionCode: c.regionCode });
    if (government && government.id !== c.leadUnitId) {
      effects.previousLeadUnitId = c.leadUnitId;
      c.coUnitIds = [c.leadUnitId, ...c.coUnitIds.filter((id) => id !== government.id)];
      c.leadUnitId = government.id;
      c.assignedUnitIds = [government.id, ...c.coUnitIds];
      effects.leadUnitId = government.id;
    }
  }
  return effects;
}

/**
 * An automatic oversight, once per condition: `conditionKey` names what it fired for (a deadline,
 * the send-back count, the units passed through …); the same condition never fires twice — a
 * unique index holds it — and a new deadline is a new condition. False when it had fired already.
 */
export async function raiseOnce(
  tx: EntityManager,
  c: Case,
  oversight: { kind: SupervisionKind; trigger: SupervisionTrigger; conditionKey: string; note: string; by: string },
  now: Date,
  runtime?: Pick<HotlineRuntime, 'settings' | 'calendar'>,
): Promise<Record<string, unknown> | false> {
  const { kind, trigger, conditionKey, note, by } = oversight;
  if (await tx.findOne(SupervisionEntity, { caseId: c.id, trigger, conditionKey })) return false;
  const effects = runtime ? await applyOversight(tx, runtime, c, kind, now) : raiseLevel(c, kind);
  tx.create(SupervisionEntity, { id: randomUUID(), caseId: c.id, kind, trigger, cycle: c.reopenCount, conditionKey, note, at: now, by });
  return effects;
}

function raiseLevel(c: Case, kind: SupervisionKind): Record<string, unknown> {
  if (!c.supervisionLevel || LEVEL[kind] > LEVEL[c.supervisionLevel]) c.supervisionLevel = kind;
  return {};
}

const SYSTEM: Principal = { sub: 'system:supervision-scheduler', role: 'DISPATCHER' };
const SWEEP_LOCK = 4_012_346;

/** `keySql` computes in SQL the same condition key as `key` does for a loaded case (so fired conditions are skipped in the query). */
type Rule = { trigger: SupervisionTrigger; kind: SupervisionKind; where: string; params: unknown[]; keySql: string; key: (c: Case) => string; note: (c: Case) => string };

/** An instant as JavaScript's toISOString writes it. */
const isoSql = (column: string) => `to_char(c.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The automatic oversight of docs/domain.md and the hotline's own time limits, run by a scheduler:
 * - overdue at the unit → SUPERVISION, once per deadline;
 * - ≥ N send-backs → ESCALATION, once;
 * - passed through ≥ N units (returned, reassigned, recalled; 推诿), lead or not → ESCALATION, once;
 * - a unit that lets its signing window pass unsigned → a reminder (stageOversightKind), once per window;
 * - the hotline's own stages past their limits (waiting for dispatch, reply waiting for review,
 *   follow-up due) → a reminder, once per stage deadline.
 * (Dissatisfaction after a reopening is raised at follow-up.) Safe with several hub processes: one
 * sweep at a time holds a transaction-scoped advisory lock.
 */
export async function runSupervisionSweep(orm: Orm, runtime: HotlineRuntime, log: Logger): Promise<{ raised: number; skipped: boolean }> {
  const now = runtime.clock.now();
  const settings = await runtime.settings();
  return forkEm(orm).transactional(async (tx) => {
    const [{ locked }] = (await tx.execute('select pg_try_advisory_xact_lock(?) as locked', [SWEEP_LOCK])) as { locked: boolean }[];
    if (!locked) return { raised: 0, skipped: true };
    // The scheduler acts for the hotline as a whole: declared as SYSTEM for row-level security.
    await tx.execute(`select set_config('hub.role', 'SYSTEM', true)`);
    const open = `status in (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;
    const stageKind = settings.stageOversightKind;
    const iso = (d: Date | undefined) => d?.toISOString() ?? '';
    const rules: Rule[] = [
      {
        trigger: 'OVERDUE',
        kind: 'SUPERVISION',
        where: `status in ('DISPATCHED', 'SIGNED', 'SENT_BACK', 'RETURN_REQUESTED') and due_at < ?`,
        params: [now],
        keySql: `'due:' || ${isoSql('due_at')}`,
        key: (c) => `due:${iso(c.dueAt)}`,
        note: () => '工单超期未办结，自动督办',
      },
      {
        trigger: 'SENT_BACK_REPEATEDLY',
        kind: 'ESCALATION',
        where: `${open} and send_back_count >= ?`,
        params: [settings.sendBackEscalationThreshold],
        keySql: `'sendBacks'`,
        key: () => 'sendBacks',
        note: () => `发回重办达 ${settings.sendBackEscalationThreshold} 次，提级办理`,
      },
      {
        trigger: 'PASSED_AROUND',
        kind: 'ESCALATION',
        where: `${open} and cardinality(units_tried) >= ?`,
        params: [settings.unitsWithoutLeadEscalationThreshold],
        keySql: `'units'`,
        key: () => 'units',
        note: (c) => `流转 ${c.unitsTried.length} 个单位（推诿），提级办理`,
      },
      {
        trigger: 'UNSIGNED',
        kind: stageKind,
        where: `status = 'DISPATCHED' and response_due_at < ?`,
        params: [now],
        keySql: `'unsigned:' || ${isoSql('response_due_at')}`,
        key: (c) => `unsigned:${iso(c.responseDueAt)}`,
        note: () => '承办单位逾期未签收，催办',
      },
      {
        trigger: 'STAGE_OVERDUE',
        kind: stageKind,
        where: `status in ('PENDING_DISPATCH', 'REPLIED') and stage_due_at < ?`,
        params: [now],
        keySql: `'stage:' || c.status || ':' || ${isoSql('stage_due_at')}`,
        key: (c) => `stage:${c.status}:${iso(c.stageDueAt)}`,
        note: (c) => (c.status === 'PENDING_DISPATCH' ? '工单超时未派发，催办' : '答复超时未审核，催办'),
      },
      {
        trigger: 'STAGE_OVERDUE',
        kind: stageKind,
        where: `status = 'FOLLOW_UP_PENDING' and follow_up_due_at < ?`,
        params: [now],
        keySql: `'stage:' || c.status || ':' || ${isoSql('follow_up_due_at')}`,
        key: (c) => `stage:${c.status}:${iso(c.followUpDueAt)}`,
        note: () => '回访超时，催办',
      },
    ];
    let raised = 0;
    for (const rule of rules) {
      // Conditions that fired already are skipped here, so a backlog beyond one batch is reached by the next sweeps.
      const ids = (await tx.execute(
        `select c.id from hotline."case" c where ${rule.where}
           and not exists (select 1 from hotline.supervision s where s.case_id = c.id and s.trigger = ? and s.condition_key = ${rule.keySql})
         order by c.id limit 500`,
        [...rule.params, rule.trigger],
      )) as { id: string }[];
      if (ids.length === 0) continue;
      const cases = await tx.find(CaseEntity, { id: { $in: ids.map((r) => r.id) } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      for (const c of cases) {
        const note = rule.note(c);
        const effects = await raiseOnce(tx, c, { kind: rule.kind, trigger: rule.trigger, conditionKey: rule.key(c), note, by: SYSTEM.sub }, now, runtime);
        if (effects === false) continue;
        c.updatedAt = now;
        const data = { kind: rule.kind, trigger: rule.trigger, ...effects };
        recordHistory(tx, c, SYSTEM, 'supervise', c.status, c.status, now, note, data);
        await emitChange(tx, c, 'supervise', c.status, now, data);
        raised++;
      }
      await tx.flush();
    }
    if (raised) log.info({ raised }, 'supervision sweep raised supervisions');
    return { raised, skipped: false };
  });
}
