import { LockMode } from '@mikro-orm/core';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import type { CaseChanged } from '../kit/events';
import { HOTLINE_COMMAND_TOPIC, type SuperviseCommand } from '../kit/matters';
import { enqueue, type OutboxMessage } from '../kit/outbox';
import { SupervisionLeadEntity, SupervisionOutboxEntity } from './entities';
import { OVERDUE_LEVEL, reportStageOf } from './mapping';

export const SUPERVISION_REPORT_TOPIC = 'supervision.report';

/**
 * Consumes the hotline's `case.changed` events: a lead's case, once registered or linked, is
 * recorded on the lead; each new stage of its handling (accepted, in progress, replied, concluded)
 * is reported to the national platform through this module's outbox; the case's scope is copied
 * onto its leads (row policy here). `lastReported` makes a redelivered event report nothing twice.
 */
export function supervisionCaseEvents(orm: Orm, clock: Clock): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const event = message.payload as unknown as CaseChanged;
    const c = event.case;
    await forkEm(orm).transactional(async (tx) => {
      const ref = event.details.partner === 'supervision' && typeof event.details.externalRef === 'string' ? event.details.externalRef : undefined;
      if (ref) {
        const lead = await tx.findOne(SupervisionLeadEntity, { leadRef: ref });
        if (lead && !lead.caseId) {
          lead.caseId = c.caseId;
          lead.caseNumber = c.number;
          lead.linked = event.details.linked === true;
          lead.status = lead.linked ? 'LINKED' : 'REGISTERED';
        }
      }
      const now = clock.now();
      for (const lead of await tx.find(SupervisionLeadEntity, { caseId: c.caseId })) {
        Object.assign(lead, { regionPath: c.regionPath, assignedUnitIds: c.assignedUnitIds, sharedWith: c.sharedWith, caseStatus: c.status, updatedAt: now });
        const stage = reportStageOf(c.status) ?? (lead.lastReported ? undefined : 'YSL');
        if (!stage || stage === lead.lastReported) continue;
        lead.lastReported = stage;
        if (stage === 'YDF') lead.status = 'REPLIED';
        if (stage === 'YBJ') lead.status = 'CONCLUDED';
        enqueue(tx, SupervisionOutboxEntity, now, [
          { topic: SUPERVISION_REPORT_TOPIC, key: lead.leadRef, payload: { leadRef: lead.leadRef, caseNumber: c.number, linked: lead.linked, stage, at: now.toISOString() } },
        ]);
      }
    });
  };
}

/**
 * Overdue leads (past the platform's time limit, not concluded) raise supervision on their case,
 * once per lead, at the level their priority calls for. Run with the hotline's supervision sweep;
 * rows another sweep holds are skipped (SKIP LOCKED), so several hub processes raise each once.
 */
export async function sweepOverdueLeads(orm: Orm, clock: Clock): Promise<{ raised: number }> {
  const now = clock.now();
  return forkEm(orm).transactional(async (tx) => {
    const overdue = await tx.find(
      SupervisionLeadEntity,
      { dueAt: { $lt: now }, overdueRaisedAt: null, caseId: { $ne: null }, status: { $nin: ['CONCLUDED'] } },
      { limit: 500, orderBy: { dueAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
    for (const lead of overdue) {
      lead.overdueRaisedAt = now;
      const command: SuperviseCommand = {
        kind: 'supervise',
        partner: 'supervision',
        externalRef: lead.leadRef,
        caseId: lead.caseId!,
        level: OVERDUE_LEVEL[lead.priority],
        note: `互联网+督查线索 ${lead.leadRef} 已超过办理时限，自动督办`,
      };
      enqueue(tx, SupervisionOutboxEntity, now, [{ topic: HOTLINE_COMMAND_TOPIC, key: lead.leadRef, payload: command }]);
    }
    return { raised: overdue.length };
  });
}
