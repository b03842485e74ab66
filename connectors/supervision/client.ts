import { callPartner } from '../kit/call';
import type { ExchangeKit } from '../kit/kit';

/** A lead's status as reported to the national platform: its stage, the case and whether it was linked. */
export type LeadReport = { leadRef: string; caseNumber: string; linked: boolean; stage: string; at: string };

/** The national Internet+Supervision platform as the hub calls it, through the exchange kit. */
export function createSupervisionClient(kit: ExchangeKit) {
  return {
    async report(report: LeadReport, options: { id: string; now: Date }): Promise<void> {
      await callPartner(kit, 'supervision', options.id, { type: 'lead.status', data: report, caseNumber: report.caseNumber }, options.now);
    },
  };
}

export type SupervisionClient = ReturnType<typeof createSupervisionClient>;
