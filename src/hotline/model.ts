/**
 * The hotline's vocabulary (docs/domain.md, docs/api.md). Enum members are the public GraphQL names.
 */
export const CHANNELS = [
  'PHONE',
  'MISSED_CALL_CALLBACK',
  'WEB',
  'APP',
  'MINI_PROGRAM',
  'MAILBOX',
  'SMS',
  'TRANSFER_110',
  'SUPERVISION_LEAD',
  'PETITION_REFERRAL',
  'UTILITY',
  // 未诉先办: a task the hotline opens itself from a hotspot, before (more) people complain.
  'PROACTIVE',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Special desks (专席): the enterprise desk 涉企专席 and the dialect desk. */
export const DESKS = ['GENERAL', 'ENTERPRISE', 'DIALECT'] as const;
export type Desk = (typeof DESKS)[number];

export const CASE_TYPES = ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'PRAISE'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const URGENCIES = ['NORMAL', 'URGENT', 'VERY_URGENT'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** 66号 (二): the five dispositions at intake. */
export const DISPOSITIONS = ['HANDLE', 'TRANSFER_EMERGENCY', 'INFORM_LEGAL_ROUTE', 'EXPLAIN', 'REFER_POLICE_MALICIOUS'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const CASE_STATUSES = [
  'REGISTERED',
  'ANSWERED_DIRECTLY',
  'PENDING_DISPATCH',
  'DISPATCHED',
  'SIGNED',
  'RETURN_REQUESTED',
  'REPLIED',
  'SENT_BACK',
  'FOLLOW_UP_PENDING',
  'CLOSED',
  'MERGED',
  'TRANSFERRED_OUT',
  'INFORMED_LEGAL_ROUTE',
  'EXPLAINED',
  'REFERRED_POLICE',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const LEGAL_ROUTES = [
  'LITIGATION',
  'ARBITRATION',
  'DISCIPLINE',
  'ADMINISTRATIVE_RECONSIDERATION',
  'INFORMATION_DISCLOSURE',
  'ALREADY_IN_PETITION',
] as const;
export type LegalRoute = (typeof LEGAL_ROUTES)[number];

export const EMERGENCY_LINES = ['POLICE_110', 'FIRE_119', 'MEDICAL_120', 'TRAFFIC_122'] as const;
export type EmergencyLine = (typeof EMERGENCY_LINES)[number];

export const REGION_LEVELS = ['PROVINCE', 'CITY', 'DISTRICT', 'TOWNSHIP'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Kinds of handling unit (诉求办理单位). */
export const UNIT_KINDS = [
  'HOTLINE_CENTRE',
  'LINE_DEPARTMENT',
  'DISTRICT_GOVERNMENT',
  'TOWNSHIP_GOVERNMENT',
  'STREET_OFFICE',
  'PUBLIC_UTILITY',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Units at township/street level are where the never-push-down rule bites. */
export const GRASSROOTS_KINDS: readonly UnitKind[] = ['TOWNSHIP_GOVERNMENT', 'STREET_OFFICE'];

export const REPLY_RESULTS = ['RESOLVED', 'PARTIALLY_RESOLVED', 'EXPLAINED', 'FINAL_REPLY'] as const;
export type ReplyResult = (typeof REPLY_RESULTS)[number];

export const SATISFACTIONS = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** 派单异议 reason codes. */
export const RETURN_REASONS = ['WRONG_AREA', 'WRONG_REMIT', 'UNCLEAR_OWNERSHIP', 'OVERLAPPING_REMITS', 'OUT_OF_SCOPE'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** 督办: reminder, supervision, listed supervision, escalation (提级办理). */
export const SUPERVISION_KINDS = ['REMINDER', 'SUPERVISION', 'LISTED', 'ESCALATION'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/**
 * What raised a supervision: a person, or one of the automatic triggers of docs/domain.md, or the hotline's
 * own time limits. NO_LEAD_UNIT is history only: PASSED_AROUND (through ≥ N units, lead or not) replaced it.
 */
export const SUPERVISION_TRIGGERS = [
  'MANUAL',
  'OVERDUE',
  'DISSATISFIED_AFTER_REOPEN',
  'SENT_BACK_REPEATEDLY',
  'NO_LEAD_UNIT',
  'PASSED_AROUND',
  'UNSIGNED',
  'STAGE_OVERDUE',
  'PARTNER',
] as const;
export type SupervisionTrigger = (typeof SUPERVISION_TRIGGERS)[number];

export const MISSED_CALL_STATUSES = ['PENDING', 'CALLED_BACK', 'UNREACHABLE'] as const;
export type MissedCallStatus = (typeof MISSED_CALL_STATUSES)[number];

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${String(value)}`);
}
