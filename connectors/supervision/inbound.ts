import { z } from 'zod';
import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { HOTLINE_COMMAND_TOPIC, type IntakeCommand } from '../kit/matters';
import { enqueue } from '../kit/outbox';
import { receiveOnce } from '../kit/receive-once';
import { regionPathOf } from '../kit/regions';
import { SupervisionLeadEntity, SupervisionOutboxEntity } from './entities';
import { CASE_TYPE_OF_KIND, DEFAULT_LEAD_DAYS, LEAD_KIND_CODES, LEAD_PRIORITY_CODES, leadKindOf, leadPriorityOf, URGENCY_OF_PRIORITY } from './mapping';

/** A lead as the national platform posts it (event `lead.created`). */
export const leadSchema = z.object({
  type: z.literal('lead.created'),
  leadRef: z.string().min(1).max(64),
  kind: z.enum(LEAD_KIND_CODES),
  priority: z.enum(LEAD_PRIORITY_CODES),
  region: z.string().regex(/^\d{6}$/, 'must be a six-digit region code'),
  township: z.string().regex(/^\d{9}$/).optional(),
  /** The hub's category code (the platform classifies with the hub's catalog for this province). */
  categoryCode: z.string().min(2).max(16),
  title: z.string().min(1).max(200),
  description: z.string().min(5).max(4000),
  dueAt: z.string().datetime({ offset: true }).optional(),
  /** A 12345 case number the lead cites, when the matter was raised with the hotline before. */
  caseNumber: z.string().max(40).optional(),
});
export type LeadMessage = z.infer<typeof leadSchema>;

/**
 * Accepts a lead: one row per platform reference (a lead sent twice is one lead) and, in the same
 * transaction, the command asking the hotline to register it (channel SUPERVISION_LEAD) or to link
 * it to an open case about the same matter.
 */
export async function receiveLead(orm: Orm, clock: Clock, message: LeadMessage): Promise<{ leadId: string; duplicate: boolean }> {
  const now = clock.now();
  const kind = leadKindOf(message.kind);
  const priority = leadPriorityOf(message.priority);
  const { id, duplicate } = await receiveOnce(orm, SupervisionLeadEntity, { leadRef: message.leadRef }, (tx, id) => {
    tx.create(SupervisionLeadEntity, {
      id,
      partner: 'supervision',
      leadRef: message.leadRef,
      kind,
      priority,
      dueAt: message.dueAt ? new Date(message.dueAt) : new Date(now.getTime() + DEFAULT_LEAD_DAYS[priority] * 86_400_000),
      region: message.region,
      categoryCode: message.categoryCode,
      title: message.title,
      status: 'RECEIVED',
      linked: false,
      receivedAt: now,
      updatedAt: now,
      regionPath: regionPathOf(message.region),
      assignedUnitIds: [],
      sharedWith: ['supervision'],
    });
    const command: IntakeCommand = {
      kind: 'intake',
      partner: 'supervision',
      externalRef: message.leadRef,
      system: 'SUPERVISION',
      channel: 'SUPERVISION_LEAD',
      type: CASE_TYPE_OF_KIND[kind],
      urgency: URGENCY_OF_PRIORITY[priority],
      region: message.region,
      township: message.township,
      categoryCode: message.categoryCode,
      title: message.title,
      description: message.description,
      linkable: true,
      citedCaseNumber: message.caseNumber,
    };
    enqueue(tx, SupervisionOutboxEntity, now, [{ topic: HOTLINE_COMMAND_TOPIC, key: message.leadRef, payload: command }]);
  });
  return { leadId: id, duplicate };
}
