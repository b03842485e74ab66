/**
 * What a partner connector asks the hotline to do with a matter (topic `hotline.command`, written
 * to the connector's own outbox in the transaction that received the partner's message, consumed by
 * src/hotline/partner-commands.ts). Each command names its partner and the partner's reference, so
 * the hotline's answer — a `case.changed` event whose details carry both — finds its way back.
 * Commands are applied at least once; the hotline applies each message id once.
 */
export const HOTLINE_COMMAND_TOPIC = 'hotline.command';

/** The systems a case can be linked to (Case.linkedMatters). */
export const MATTER_SYSTEMS = ['PETITION', 'SUPERVISION', 'UTILITY', 'POLICE_110'] as const;
export type MatterSystem = (typeof MATTER_SYSTEMS)[number];

type Reference = { partner: string; externalRef: string };

/** A matter that arrives from a partner: a new case, or a link to an open case about the same matter. */
export type IntakeCommand = Reference & {
  kind: 'intake';
  system: MatterSystem;
  channel: 'PETITION_REFERRAL' | 'SUPERVISION_LEAD';
  type: 'CONSULTATION' | 'HELP_REQUEST' | 'COMPLAINT' | 'REPORT' | 'SUGGESTION' | 'PRAISE';
  urgency: 'NORMAL' | 'URGENT' | 'VERY_URGENT';
  region: string;
  township?: string;
  categoryCode?: string;
  title: string;
  description: string;
  address?: string;
  occurredAt?: string;
  /** Link instead of registering when an open case is about the same matter. */
  linkable: boolean;
  /** A 12345 case number the partner cites, if any (strongest evidence of the same matter). */
  citedCaseNumber?: string;
};

/** Raise supervision on a case (e.g. an overdue supervision lead). */
export type SuperviseCommand = Reference & { kind: 'supervise'; caseId: string; level: 'REMINDER' | 'SUPERVISION' | 'LISTED' | 'ESCALATION'; note: string };

/** A partner's progress on a case (a utility crew arrived, power restored …): a line of the case history. */
export type ProgressCommand = Reference & { kind: 'progress'; caseId: string; note: string };

/** A partner's reply on a case it handles: the case is replied when it is at the unit, else recorded. */
export type ReplyCommand = Reference & { kind: 'reply'; caseId: string; result: 'RESOLVED' | 'PARTIALLY_RESOLVED' | 'EXPLAINED'; text: string };

/** Another system's matter concerns this case (Case.linkedMatters). */
export type LinkCommand = Reference & { kind: 'link'; caseId: string; system: MatterSystem; status: string; relation: string };

export type HotlineCommand = IntakeCommand | SuperviseCommand | ProgressCommand | ReplyCommand | LinkCommand;
