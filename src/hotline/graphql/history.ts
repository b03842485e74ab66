import { decodeCursor, encodeCursor, pageSize, toPage } from '../../platform/graphql/pagination';
import { MATTER_SYSTEMS } from '../../../connectors/kit/matters';
import { CaseEventEntity, type CoUnitTask, type CaseLink, type CaseEvent, type DispatchObjection, type ExtensionRequest, type FollowUp, type Supervision } from '../entities';
import { builder } from './builder';
import { ReturnReasonEnum, SatisfactionEnum, SupervisionKindEnum, SupervisionTriggerEnum } from './enums';
import { UnitRef } from './unit';

export const CaseEventRef = builder.objectRef<CaseEvent>('CaseEvent').implement({
  description: 'One line of a case\'s append-only history: who did what, when, from which state to which.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actorId: t.exposeString('actorId'),
    actorRole: t.exposeString('actorRole'),
    actorUnit: t.field({ type: UnitRef, nullable: true, resolve: (e, _a, ctx) => (e.actorUnit ? ctx.loaders.unitById.load(e.actorUnit) : null) }),
    action: t.exposeString('action', { description: 'A workflow action (src/hotline/workflow.ts), or register / revealCallerContact.' }),
    fromStatus: t.exposeString('fromStatus', { nullable: true }),
    toStatus: t.exposeString('toStatus', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    details: t.string({ nullable: true, description: 'Action details as JSON (e.g. the units dispatched to).', resolve: (e) => (e.data ? JSON.stringify(e.data) : null) }),
  }),
});

export const CaseEventConnection = builder.connectionObject({ type: CaseEventRef, name: 'CaseEventConnection' }, { name: 'CaseEventEdge' });

/** A case's history, oldest first, keyset-paginated on the event sequence. */
export async function caseEvents(em: import('../../platform/db/orm').EntityManager, caseId: string, first?: number | null, after?: string | null) {
  const size = pageSize(first, 50);
  const where: Record<string, unknown> = { caseId };
  if (after) where.id = { $gt: decodeCursor(after)[1] };
  const rows = await em.find(CaseEventEntity, where, { orderBy: { id: 'asc' }, limit: size + 1 });
  return toPage(rows, size, (e) => encodeCursor('', e.id), Boolean(after));
}

export const DispatchObjectionRef = builder.objectRef<DispatchObjection>('DispatchObjection').implement({
  description: '派单异议 — a unit\'s objection to a dispatch and the dispatcher\'s decision.',
  fields: (t) => ({
    id: t.exposeID('id'),
    unit: t.field({ type: UnitRef, nullable: true, resolve: (o, _a, ctx) => ctx.loaders.unitById.load(o.unitId) }),
    reason: t.expose('reason', { type: ReturnReasonEnum }),
    note: t.exposeString('note'),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    requestedBy: t.exposeString('requestedBy'),
    decision: t.exposeString('decision', { nullable: true, description: 'UPHELD or REJECTED; null while pending.' }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    reviewedBy: t.exposeString('reviewedBy', { nullable: true }),
    reviewNote: t.exposeString('reviewNote', { nullable: true }),
  }),
});

export const ExtensionRequestRef = builder.objectRef<ExtensionRequest>('ExtensionRequest').implement({
  description: 'A request for more time and its review.',
  fields: (t) => ({
    id: t.exposeID('id'),
    workingDays: t.exposeInt('workingDays'),
    note: t.exposeString('note'),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    decision: t.exposeString('decision', { nullable: true, description: 'APPROVED or REJECTED; null while pending.' }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    previousDueAt: t.expose('previousDueAt', { type: 'DateTime', nullable: true }),
    newDueAt: t.expose('newDueAt', { type: 'DateTime', nullable: true }),
  }),
});

export const CoUnitWorkRef = builder.objectRef<CoUnitTask>('CoUnitWork').implement({
  description: '协办 — a co-unit\'s part in a case.',
  fields: (t) => ({
    unit: t.field({ type: UnitRef, nullable: true, resolve: (w, _a, ctx) => ctx.loaders.unitById.load(w.unitId) }),
    signedAt: t.expose('signedAt', { type: 'DateTime', nullable: true }),
    opinion: t.exposeString('opinion', { nullable: true, description: 'Its opinion to the lead unit (协办意见).' }),
    opinionAt: t.expose('opinionAt', { type: 'DateTime', nullable: true }),
  }),
});

export const FollowUpRef = builder.objectRef<FollowUp>('FollowUpRecord').implement({
  description: '回访 — one follow-up call or documented attempt.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    by: t.exposeString('by'),
    reached: t.exposeBoolean('reached'),
    resolved: t.exposeBoolean('resolved', { nullable: true }),
    satisfaction: t.expose('satisfaction', { type: SatisfactionEnum, nullable: true }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const MatterSystemEnum = builder.enumType('MatterSystem', { values: MATTER_SYSTEMS });

export const LinkedMatterRef = builder.objectRef<CaseLink>('LinkedMatter').implement({
  description: 'A matter in another system about the same thing as this case: one matter, one handler (66号 (五)).',
  fields: (t) => ({
    system: t.expose('system', { type: MatterSystemEnum }),
    partner: t.exposeString('partner'),
    reference: t.exposeString('reference', { description: "The other system's reference: petition number, lead number, utility order or outage number, 110 incident number." }),
    relation: t.exposeString('relation', { description: 'ORIGIN (the case came from it), SAME_MATTER (linked instead of registered twice), ALREADY_IN_PETITION, FAULT_ORDER, KNOWN_OUTAGE.' }),
    status: t.exposeString('status', { description: "Its last known status in the other system's terms." }),
    linkedAt: t.expose('linkedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const SupervisionRef = builder.objectRef<Supervision>('Supervision').implement({
  description: '督办 — a reminder, supervision, listed supervision or escalation, by a person or a trigger.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: SupervisionKindEnum }),
    trigger: t.expose('trigger', { type: SupervisionTriggerEnum }),
    note: t.exposeString('note'),
    at: t.expose('at', { type: 'DateTime' }),
    by: t.exposeString('by'),
  }),
});
