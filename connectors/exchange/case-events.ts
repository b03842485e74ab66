import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import type { CaseSnapshot } from '../kit/events';
import type { OutboxMessage } from '../kit/outbox';
import { TransferEntity } from './entities';

const LINE_PARTNER: Record<string, string> = { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' };

type CaseChanged = { action: string; from: string | null; to: string; case: CaseSnapshot; details: Record<string, unknown> };

/**
 * Consumes the hotline's `case.changed` events (delivered at least once, in order per case):
 * - an emergency disposition (110/119/120/122 at once) or a malicious-caller referral becomes an
 *   OUTBOUND transfer, PENDING until the partner's connector delivers it; the event id is its
 *   idempotency key, so a redelivered event creates nothing twice;
 * - every change refreshes the copy of the case's scope kept on its transfers (row policy here).
 */
export function caseChangedHandler(orm: Orm, clock: Clock): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const event = message.payload as unknown as CaseChanged;
    const snapshot = event.case;
    const em = forkEm(orm);
    const partner = outboundPartner(event);
    if (partner) {
      const now = clock.now();
      try {
        await em.insert(TransferEntity, {
          id: randomUUID(),
          partner,
          direction: 'OUTBOUND',
          caseId: snapshot.caseId,
          caseNumber: snapshot.number,
          status: 'PENDING',
          reason: event.action === 'referPolice' ? '恶意骚扰热线线索，移交公安机关' : '紧急事项，即时转接',
          attempts: 0,
          idempotencyKey: `case-event:${message.id}`,
          regionPath: snapshot.regionPath,
          assignedUnitIds: snapshot.assignedUnitIds,
          sharedWith: snapshot.sharedWith,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
      }
    }
    await em.nativeUpdate(
      TransferEntity,
      { caseId: snapshot.caseId },
      { regionPath: snapshot.regionPath, assignedUnitIds: snapshot.assignedUnitIds, sharedWith: snapshot.sharedWith },
    );
  };
}

function outboundPartner(event: CaseChanged): string | undefined {
  if (event.action === 'transferEmergency' && event.case.emergencyLine) return LINE_PARTNER[event.case.emergencyLine];
  if (event.action === 'referPolice') return 'police110';
  return undefined;
}
