import { z } from 'zod';
import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { HOTLINE_COMMAND_TOPIC, type IntakeCommand } from '../kit/matters';
import { enqueue } from '../kit/outbox';
import { receiveOnce } from '../kit/receive-once';
import { regionPathOf } from '../kit/regions';
import { PetitionOutboxEntity, PetitionReferralEntity } from './entities';
import { hotlineClassOf, isPetitionCategory, PETITION_CATEGORIES } from './mapping';

/** 信访转办 — a referral as the petition system posts it (event `referral.created`). */
export const referralSchema = z.object({
  type: z.literal('referral.created'),
  petitionRef: z.string().min(1).max(64),
  region: z.string().regex(/^\d{6}$/, 'must be a six-digit region code'),
  township: z.string().regex(/^\d{9}$/).optional(),
  category: z.string().max(16).optional(),
  /** The hub's category code when the bureau knows it (it reads the hub's catalog). */
  hubCategoryCode: z.string().max(16).optional(),
  title: z.string().min(1).max(200),
  description: z.string().min(5).max(4000),
  address: z.string().max(300).optional(),
  occurredAt: z.string().datetime({ offset: true }).optional(),
  /** A 12345 case number the bureau cites, when the matter was first raised with the hotline. */
  caseNumber: z.string().max(40).optional(),
}).superRefine((m, ctx) => {
  // A category the hub does not know is refused even beside hubCategoryCode: stored, it would be a
  // code nobody can read back, and the bureau would never learn its message was half understood.
  if (m.category !== undefined && !isPetitionCategory(m.category)) {
    ctx.addIssue({ code: 'custom', path: ['category'], message: `unknown petition category "${m.category}" (known: ${PETITION_CATEGORIES.join(', ')})` });
  } else if (!m.hubCategoryCode && !(m.category && hotlineClassOf(m.category))) {
    ctx.addIssue({ code: 'custom', path: ['category'], message: 'must be a petition category the hub maps to its catalog (XF-CXJS …), or give hubCategoryCode' });
  }
});
export type ReferralMessage = z.infer<typeof referralSchema>;

/**
 * Accepts a referral: one row per petition reference (a referral sent twice is one referral) and,
 * in the same transaction, the command asking the hotline to register it (channel
 * PETITION_REFERRAL) or link it to an open case about the same matter.
 */
export async function receiveReferral(orm: Orm, clock: Clock, message: ReferralMessage): Promise<{ referralId: string; duplicate: boolean }> {
  const now = clock.now();
  const { id, duplicate } = await receiveOnce(orm, PetitionReferralEntity, { petitionRef: message.petitionRef }, (tx, id) => {
    tx.create(PetitionReferralEntity, {
      id,
      partner: 'petition',
      petitionRef: message.petitionRef,
      status: 'RECEIVED',
      category: message.category,
      region: message.region,
      title: message.title,
      receivedAt: now,
      updatedAt: now,
      regionPath: regionPathOf(message.region),
      assignedUnitIds: [],
      sharedWith: ['petition'],
    });
    const command: IntakeCommand = {
      kind: 'intake',
      partner: 'petition',
      externalRef: message.petitionRef,
      system: 'PETITION',
      channel: 'PETITION_REFERRAL',
      type: 'COMPLAINT',
      urgency: 'NORMAL',
      region: message.region,
      township: message.township,
      categoryCode: message.hubCategoryCode ?? (message.category ? hotlineClassOf(message.category) : undefined),
      title: message.title,
      description: message.description,
      address: message.address,
      occurredAt: message.occurredAt,
      linkable: true,
      citedCaseNumber: message.caseNumber,
    };
    enqueue(tx, PetitionOutboxEntity, now, [{ topic: HOTLINE_COMMAND_TOPIC, key: message.petitionRef, payload: command }]);
  });
  return { referralId: id, duplicate };
}
