import { addCoUnits, reassignCase, recallCase, reclassifyCase, redisposeCase } from '../coordination';
import { dispatchCase, requestReturn, reviewReturn } from '../dispatch';
import { recordFollowUp } from '../follow-up';
import { replyCase, requestExtension, reviewExtension, reviewReply, signCase, submitCoUnitOpinion } from '../handling';
import { registerCase } from '../intake';
import { mergeCases } from '../merge';
import { revealCallerContact } from '../reveal';
import { superviseCase } from '../supervision';
import { builder } from './builder';
import { CallerRef, CaseRef } from './case';
import {
  CaseTypeEnum,
  ChannelEnum,
  DeskEnum,
  DispositionEnum,
  EmergencyLineEnum,
  LegalRouteEnum,
  ReplyResultEnum,
  ReturnReasonEnum,
  SatisfactionEnum,
  SupervisionKindEnum,
  UrgencyEnum,
} from './enums';

const CallerInput = builder.inputType('CallerInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    phone: t.string({ required: false }),
    idNumber: t.string({ required: false }),
    enterpriseCode: t.string({ required: false, description: 'Unified social credit code (统一社会信用代码) of a company caller.' }),
    confidential: t.boolean({ required: false, description: 'The caller asked that their identity be kept from the handling unit.' }),
    anonymous: t.boolean({ required: false }),
    whistleblower: t.boolean({ required: false }),
    callbackConsent: t.boolean({ required: false }),
  }),
});

const KnowledgeAnswerInput = builder.inputType('KnowledgeAnswerInput', {
  description: 'The operator answered at once from the knowledge base (disposition HANDLE, no dispatch).',
  fields: (t) => ({
    knowledgeItemId: t.id({ required: true }),
    text: t.string({ required: true }),
  }),
});

const RegisterCaseInput = builder.inputType('RegisterCaseInput', {
  fields: (t) => ({
    channel: t.field({ type: ChannelEnum, required: true }),
    desk: t.field({ type: DeskEnum, required: false, description: 'GENERAL by default; ENTERPRISE (涉企专席) or DIALECT.' }),
    type: t.field({ type: CaseTypeEnum, required: true }),
    urgency: t.field({ type: UrgencyEnum, required: true }),
    disposition: t.field({ type: DispositionEnum, required: true }),
    categoryCode: t.string({ required: false }),
    title: t.string({ required: true, description: 'What is asked (诉求), in one line.' }),
    description: t.string({ required: true, description: 'What happened: who, when, where, what, what is asked.' }),
    region: t.string({ required: true, description: 'Six-digit code of the district (or city).' }),
    township: t.string({ required: false, description: 'Nine-digit township or street code.' }),
    address: t.string({ required: false }),
    grid: t.string({ required: false }),
    occurredAt: t.field({ type: 'DateTime', required: false }),
    caller: t.field({ type: CallerInput, required: true }),
    legalRoute: t.field({ type: LegalRouteEnum, required: false, description: 'Required when disposition = INFORM_LEGAL_ROUTE.' }),
    explainReason: t.string({ required: false, description: 'Required when disposition = EXPLAIN.' }),
    emergencyLine: t.field({ type: EmergencyLineEnum, required: false, description: 'Required when disposition = TRANSFER_EMERGENCY.' }),
    answer: t.field({ type: KnowledgeAnswerInput, required: false }),
    missedCallId: t.id({ required: false, description: 'The missed call this callback answers (漏接回拨).' }),
    idempotencyKey: t.string({ required: false, description: 'A retry with the same key returns the same case; another payload with it is a CONFLICT.' }),
  }),
});

const ReplyInput = builder.inputType('ReplyInput', {
  fields: (t) => ({ result: t.field({ type: ReplyResultEnum, required: true }), text: t.string({ required: true }) }),
});

const FollowUpInput = builder.inputType('FollowUpInput', {
  fields: (t) => ({
    reached: t.boolean({ required: true }),
    resolved: t.boolean({ required: false }),
    satisfaction: t.field({ type: SatisfactionEnum, required: false }),
    note: t.string({ required: false, description: 'Required when the caller was not reached: the documented attempt.' }),
  }),
});

const version = { required: false, description: 'The case version you saw; a stale one is refused with CONFLICT.' } as const;

builder.mutationType({
  fields: (t) => ({
    registerCase: t.field({
      type: CaseRef,
      description: '受理 — register a call or message with its mandatory disposition.',
      args: { input: t.arg({ type: RegisterCaseInput, required: true }) },
      resolve: (_root, { input }, ctx) => registerCase(ctx, input),
    }),
    dispatchCase: t.field({
      type: CaseRef,
      description: '派单 — no unit given: the dispatch catalog decides.',
      args: { caseId: t.arg.id({ required: true }), leadUnitId: t.arg.id({ required: false }), coUnitIds: t.arg.idList({ required: false }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => dispatchCase(ctx, args),
    }),
    reclassifyCase: t.field({
      type: CaseRef,
      description: '改分类 — the dispatcher corrects category, type or urgency (a case without a category can then be dispatched).',
      args: {
        caseId: t.arg.id({ required: true }),
        categoryCode: t.arg.string({ required: false }),
        type: t.arg({ type: CaseTypeEnum, required: false }),
        urgency: t.arg({ type: UrgencyEnum, required: false }),
        note: t.arg.string({ required: true }),
        expectedVersion: t.arg.int(version),
      },
      resolve: (_root, args, ctx) => reclassifyCase(ctx, args),
    }),
    recallCase: t.field({
      type: CaseRef,
      description: '撤回 — the dispatcher takes a dispatch back to the queue.',
      args: { caseId: t.arg.id({ required: true }), note: t.arg.string({ required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => recallCase(ctx, args),
    }),
    reassignCase: t.field({
      type: CaseRef,
      description: '改派 — the dispatcher names another lead unit (and co-units), with a fresh time limit.',
      args: {
        caseId: t.arg.id({ required: true }),
        leadUnitId: t.arg.id({ required: true }),
        coUnitIds: t.arg.idList({ required: false }),
        note: t.arg.string({ required: true }),
        expectedVersion: t.arg.int(version),
      },
      resolve: (_root, args, ctx) => reassignCase(ctx, args),
    }),
    addCoUnits: t.field({
      type: CaseRef,
      description: '增加协办 — co-units join a case at a unit.',
      args: { caseId: t.arg.id({ required: true }), unitIds: t.arg.idList({ required: true }), note: t.arg.string({ required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => addCoUnits(ctx, args),
    }),
    redisposeCase: t.field({
      type: CaseRef,
      description: 'A waiting case that is not for a unit after all: ended with another disposition (legal route, explanation, emergency line).',
      args: {
        caseId: t.arg.id({ required: true }),
        disposition: t.arg({ type: DispositionEnum, required: true }),
        legalRoute: t.arg({ type: LegalRouteEnum, required: false }),
        explainReason: t.arg.string({ required: false }),
        emergencyLine: t.arg({ type: EmergencyLineEnum, required: false }),
        note: t.arg.string({ required: true }),
        expectedVersion: t.arg.int(version),
      },
      resolve: (_root, args, ctx) => redisposeCase(ctx, args),
    }),
    signCase: t.field({
      type: CaseRef,
      description: "签收 — the lead unit's signature is the unit's response; a co-unit signs its own part.",
      args: { caseId: t.arg.id({ required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => signCase(ctx, args),
    }),
    submitCoUnitOpinion: t.field({
      type: CaseRef,
      description: '协办意见 — a co-unit submits its opinion to the lead unit.',
      args: { caseId: t.arg.id({ required: true }), text: t.arg.string({ required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => submitCoUnitOpinion(ctx, args),
    }),
    requestReturn: t.field({
      type: CaseRef,
      description: '派单异议 — within the return window.',
      args: { caseId: t.arg.id({ required: true }), reason: t.arg({ type: ReturnReasonEnum, required: true }), note: t.arg.string({ required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => requestReturn(ctx, args),
    }),
    reviewReturn: t.field({
      type: CaseRef,
      args: {
        caseId: t.arg.id({ required: true }),
        uphold: t.arg.boolean({ required: true }),
        newLeadUnitId: t.arg.id({ required: false }),
        note: t.arg.string({ required: false }),
        expectedVersion: t.arg.int(version),
      },
      resolve: (_root, args, ctx) => reviewReturn(ctx, args),
    }),
    requestExtension: t.field({
      type: CaseRef,
      args: { caseId: t.arg.id({ required: true }), workingDays: t.arg.int({ required: true }), note: t.arg.string({ required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => requestExtension(ctx, args),
    }),
    reviewExtension: t.field({
      type: CaseRef,
      args: { caseId: t.arg.id({ required: true }), approve: t.arg.boolean({ required: true }), note: t.arg.string({ required: false }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => reviewExtension(ctx, args),
    }),
    replyCase: t.field({
      type: CaseRef,
      args: { caseId: t.arg.id({ required: true }), input: t.arg({ type: ReplyInput, required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => replyCase(ctx, args),
    }),
    reviewReply: t.field({
      type: CaseRef,
      description: 'Accept the reply, or send it back (发回重办) with a note.',
      args: { caseId: t.arg.id({ required: true }), accept: t.arg.boolean({ required: true }), note: t.arg.string({ required: false }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => reviewReply(ctx, args),
    }),
    recordFollowUp: t.field({
      type: CaseRef,
      args: { caseId: t.arg.id({ required: true }), input: t.arg({ type: FollowUpInput, required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => recordFollowUp(ctx, args),
    }),
    mergeCases: t.field({
      type: CaseRef,
      description: '并单 — the cases become children of the master.',
      args: { masterId: t.arg.id({ required: true }), caseIds: t.arg.idList({ required: true }) },
      resolve: (_root, args, ctx) => mergeCases(ctx, args),
    }),
    superviseCase: t.field({
      type: CaseRef,
      args: { caseId: t.arg.id({ required: true }), kind: t.arg({ type: SupervisionKindEnum, required: true }), note: t.arg.string({ required: true }), expectedVersion: t.arg.int(version) },
      resolve: (_root, args, ctx) => superviseCase(ctx, args),
    }),
    revealCallerContact: t.field({
      type: CallerRef,
      description: 'Break-glass: the caller\'s contact in clear, where policy permits; always audited with the reason.',
      args: { caseId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
      resolve: (_root, args, ctx) => revealCallerContact(ctx, args),
    }),
  }),
});
