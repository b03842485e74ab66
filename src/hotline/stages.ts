import { fixedDeadline, setDeadline, startDeadline } from './deadlines';
import type { Case } from './entities';
import type { CaseStatus, LegalRoute } from './model';
import type { HotlineRuntime } from './runtime';

/**
 * Every way a case can end, and its close reason: at intake (answered, informed of a legal route,
 * explained, transferred to an emergency line, referred to the police) or at the end of handling
 * (CLOSED: after follow-up, unreachable, or with its master). An ended case has `closedAt` and a
 * `closeReason`, falls under contact-data retention, and its partners are told how it ended.
 */
export const ENDINGS: Readonly<Partial<Record<CaseStatus, string>>> = {
  ANSWERED_DIRECTLY: 'ANSWERED_DIRECTLY',
  INFORMED_LEGAL_ROUTE: 'LEGAL_ROUTE',
  EXPLAINED: 'EXPLAINED',
  TRANSFERRED_OUT: 'TRANSFERRED_OUT',
  REFERRED_POLICE: 'REFERRED_POLICE',
  CLOSED: 'FOLLOW_UP',
};

export function isEnded(status: CaseStatus): boolean {
  return status in ENDINGS;
}

/**
 * What entering a state means for a case's clocks and its ending — called on every state change,
 * whoever makes it (a person, the scheduler, a partner's command):
 * - the hotline's own stages get their time limits (waiting for dispatch, reply review, follow-up);
 * - a signing after the response window and a reply after the deadline are counted, for good;
 * - an ending sets `closedAt` and the close reason; a case back in the queue is open again.
 */
export async function enterState(runtime: Pick<HotlineRuntime, 'settings' | 'calendar'>, c: Case, from: CaseStatus, to: CaseStatus, now: Date): Promise<void> {
  const [settings, calendar] = await Promise.all([runtime.settings(), runtime.calendar()]);
  const { stageLimits } = settings;
  setDeadline(c, 'stageDueAt', undefined);
  switch (to) {
    case 'PENDING_DISPATCH':
      setDeadline(c, 'stageDueAt', startDeadline(calendar, now, stageLimits.pendingDispatch));
      c.closedAt = undefined;
      c.closeReason = undefined;
      break;
    case 'SIGNED':
      if (from === 'DISPATCHED' && c.responseDueAt && now.getTime() > c.responseDueAt.getTime()) c.lateSignings += 1;
      break;
    case 'REPLIED':
      if (c.dueAt && now.getTime() > c.dueAt.getTime()) c.lateReplies += 1;
      setDeadline(c, 'stageDueAt', startDeadline(calendar, now, stageLimits.replyReview));
      break;
    case 'FOLLOW_UP_PENDING':
      // Attempts are counted per follow-up cycle: a reopened case is called afresh.
      c.followUpAttempts = 0;
      setDeadline(c, 'followUpDueAt', startDeadline(calendar, now, stageLimits.followUp));
      break;
    default:
      break;
  }
  const reason = ENDINGS[to];
  if (reason && !isEnded(from)) {
    c.closedAt = now;
    c.closeReason = to === 'CLOSED' ? (c.closeReason ?? reason) : reason;
    // Nothing more is due from anyone on an ended case.
    if (c.returnDeadline && c.returnDeadline.getTime() > now.getTime()) setDeadline(c, 'returnDeadline', fixedDeadline(now));
  }
}

const LEGAL_ROUTE_NAMES: Record<LegalRoute, string> = {
  LITIGATION: '诉讼',
  ARBITRATION: '仲裁',
  DISCIPLINE: '纪检监察',
  ADMINISTRATIVE_RECONSIDERATION: '行政复议',
  INFORMATION_DISCLOSURE: '政府信息公开申请',
  ALREADY_IN_PETITION: '信访（该事项已在信访渠道办理）',
};

const LINE_NAMES: Record<string, string> = { POLICE_110: '110', FIRE_119: '119', MEDICAL_120: '120', TRAFFIC_122: '122' };

/**
 * How the case ended, in the words a partner that sent the matter is told (the transfer's final
 * feedback): the result of handling, or why and how the hotline did not handle it.
 */
export function endingFeedback(c: Case, masterNumber?: string): string {
  const reply = c.replyText?.trim();
  switch (c.closeReason) {
    case 'ANSWERED_DIRECTLY':
      return `12345 已当场答复来电人：${c.answerText ?? ''}`.trim();
    case 'LEGAL_ROUTE':
      return `12345 不予受理：已告知来电人依法通过${c.legalRoute ? LEGAL_ROUTE_NAMES[c.legalRoute] : '法定'}途径反映。`;
    case 'EXPLAINED':
      return `12345 不予受理，已向来电人解释说明：${c.explainReason ?? ''}`.trim();
    case 'TRANSFERRED_OUT':
      return `12345 已即时转${c.emergencyLine ? LINE_NAMES[c.emergencyLine] : '应急'}处置。`;
    case 'REFERRED_POLICE':
      return '12345 已将恶意骚扰热线线索移交公安机关。';
    case 'UNREACHABLE':
      return `12345 已办结（回访未能联系来电人）。${reply ? `处理结果：${reply}` : ''}`.trim();
    case 'MASTER_CLOSED':
      return `12345 已并入主工单${masterNumber ? ` ${masterNumber} ` : ''}办结。${reply ? `处理结果：${reply}` : ''}`.trim();
    default:
      // A merged caller's case closes after its own follow-up, with the result of the matter's master case.
      if (c.masterId) return `12345 已办结（与同一事项的其他来电并案办理）。${reply ? `处理结果：${reply}` : ''}`.trim();
      return reply || '12345 已办结。';
  }
}
