import { LockMode } from '@mikro-orm/core';
import { asSubject, rowFilter } from '../../policies';
import { AGREEMENT_FIELDS } from '../../policies/agreements';
import type { CaseSnapshot } from '../../connectors/kit/events';
import { enqueue } from '../../connectors/kit/outbox';
import type { EntityManager } from '../platform/db/orm';
import { conflict, forbidden, invalidTransition, notFound } from '../platform/graphql/errors';
import { localIdOf } from '../platform/graphql/ids';
import type { PartnerName, Principal } from '../platform/identity/principal';
import type { HotlineContext } from './context';
import type { HotlineRuntime } from './runtime';
import { CaseEntity, CaseEventEntity, CategoryEntity, HotlineOutboxEntity, type Case } from './entities';
import type { CaseStatus } from './model';
import { endingFeedback, enterState, isEnded } from './stages';
import { checkTransition, type GuardContext, type WorkflowAction } from './workflow';

export type Mutation = {
  tx: EntityManager;
  c: Case;
  now: Date;
  /** Refuses now (FORBIDDEN / INVALID_TRANSITION) if `action` is not possible, before any other work. */
  check(action: WorkflowAction, facts?: GuardContext['facts']): void;
  /** Applies a workflow action to the case: checks it against the table, records history and the domain event. */
  transition(action: WorkflowAction, options?: { note?: string; data?: Record<string, unknown>; facts?: GuardContext['facts'] }): Promise<CaseStatus>;
};

/**
 * Runs a change to one case in a transaction: loads it under the principal's row policy with a row
 * lock (out of scope reads as missing), refuses a stale `expectedVersion`, lets `work` apply workflow
 * actions, and commits the new state, its history and its outbox messages together.
 */
export async function mutateCase<T>(
  ctx: HotlineContext,
  caseId: string,
  options: { expectedVersion?: number | null },
  work: (m: Mutation) => Promise<T>,
): Promise<T> {
  const id = localIdOf('Case', caseId, 'caseId');
  const visible = rowFilter(ctx.ability, 'read', 'Case');
  if (!visible) throw notFound('case');
  // A savepoint inside the request's transaction (the principal is declared there, for row security).
  return ctx.em.transactional(async (tx) => {
    const c = await tx.findOne(CaseEntity, { $and: [{ id }, visible] }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!c) throw notFound('case');
    if (options.expectedVersion != null && options.expectedVersion !== c.version) {
      throw conflict(`the case changed since version ${options.expectedVersion} (it is at version ${c.version}); reload it and try again`);
    }
    const now = ctx.clock.now();
    const settings = await ctx.runtime.settings();
    const mutation: Mutation = {
      tx,
      c,
      now,
      check: (action, facts = {}) => void decide(ctx, c, action, { now, settings, facts }),
      transition: (action, opts = {}) => applyTransition(ctx, tx, c, action, { now, settings, facts: opts.facts ?? {} }, opts),
    };
    const result = await work(mutation);
    await tx.flush();
    return result;
  });
}

/** Checks `action` against the workflow table on this case, applies it, and records it. */
export async function applyTransition(
  ctx: HotlineContext,
  tx: EntityManager,
  c: Case,
  action: WorkflowAction,
  guard: GuardContext,
  { note, data }: { note?: string; data?: Record<string, unknown> } = {},
): Promise<CaseStatus> {
  const to = decide(ctx, c, action, guard);
  return moveCase(tx, ctx.runtime, ctx.principal, c, action, to, guard.now, { note, data });
}

/**
 * Moves a case to `to` (already decided by the workflow table): the state's clocks and ending
 * (stages.ts), the history line and the domain event — which, when the case ends here, says how.
 */
export async function moveCase(
  tx: EntityManager,
  runtime: HotlineRuntime,
  actor: Principal,
  c: Case,
  action: string,
  to: CaseStatus,
  now: Date,
  { note, data, masterNumber }: { note?: string; data?: Record<string, unknown>; masterNumber?: string } = {},
): Promise<CaseStatus> {
  const from = c.status;
  c.status = to;
  c.updatedAt = now;
  if (to !== from) await enterState(runtime, c, from, to, now);
  recordHistory(tx, c, actor, action, from, to, now, note, data);
  await emitChange(tx, c, action, from, now, { ...data, ...endedDetails(c, from, masterNumber) }, runtime);
  return to;
}

/** For an event that ends the case (or reports an ended one): how it ended, for the partners that sent it. */
export function endedDetails(c: Case, from: CaseStatus | undefined, masterNumber?: string): Record<string, unknown> {
  if (!isEnded(c.status) || (from && isEnded(from))) return {};
  return { ended: { closeReason: c.closeReason ?? null, feedback: endingFeedback(c, masterNumber) } };
}

/** The target state of `action` on this case for this principal, or the error that refuses it. */
export function decide(ctx: HotlineContext, c: Case, action: WorkflowAction, guard: GuardContext): CaseStatus {
  const check = checkTransition(action, c, (permission) => ctx.ability.can(permission, asSubject('Case', c)), guard);
  if (check.ok) return check.to;
  if (check.kind === 'FORBIDDEN') throw forbidden(`your role may not ${action} this case`);
  throw invalidTransition(check.from, check.to, check.reason);
}

export function recordHistory(
  tx: EntityManager,
  c: Case,
  actor: Principal,
  action: string,
  from: CaseStatus | undefined,
  to: CaseStatus,
  at: Date,
  note?: string,
  data?: Record<string, unknown>,
): void {
  tx.create(CaseEventEntity, {
    caseId: c.id,
    at,
    actorId: actor.sub,
    actorRole: actor.role,
    actorUnit: actor.unit,
    action,
    fromStatus: from,
    toStatus: to,
    note,
    data,
  } as never);
}

const EMERGENCY_PARTNER: Record<string, PartnerName> = { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' };

/** The partner a change hands the case to, if it does (the matter then travels with the event). */
function receivingPartner(c: Case, action: string, details: Record<string, unknown>): PartnerName | undefined {
  const disposed = action === 'transferEmergency' || action === 'referPolice' || action === 'redispose';
  if (disposed && c.status === 'TRANSFERRED_OUT' && c.emergencyLine) return EMERGENCY_PARTNER[c.emergencyLine];
  if (disposed && c.status === 'REFERRED_POLICE') return 'police110';
  if (action === 'partnerTransfer' && details.direction === 'OUTBOUND') return details.partner as PartnerName;
  return undefined;
}

/**
 * What a receiving partner gets of the case: the fields of its data-sharing agreement only
 * (policies/agreements.ts — 110 gets the caller's number, the petition bureau never the person).
 */
export function matterFor(c: Case, partner: PartnerName): Record<string, unknown> {
  const allowed = new Set(AGREEMENT_FIELDS[partner]);
  const pick = (field: string, value: unknown) => (allowed.has(field) && value != null ? { [field.replace('caller.', 'caller_')]: value } : {});
  return {
    ...pick('title', c.title),
    ...pick('description', c.description),
    ...pick('address', c.address),
    ...pick('occurredAt', c.occurredAt?.toISOString()),
    ...pick('category', c.categoryCode),
    ...pick('region', c.regionCode),
    ...pick('type', c.type),
    ...pick('urgency', c.urgency),
    ...pick('caller.name', c.callerConfidential || c.callerWhistleblower ? undefined : c.callerName),
    ...pick('caller.phone', c.callerConfidential || c.callerWhistleblower ? undefined : c.callerPhone),
  };
}

/**
 * The domain event every change emits (topic `case.changed`, keyed by case: delivered in order).
 * With `runtime`, the case's category is read from its reference cache.
 */
export async function emitChange(
  tx: EntityManager,
  c: Case,
  action: string,
  from: CaseStatus | undefined,
  now: Date,
  details?: Record<string, unknown>,
  runtime?: Pick<HotlineRuntime, 'category'>,
): Promise<void> {
  const code = c.categoryCode;
  const category = code ? await (runtime ? runtime.category(tx, code) : tx.findOne(CategoryEntity, { code })) : null;
  const partner = receivingPartner(c, action, details ?? {});
  if (partner) details = { ...details, matter: matterFor(c, partner) };
  enqueue(tx, HotlineOutboxEntity, now, [
    // A closing event carries the handling result: the exchange feeds it back to a partner that transferred the matter.
    { topic: 'case.changed', key: c.id, payload: { action, from: from ?? null, to: c.status, case: snapshotOf(c, category?.utility), details: { ...details, ...(c.status === 'CLOSED' && from !== 'CLOSED' ? { result: c.replyText ?? null } : {}) } } },
  ]);
}

export function snapshotOf(c: Case, utility?: string): CaseSnapshot {
  return {
    caseId: c.id,
    number: c.number,
    channel: c.channel,
    disposition: c.disposition,
    status: c.status,
    categoryCode: c.categoryCode,
    emergencyLine: c.emergencyLine,
    utility,
    township: c.townshipCode,
    title: c.title,
    address: utility ? c.address : undefined,
    regionPath: c.regionPath,
    assignedUnitIds: c.assignedUnitIds,
    sharedWith: c.sharedWith,
    createdAt: c.createdAt.toISOString(),
  };
}
