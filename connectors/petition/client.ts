import { randomUUID } from 'node:crypto';
import { callPartner } from '../kit/call';
import type { ExchangeKit } from '../kit/kit';
import type { CorrelationKey } from './correlation';

export const PETITION = 'petition';

/** What the petition system answers for a correlation key: its matters for that person, in its codes. */
export type PetitionSystemMatch = { petitionRef: string; agency: string; status: string; acceptedAt: string; category?: string };

/** The hub's report of a referral's handling (办理情况反馈), in the petition system's handling codes. */
export type HandlingReport = { petitionRef: string; caseNumber: string; handling: string; at: string };

/**
 * The petition system as the hub calls it, through the exchange kit (signed, timed out, circuit per
 * partner, exchange log): `correlation.match` (the channel check, answered at once) and
 * `referral.handling` (a referral's handling stage, from this module's outbox).
 */
export function createPetitionClient(kit: ExchangeKit) {
  return {
    async match(key: CorrelationKey, now: Date): Promise<PetitionSystemMatch[]> {
      const answer = (await callPartner(kit, PETITION, `msg_${randomUUID()}`, { type: 'correlation.match', data: key }, now)) as { matches?: PetitionSystemMatch[] } | undefined;
      return Array.isArray(answer?.matches) ? answer.matches : [];
    },
    async reportHandling(report: HandlingReport, options: { id: string; now: Date }): Promise<void> {
      await callPartner(kit, PETITION, options.id, { type: 'referral.handling', data: report, caseNumber: report.caseNumber }, options.now);
    },
  };
}

export type PetitionClient = ReturnType<typeof createPetitionClient>;
