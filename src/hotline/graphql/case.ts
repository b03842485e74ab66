import { fromGlobalId } from '../../platform/graphql/ids';
import type { Case } from '../entities';
import { isUuid } from '../loaders';
import {
  CaseStatusEnum,
  CaseTypeEnum,
  ChannelEnum,
  DeskEnum,
  DispositionEnum,
  EmergencyLineEnum,
  LegalRouteEnum,
  ReplyResultEnum,
  SatisfactionEnum,
  SupervisionKindEnum,
  UrgencyEnum,
} from './enums';
import { CaseEventConnection, caseEvents, CoUnitWorkRef, DispatchObjectionRef, ExtensionRequestRef, FollowUpRef, LinkedMatterRef, SupervisionRef } from './history';
import { builder } from './builder';
import { CategoryRef, isUnit, UnitRef } from './unit';

/** Statuses after which a case no longer runs against its deadline. */
const SETTLED = new Set(['CLOSED', 'MERGED', 'ANSWERED_DIRECTLY', 'INFORMED_LEGAL_ROUTE', 'EXPLAINED', 'REFERRED_POLICE', 'TRANSFERRED_OUT']);

export const CaseRef = builder.objectRef<Case>('Case');

/** The caller, read as part of its case: every field is classified in `policies/fields.ts`. */
export const CallerRef = builder.objectRef<Case>('Caller').implement({
  description: 'The caller. Personal data: masked or withheld per policy, and every read is audited.',
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: (c) => c.callerName ?? null }),
    phone: t.string({ nullable: true, resolve: (c) => c.callerPhone ?? null }),
    idNumber: t.string({ nullable: true, resolve: (c) => c.callerIdNumber ?? null }),
    enterpriseCode: t.string({ nullable: true, description: 'Unified social credit code of a company caller.', resolve: (c) => c.callerEnterpriseCode ?? null }),
    confidential: t.exposeBoolean('callerConfidential'),
    anonymous: t.exposeBoolean('callerAnonymous'),
    whistleblower: t.exposeBoolean('callerWhistleblower'),
    callbackConsent: t.exposeBoolean('callerCallbackConsent'),
    maliciousListed: t.boolean({
      description: 'The number is on the malicious-caller list (恶意骚扰名单).',
      resolve: (c, _args, ctx) => (c.callerPhoneHash ? ctx.loaders.maliciousByPhoneHash.load(c.callerPhoneHash) : false),
    }),
  }),
});

const CaseReplyRef = builder.objectRef<Case>('CaseReply').implement({
  description: "The lead unit's reply.",
  fields: (t) => ({
    result: t.field({ type: ReplyResultEnum, resolve: (c) => c.replyResult! }),
    text: t.string({ resolve: (c) => c.replyText ?? '' }),
    at: t.field({ type: 'DateTime', resolve: (c) => c.repliedAt! }),
  }),
});

builder.node(CaseRef, {
  description: '工单 — a work order of the 12345 hotline.',
  id: { resolve: (c) => c.id },
  loadMany: (ids, ctx) => ids.map((id) => (isUuid(id) ? ctx.loaders.caseById.load(id) : null)),
  fields: (t) => ({
    number: t.exposeString('number', { description: '工单编号, e.g. 12345-141100-20261128-000123.' }),
    channel: t.expose('channel', { type: ChannelEnum }),
    desk: t.expose('desk', { type: DeskEnum }),
    type: t.expose('type', { type: CaseTypeEnum }),
    urgency: t.expose('urgency', { type: UrgencyEnum }),
    disposition: t.expose('disposition', { type: DispositionEnum }),
    status: t.expose('status', { type: CaseStatusEnum }),
    category: t.field({
      type: CategoryRef,
      nullable: true,
      resolve: (c, _args, ctx) => (c.categoryCode ? ctx.loaders.categoryByCode.load(c.categoryCode) : null),
    }),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    region: t.exposeString('regionCode', { description: 'Six-digit GB/T 2260 code of the district (or city).' }),
    township: t.exposeString('townshipCode', { nullable: true, description: 'Nine-digit township/street code, when known.' }),
    address: t.exposeString('address', { nullable: true }),
    grid: t.exposeString('grid', { nullable: true, description: 'Grid (网格) within the community, when known.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', nullable: true }),
    caller: t.field({ type: CallerRef, nullable: true, resolve: (c) => c }),
    leadUnit: t.field({
      type: UnitRef,
      nullable: true,
      resolve: (c, _args, ctx) => (c.leadUnitId ? ctx.loaders.unitById.load(c.leadUnitId) : null),
    }),
    coUnits: t.field({
      type: [UnitRef],
      resolve: async (c, _args, ctx) => (await ctx.loaders.unitById.loadMany(c.coUnitIds)).filter(isUnit),
    }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true }),
    overdue: t.boolean({
      resolve: (c, _args, ctx) => !!c.dueAt && !SETTLED.has(c.status) && c.dueAt.getTime() < ctx.clock.now().getTime(),
    }),
    master: t.field({
      type: CaseRef,
      nullable: true,
      description: 'The master order this case was merged into (并单).',
      resolve: (c, _args, ctx) => (c.masterId ? ctx.loaders.caseById.load(c.masterId) : null),
    }),
    merged: t.field({
      type: [CaseRef],
      description: 'Cases merged into this one as its children.',
      resolve: (c, _args, ctx) => ctx.loaders.mergedByMasterId.load(c.id),
    }),
    legalRoute: t.expose('legalRoute', { type: LegalRouteEnum, nullable: true }),
    explainReason: t.exposeString('explainReason', { nullable: true }),
    emergencyLine: t.expose('emergencyLine', { type: EmergencyLineEnum, nullable: true }),
    version: t.exposeInt('version', { description: 'Optimistic-lock version; mutations may pass it to refuse stale writes.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    closeReason: t.exposeString('closeReason', {
      nullable: true,
      description: 'How the case ended: FOLLOW_UP, UNREACHABLE, MASTER_CLOSED (after handling); ANSWERED_DIRECTLY, LEGAL_ROUTE, EXPLAINED, TRANSFERRED_OUT, REFERRED_POLICE (without a unit).',
    }),
    slaProfile: t.exposeString('slaProfile', { nullable: true }),
    dispatchedAt: t.expose('dispatchedAt', { type: 'DateTime', nullable: true }),
    signedAt: t.expose('signedAt', { type: 'DateTime', nullable: true }),
    returnDeadline: t.expose('returnDeadline', { type: 'DateTime', nullable: true, description: 'Until when the lead unit may object to the dispatch.' }),
    responseDueAt: t.expose('responseDueAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Until when the lead unit is to sign (the response window of 响应率); fresh after a reopening or a rejected objection.',
    }),
    stageDueAt: t.expose('stageDueAt', { type: 'DateTime', nullable: true, description: "The time limit of the hotline's own stage: waiting for dispatch, or a reply waiting for review." }),
    lateSignings: t.exposeInt('lateSignings', { description: 'Signings after the response window, over every cycle.' }),
    lateReplies: t.exposeInt('lateReplies', { description: 'Replies after the deadline, over every cycle (按期办结率).' }),
    coUnitWork: t.field({
      type: [CoUnitWorkRef],
      description: "Each co-unit's part: its own signature and its opinion (协办意见).",
      resolve: (c, _a, ctx) => ctx.loaders.coUnitTasksByCase.load(c.id),
    }),
    provisionalDeadlines: t.exposeStringList('provisionalDeadlines', {
      description:
        'The deadlines (dueAt, returnDeadline, followUpDueAt …) counted into a year whose official holiday schedule is not loaded yet (weekends only): provisional, recomputed when the year is loaded.',
    }),
    reply: t.field({ type: CaseReplyRef, nullable: true, resolve: (c) => (c.replyResult && c.repliedAt ? c : null) }),
    answerText: t.exposeString('answerText', { nullable: true, description: 'The answer given at once from the knowledge base.' }),
    followUpDueAt: t.expose('followUpDueAt', { type: 'DateTime', nullable: true }),
    satisfaction: t.expose('satisfaction', { type: SatisfactionEnum, nullable: true }),
    followUpResolved: t.exposeBoolean('followUpResolved', { nullable: true }),
    reopenCount: t.exposeInt('reopenCount'),
    sendBackCount: t.exposeInt('sendBackCount'),
    extensionCount: t.exposeInt('extensionCount'),
    supervisionLevel: t.expose('supervisionLevel', { type: SupervisionKindEnum, nullable: true }),
    events: t.field({
      type: CaseEventConnection,
      description: 'The append-only history, oldest first.',
      args: { first: t.arg.int({ required: false }), after: t.arg.string({ required: false }) },
      resolve: (c, args, ctx) => caseEvents(ctx.em, c.id, args.first, args.after),
    }),
    objections: t.field({ type: [DispatchObjectionRef], resolve: (c, _a, ctx) => ctx.loaders.objectionsByCase.load(c.id) }),
    extensions: t.field({ type: [ExtensionRequestRef], resolve: (c, _a, ctx) => ctx.loaders.extensionsByCase.load(c.id) }),
    followUps: t.field({ type: [FollowUpRef], resolve: (c, _a, ctx) => ctx.loaders.followUpsByCase.load(c.id) }),
    supervisions: t.field({ type: [SupervisionRef], resolve: (c, _a, ctx) => ctx.loaders.supervisionsByCase.load(c.id) }),
    linkedMatters: t.field({
      type: [LinkedMatterRef],
      description: 'Petitions, supervision leads, utility orders and 110 incidents about this same matter, oldest first.',
      resolve: (c, _a, ctx) => ctx.loaders.linksByCase.load(c.id),
    }),
  }),
});

builder.asEntity(CaseRef, {
  key: builder.selection<{ id: string }>('id'),
  // Entity references go through the same row policy as case(id:): out of scope reads as missing.
  resolveReference: async (ref, ctx) => {
    const id = fromGlobalId('Case', ref.id);
    return id && isUuid(id) ? ctx.loaders.caseById.load(id) : null;
  },
});
