import type { Action as Permission } from '../../policies';
import type { Case } from './entities';
import type { HotlineSettings } from './defaults';
import { CASE_STATUSES, type CaseStatus } from './model';

/**
 * 工单流转 — the work-order workflow of 66号 (五)(六), as a table (docs/style.md, from Signalen).
 * Every state change of a case is one row here: the action, the states it may start from, the state
 * it leads to, the permission (a CASL action checked on the actual case record) and its guard.
 * Mutations ask `checkTransition`; nothing else decides a transition. The table is the
 * documentation: README "A case from call to close" walks through it.
 */
export type WorkflowAction =
  | 'answerDirectly'
  | 'awaitDispatch'
  | 'transferEmergency'
  | 'informLegalRoute'
  | 'explain'
  | 'referPolice'
  | 'transferRejected'
  | 'partnerTransfer'
  | 'dispatch'
  | 'reclassify'
  | 'recall'
  | 'reassignLead'
  | 'addCoUnits'
  | 'redispose'
  | 'sign'
  | 'coSign'
  | 'coOpinion'
  | 'requestReturn'
  | 'reassign'
  | 'coordinate'
  | 'rejectReturn'
  | 'requestExtension'
  | 'reviewExtension'
  | 'reply'
  | 'acceptReply'
  | 'sendBack'
  | 'close'
  | 'followUpUnreached'
  | 'closeUnreachable'
  | 'reopen'
  | 'merge'
  | 'supervise'
  | 'masterClosed'
  | 'masterClosedNoContact'
  | 'revealContact';

export type GuardContext = {
  now: Date;
  settings: HotlineSettings;
  /** Extra facts a guard needs that are not on the case row. */
  facts: {
    pendingExtension?: boolean;
    previousStatus?: CaseStatus;
    /** The unit of the principal acting (handlers). */
    actorUnit?: string;
    /** An extension review that approves. */
    approve?: boolean;
    /** The state a new disposition leads to (redispose). */
    dispositionStatus?: CaseStatus;
  };
};

type Transition = {
  from: readonly CaseStatus[];
  /**
   * `SAME`: the action records something without changing the state; `PREVIOUS`: back to where it
   * was; `BY_DISPOSITION`: the ending the new disposition leads to.
   */
  to: CaseStatus | 'SAME' | 'PREVIOUS' | 'BY_DISPOSITION';
  permission: Permission;
  /** Who, in docs/domain.md terms (documentation; the permission is what is enforced). */
  who: string;
  /** A reason to refuse, or null. */
  guard?: (c: Case, ctx: GuardContext) => string | null;
};

/** States in which a case is still being worked on (supervision applies, merging is possible before reply). */
export const OPEN_STATES: readonly CaseStatus[] = ['REGISTERED', 'PENDING_DISPATCH', 'DISPATCHED', 'SIGNED', 'RETURN_REQUESTED', 'REPLIED', 'SENT_BACK', 'FOLLOW_UP_PENDING'];
const UNIT_WORKING: readonly CaseStatus[] = ['SIGNED', 'SENT_BACK'];
/** At a unit (signed or not): the dispatcher may still reclassify, recall, reassign and add co-units. */
const AT_UNIT: readonly CaseStatus[] = ['DISPATCHED', 'SIGNED', 'SENT_BACK'];

/** An extension is decided while the deadline it extends has not passed. */
function beforeDue(c: Case, now: Date, what: string, leadHours = 0): string | null {
  if (!c.dueAt) return null;
  const latest = c.dueAt.getTime() - leadHours * 3_600_000;
  if (now.getTime() < latest) return null;
  return `${what} before the deadline${leadHours ? ` (at least ${leadHours} hours before)` : ''}: it was ${c.dueAt.toISOString()}; the case is overdue and stays so`;
}

export const WORKFLOW: Readonly<Record<WorkflowAction, Transition>> = {
  // Intake: the disposition (66号 (二)) decides where a registered case goes, in the same mutation.
  answerDirectly: { from: ['REGISTERED'], to: 'ANSWERED_DIRECTLY', permission: 'create', who: 'operator answering from the knowledge base' },
  awaitDispatch: { from: ['REGISTERED'], to: 'PENDING_DISPATCH', permission: 'create', who: 'operator (disposition HANDLE)' },
  transferEmergency: { from: ['REGISTERED'], to: 'TRANSFERRED_OUT', permission: 'create', who: 'operator (110/119/120/122 at once)' },
  informLegalRoute: { from: ['REGISTERED'], to: 'INFORMED_LEGAL_ROUTE', permission: 'create', who: 'operator (litigation, arbitration, petition …)' },
  explain: { from: ['REGISTERED'], to: 'EXPLAINED', permission: 'create', who: 'operator (unlawful, secrets, privacy)' },
  referPolice: { from: ['REGISTERED'], to: 'REFERRED_POLICE', permission: 'create', who: 'operator (malicious disruption)' },
  // Partner exchange (国办发〔2022〕12号): the receiving line rejected after the three-way call, so the
  // first-receiving platform (the hotline) keeps the matter and dispatches it like any case.
  transferRejected: { from: ['TRANSFERRED_OUT', 'REFERRED_POLICE'], to: 'PENDING_DISPATCH', permission: 'transfer', who: 'the exchange, when the receiving line rejects' },
  // A transfer to or from a partner recorded on an open case: no state change (the case keeps its course).
  partnerTransfer: { from: CASE_STATUSES, to: 'SAME', permission: 'transfer', who: 'the exchange (transfer sent, acknowledged, rejected, fed back)' },

  // Dispatch and the unit's answer to it (66号 (五)).
  dispatch: { from: ['PENDING_DISPATCH'], to: 'DISPATCHED', permission: 'dispatch', who: 'dispatcher' },
  // The dispatcher keeps a case moving on their own: nothing waits for a unit to object.
  reclassify: { from: ['REGISTERED', 'PENDING_DISPATCH', 'RETURN_REQUESTED', ...AT_UNIT], to: 'SAME', permission: 'dispatch', who: 'dispatcher (category, type, urgency)' },
  recall: { from: AT_UNIT, to: 'PENDING_DISPATCH', permission: 'dispatch', who: 'dispatcher taking a dispatch back (撤回)' },
  reassignLead: { from: AT_UNIT, to: 'DISPATCHED', permission: 'dispatch', who: 'dispatcher naming another lead unit (改派)' },
  addCoUnits: { from: AT_UNIT, to: 'SAME', permission: 'dispatch', who: 'dispatcher adding co-units (增加协办)' },
  redispose: {
    from: ['PENDING_DISPATCH'],
    to: 'BY_DISPOSITION',
    permission: 'dispatch',
    who: 'dispatcher ending a waiting case with another disposition (legal route, explain, emergency line, police)',
  },
  sign: {
    from: ['DISPATCHED'],
    to: 'SIGNED',
    permission: 'sign',
    who: 'lead unit (its signature is the unit\'s response)',
    guard: (c, { facts }) => (facts.actorUnit && facts.actorUnit !== c.leadUnitId ? 'only the lead unit signs the case; a co-unit signs its own part (signCase does it)' : null),
  },
  coSign: { from: AT_UNIT, to: 'SAME', permission: 'sign', who: 'co-unit signing its own part (协办签收)' },
  coOpinion: { from: AT_UNIT, to: 'SAME', permission: 'sign', who: 'co-unit submitting its opinion to the lead unit (协办意见)' },
  requestReturn: {
    from: ['DISPATCHED', 'SIGNED'],
    to: 'RETURN_REQUESTED',
    permission: 'requestReturn',
    who: 'lead unit, within the return window',
    guard: (c, { now }) =>
      c.returnDeadline && now.getTime() > c.returnDeadline.getTime()
        ? `the return window closed at ${c.returnDeadline.toISOString()}; the unit is first-responsible and must handle the case`
        : null,
  },
  reassign: { from: ['RETURN_REQUESTED'], to: 'DISPATCHED', permission: 'reviewReturn', who: 'dispatcher upholding the objection, with a new lead unit' },
  coordinate: { from: ['RETURN_REQUESTED'], to: 'PENDING_DISPATCH', permission: 'reviewReturn', who: 'dispatcher upholding the objection, to coordinate (会商)' },
  rejectReturn: { from: ['RETURN_REQUESTED'], to: 'PREVIOUS', permission: 'reviewReturn', who: 'dispatcher rejecting the objection: the unit keeps the case' },

  // Handling and time limits (66号 (六)).
  requestExtension: {
    from: UNIT_WORKING,
    to: 'SAME',
    permission: 'requestExtension',
    who: 'lead unit',
    guard: (c, { now, settings, facts }) =>
      facts.pendingExtension
        ? 'an extension request is already waiting for review'
        : c.extensionCount >= settings.maxExtensions
          ? `the case has had the maximum of ${settings.maxExtensions} extensions`
          : beforeDue(c, now, 'an extension is requested', settings.extensionRequestMinHoursBeforeDue),
  },
  reviewExtension: {
    from: UNIT_WORKING,
    to: 'SAME',
    permission: 'reviewExtension',
    who: 'dispatcher (approval before the deadline)',
    guard: (c, { now, facts }) =>
      !facts.pendingExtension ? 'no extension request is waiting for review' : facts.approve ? beforeDue(c, now, 'an extension is approved') : null,
  },
  reply: { from: UNIT_WORKING, to: 'REPLIED', permission: 'reply', who: 'lead unit' },
  acceptReply: { from: ['REPLIED'], to: 'FOLLOW_UP_PENDING', permission: 'reviewReply', who: 'hotline reviewer' },
  sendBack: { from: ['REPLIED'], to: 'SENT_BACK', permission: 'reviewReply', who: 'hotline reviewer (发回重办)' },

  // Follow-up (回访).
  close: { from: ['FOLLOW_UP_PENDING'], to: 'CLOSED', permission: 'followUp', who: 'operator recording the caller\'s answer' },
  followUpUnreached: {
    from: ['FOLLOW_UP_PENDING'],
    to: 'SAME',
    permission: 'followUp',
    who: 'operator who could not reach the caller (attempt recorded)',
  },
  closeUnreachable: { from: ['FOLLOW_UP_PENDING'], to: 'CLOSED', permission: 'followUp', who: 'operator, after the last documented attempt' },
  reopen: { from: ['FOLLOW_UP_PENDING'], to: 'DISPATCHED', permission: 'followUp', who: 'operator recording dissatisfaction: back to the lead unit' },

  // Coordination.
  merge: { from: ['REGISTERED', 'PENDING_DISPATCH', 'DISPATCHED', 'SIGNED'], to: 'MERGED', permission: 'merge', who: 'dispatcher (并单)' },
  supervise: { from: OPEN_STATES, to: 'SAME', permission: 'supervise', who: 'dispatcher or the supervision scheduler' },
  // When the master closes, each merged caller gets the master's result and a follow-up of their own;
  // a caller who cannot be called (no number) is closed with the master's result.
  masterClosed: { from: ['MERGED'], to: 'FOLLOW_UP_PENDING', permission: 'merge', who: 'the system, when the master case closes' },
  masterClosedNoContact: { from: ['MERGED'], to: 'CLOSED', permission: 'merge', who: 'the system, when the master case closes (a caller without a number)' },

  // Break-glass: no state change, but a recorded act on the case.
  revealContact: { from: CASE_STATUSES, to: 'SAME', permission: 'reveal', who: 'handler who must call the citizen, or dispatcher; never for confidential callers or whistleblowers' },
};

export type TransitionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; kind: 'FORBIDDEN'; permission: Permission }
  | { ok: false; kind: 'INVALID_TRANSITION'; from: CaseStatus; to: Transition['to']; reason: string };

/**
 * Decides one transition. `allowed` is the principal's permission on this very case record (the
 * caller asks CASL); the table supplies the states and the guard.
 */
export function checkTransition(action: WorkflowAction, c: Case, allowed: (permission: Permission) => boolean, ctx: GuardContext): TransitionCheck {
  const t = WORKFLOW[action];
  if (!allowed(t.permission)) return { ok: false, kind: 'FORBIDDEN', permission: t.permission };
  if (!t.from.includes(c.status)) {
    return { ok: false, kind: 'INVALID_TRANSITION', from: c.status, to: t.to, reason: `${action} is possible only from ${t.from.join(', ')}` };
  }
  const refusal = t.guard?.(c, ctx);
  if (refusal) return { ok: false, kind: 'INVALID_TRANSITION', from: c.status, to: t.to, reason: refusal };
  switch (t.to) {
    case 'SAME':
      return { ok: true, to: c.status };
    case 'PREVIOUS':
      return { ok: true, to: ctx.facts.previousStatus ?? c.status };
    case 'BY_DISPOSITION':
      if (!ctx.facts.dispositionStatus) return { ok: false, kind: 'INVALID_TRANSITION', from: c.status, to: t.to, reason: 'no disposition given' };
      return { ok: true, to: ctx.facts.dispositionStatus };
    default:
      return { ok: true, to: t.to };
  }
}
