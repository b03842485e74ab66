import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import type { CaseChanged } from '../kit/events';
import { enqueue, type OutboxMessage } from '../kit/outbox';
import { PetitionCheckEntity, PetitionOutboxEntity, PetitionReferralEntity } from './entities';
import { handlingCodeOf } from './mapping';

export const PETITION_REPORT_TOPIC = 'petition.report';

type IntakeCheck = { partner: string; checkId: string };

/**
 * Consumes the hotline's `case.changed` events (at least once, in order per case):
 * - the intake checks of a newly registered case are attached to it (Case.petitionMatches);
 * - a referral's case, once registered or linked, is recorded, and each change of its handling
 *   stage is reported back to the petition system (through this module's outbox: retried, never
 *   lost; `lastReported` makes a redelivered event report nothing twice);
 * - the case's scope is copied onto its checks and referral (row policy here).
 */
export function petitionCaseEvents(orm: Orm, clock: Clock): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const event = message.payload as unknown as CaseChanged;
    const c = event.case;
    const scope = { regionPath: c.regionPath, assignedUnitIds: c.assignedUnitIds, sharedWith: c.sharedWith };
    await forkEm(orm).transactional(async (tx) => {
      const checks = ((event.details.intakeChecks ?? []) as IntakeCheck[]).filter((check) => check.partner === 'petition');
      if (checks.length) await tx.nativeUpdate(PetitionCheckEntity, { id: { $in: checks.map((check) => check.checkId) } }, { caseId: c.caseId, caseNumber: c.number });
      await tx.nativeUpdate(PetitionCheckEntity, { caseId: c.caseId }, scope);

      const ref = event.details.partner === 'petition' && typeof event.details.externalRef === 'string' ? event.details.externalRef : undefined;
      const referral = ref
        ? await tx.findOne(PetitionReferralEntity, { petitionRef: ref })
        : await tx.findOne(PetitionReferralEntity, { caseId: c.caseId });
      if (!referral) return;
      const now = clock.now();
      if (ref && !referral.caseId) {
        referral.caseId = c.caseId;
        referral.caseNumber = c.number;
        referral.status = event.details.linked ? 'LINKED' : 'REGISTERED';
      }
      if (referral.caseId !== c.caseId) return;
      Object.assign(referral, scope, { updatedAt: now });
      const handling = handlingCodeOf(c.status);
      if (handling && handling !== referral.lastReported) {
        referral.lastReported = handling;
        referral.status = 'REPORTED';
        enqueue(tx, PetitionOutboxEntity, now, [
          { topic: PETITION_REPORT_TOPIC, key: referral.petitionRef, payload: { petitionRef: referral.petitionRef, caseNumber: c.number, handling, at: now.toISOString() } },
        ]);
      }
    });
  };
}
