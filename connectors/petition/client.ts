import { callPartner, type PartnerEndpoint } from '../kit/stopgap-client';
import type { CorrelationKey } from './correlation';

/** What the petition system answers for a correlation key: its matters for that person, in its codes. */
export type PetitionSystemMatch = { petitionRef: string; agency: string; status: string; acceptedAt: string; category?: string };

/** The hub's report of a referral's handling (办理情况反馈), in the petition system's handling codes. */
export type HandlingReport = { petitionRef: string; caseNumber: string; handling: string; at: string; note?: string };

/**
 * The petition system's API as the hub calls it: the channel check (POST /correlations/match) and
 * handling reports on referrals (POST /referrals/<ref>/handling). Every call is signed.
 */
export function createPetitionClient(endpoint: PartnerEndpoint) {
  return {
    async match(key: CorrelationKey, now: Date): Promise<PetitionSystemMatch[]> {
      const answer = await callPartner<{ matches?: PetitionSystemMatch[] }>(endpoint, '/correlations/match', key, { now });
      return Array.isArray(answer.matches) ? answer.matches : [];
    },
    async reportHandling(report: HandlingReport, options: { id: string; now: Date }): Promise<void> {
      await callPartner(endpoint, `/referrals/${encodeURIComponent(report.petitionRef)}/handling`, report, options);
    },
  };
}

export type PetitionClient = ReturnType<typeof createPetitionClient>;
