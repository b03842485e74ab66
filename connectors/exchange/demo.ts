import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../src/platform/db/orm';
import type { CaseSnapshot } from '../kit/events';
import { CaseScopeEntity, TransferEntity, type Transfer } from './entities';

const LINE_PARTNERS: Record<string, string> = { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' };

/**
 * Demo transfers for the seeded cases: emergency transfers out (acknowledged by the line), 110
 * "双非" matters in (with their incident numbers), and the history a partner dashboard would show.
 */
export async function seedExchangeDemo(em: EntityManager, cases: CaseSnapshot[], now: Date): Promise<void> {
  let incident = 1;
  for (const c of cases) {
    const createdAt = new Date(c.createdAt);
    em.create(CaseScopeEntity, { caseId: c.caseId, number: c.number, status: c.status, channel: c.channel, regionPath: c.regionPath, assignedUnitIds: c.assignedUnitIds, sharedWith: c.sharedWith, updatedAt: now });
    const scope = { caseId: c.caseId, caseNumber: c.number, regionPath: c.regionPath, assignedUnitIds: c.assignedUnitIds, sharedWith: c.sharedWith };
    const base = { attempts: 1, createdAt, updatedAt: createdAt, version: 1 } satisfies Partial<Transfer>;
    if (c.emergencyLine) {
      const partner = LINE_PARTNERS[c.emergencyLine]!;
      const acknowledgedAt = new Date(createdAt.getTime() + 40_000);
      em.create(TransferEntity, {
        ...base,
        ...scope,
        id: randomUUID(),
        partner,
        direction: 'OUTBOUND',
        status: 'ACKNOWLEDGED',
        reason: '紧急警情，一键转接',
        externalRef: `${partner.toUpperCase()}-${c.number.slice(-15)}`,
        acknowledgedAt,
        updatedAt: acknowledgedAt,
      });
    }
    if (c.channel === 'TRANSFER_110') {
      const closed = c.status === 'CLOSED';
      em.create(TransferEntity, {
        ...base,
        ...scope,
        id: randomUUID(),
        partner: 'police110',
        direction: 'INBOUND',
        status: closed ? 'CLOSED' : 'ACKNOWLEDGED',
        reason: '非警务类求助（双非），转 12345 办理',
        externalRef: `JJ${c.number.slice(13, 19)}${String(incident++).padStart(5, '0')}`,
        acknowledgedAt: createdAt,
        feedback: closed ? '12345 已办结：相关单位已处理并回访群众。' : undefined,
        closedAt: closed ? new Date(Math.min(now.getTime(), createdAt.getTime() + 5 * 86_400_000)) : undefined,
      });
    }
  }
  await em.flush();
}
