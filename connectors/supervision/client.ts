import { callPartner, type PartnerEndpoint } from '../kit/stopgap-client';

/** A lead's status as reported to the national platform: its stage, the case and whether it was linked. */
export type LeadReport = { leadRef: string; caseNumber: string; linked: boolean; stage: string; at: string };

/** The national Internet+Supervision platform as the hub calls it. */
export function createSupervisionClient(endpoint: PartnerEndpoint) {
  return {
    async report(report: LeadReport, options: { id: string; now: Date }): Promise<void> {
      await callPartner(endpoint, `/leads/${encodeURIComponent(report.leadRef)}/status`, report, options);
    },
  };
}

export type SupervisionClient = ReturnType<typeof createSupervisionClient>;
