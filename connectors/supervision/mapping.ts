import type { LeadKind, LeadPriority } from './entities';

/**
 * The national Internet+Supervision platform's codes (互联网+督查) and the hub's. Lead kinds:
 * 政策落实 policy not implemented, 不作为 inaction, 乱作为 misconduct, 意见建议 suggestion.
 */
const KIND_BY_CODE: Record<string, LeadKind> = { ZCLS: 'POLICY_NOT_IMPLEMENTED', BZW: 'INACTION', LZW: 'MISCONDUCT', YJJY: 'SUGGESTION' };
export const LEAD_KIND_CODES = Object.keys(KIND_BY_CODE) as [string, ...string[]];

export function leadKindOf(code: string): LeadKind {
  return KIND_BY_CODE[code]!;
}

/** Priority 1 一般, 2 重要, 3 紧急 — and what it means here: the case's urgency and the lead's time limit. */
const PRIORITY_BY_CODE: Record<string, LeadPriority> = { '1': 'NORMAL', '2': 'IMPORTANT', '3': 'URGENT' };
export const LEAD_PRIORITY_CODES = Object.keys(PRIORITY_BY_CODE) as [string, ...string[]];

export function leadPriorityOf(code: string): LeadPriority {
  return PRIORITY_BY_CODE[code]!;
}

export const URGENCY_OF_PRIORITY: Record<LeadPriority, 'NORMAL' | 'URGENT' | 'VERY_URGENT'> = { NORMAL: 'NORMAL', IMPORTANT: 'URGENT', URGENT: 'VERY_URGENT' };

/** Default time limits when the platform sets none (days), a setting of the connector. */
export const DEFAULT_LEAD_DAYS: Record<LeadPriority, number> = { NORMAL: 15, IMPORTANT: 10, URGENT: 5 };

/** An overdue lead raises supervision on its case: an urgent one escalates at once. */
export const OVERDUE_LEVEL: Record<LeadPriority, 'SUPERVISION' | 'LISTED' | 'ESCALATION'> = { NORMAL: 'SUPERVISION', IMPORTANT: 'LISTED', URGENT: 'ESCALATION' };

/** Case type by lead kind. */
export const CASE_TYPE_OF_KIND: Record<LeadKind, 'COMPLAINT' | 'REPORT' | 'SUGGESTION'> = {
  POLICY_NOT_IMPLEMENTED: 'COMPLAINT',
  INACTION: 'COMPLAINT',
  MISCONDUCT: 'REPORT',
  SUGGESTION: 'SUGGESTION',
};

/** The stage reported back to the platform: 已受理 accepted, 办理中 in progress, 已答复 replied, 已办结 concluded (final reply). */
export function reportStageOf(caseStatus: string): 'YSL' | 'BLZ' | 'YDF' | 'YBJ' | undefined {
  switch (caseStatus) {
    case 'PENDING_DISPATCH':
    case 'DISPATCHED':
      return 'YSL';
    case 'SIGNED':
    case 'SENT_BACK':
    case 'RETURN_REQUESTED':
      return 'BLZ';
    case 'REPLIED':
    case 'FOLLOW_UP_PENDING':
      return 'YDF';
    case 'CLOSED':
      return 'YBJ';
    default:
      return undefined;
  }
}
