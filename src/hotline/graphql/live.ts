import { toGlobalId } from '../../platform/graphql/ids';
import type { CaseWebhook } from '../entities';
import { caseChanges, riskWarningsRaised, type CaseChange, type RiskWarningEvent } from '../live';
import { listCaseWebhooks, registerCaseWebhook, removeCaseWebhook, rotateCaseWebhookSecret } from '../push';
import { builder } from './builder';
import { CaseRef } from './case';
import { RiskWarningRef } from './insight';
import { UnitRef } from './unit';

/** Subscriptions and push subscriptions (66号 (八) push to departments; risk warnings by subscription). */

const LiveKindEnum = builder.enumType('LiveEventKind', {
  description:
    'SUBSCRIBED comes first, once the subscription listens: re-read what you need after it, and nothing is missed. RESUBSCRIBED follows a database restart or a lost connection: events in between were not heard, so re-read what you need, as after SUBSCRIBED.',
  values: ['SUBSCRIBED', 'RESUBSCRIBED', 'CHANGED', 'RAISED'] as const,
});

const CaseChangeRef = builder.objectRef<CaseChange>('CaseChange').implement({
  description: 'A case of yours was created or changed. The case is read under your row and field policy, and the read is audited.',
  fields: (t) => ({
    kind: t.field({ type: LiveKindEnum, resolve: (e) => e.kind }),
    action: t.string({ nullable: true, description: 'The lifecycle action that changed it (register, dispatch, sign, reply …).', resolve: (e) => e.action ?? null }),
    case: t.field({ type: CaseRef, nullable: true, resolve: (e) => e.case ?? null }),
  }),
});

const RiskWarningEventRef = builder.objectRef<RiskWarningEvent>('RiskWarningEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: LiveKindEnum, resolve: (e) => e.kind }),
    warning: t.field({ type: RiskWarningRef, nullable: true, resolve: (e) => e.warning ?? null }),
  }),
});

builder.subscriptionType({
  fields: (t) => ({
    caseChanges: t.field({
      type: CaseChangeRef,
      description: 'New and changed cases you may see (a unit: those dispatched to it), optionally of some categories and a region.',
      args: { categoryCodes: t.arg.stringList({ required: false }), regionCode: t.arg.string({ required: false }) },
      subscribe: (_root, args, ctx) => caseChanges(ctx, args),
      resolve: (event) => event,
    }),
    riskWarningRaised: t.field({
      type: RiskWarningEventRef,
      description: '风险预警 as they are raised, for managers and analysts of the region.',
      subscribe: (_root, _args, ctx) => riskWarningsRaised(ctx),
      resolve: (event) => event,
    }),
  }),
});

const CaseWebhookRef = builder.objectRef<CaseWebhook>('CaseWebhook').implement({
  description: "A unit's push subscription: its cases' changes POSTed to its system, signed (Standard Webhooks).",
  fields: (t) => ({
    id: t.id({ resolve: (w) => toGlobalId('CaseWebhook', w.id) }),
    unit: t.field({ type: UnitRef, nullable: true, resolve: (w, _a, ctx) => ctx.loaders.unitById.load(w.unitId) }),
    url: t.exposeString('url'),
    categoryCodes: t.exposeStringList('categoryCodes'),
    regionCode: t.exposeString('filterRegion', { nullable: true }),
    rotating: t.boolean({ description: 'Two secrets sign each push until the next rotation.', resolve: (w) => w.secrets.length > 1 }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
  }),
});

const CaseWebhookRegistrationRef = builder.objectRef<{ webhook: CaseWebhook; secret: string }>('CaseWebhookRegistration').implement({
  fields: (t) => ({
    webhook: t.field({ type: CaseWebhookRef, resolve: (r) => r.webhook }),
    secret: t.exposeString('secret', { description: 'The signing secret (whsec_…), shown this once: store it where the receiving system verifies signatures.' }),
  }),
});

const CaseWebhookInput = builder.inputType('CaseWebhookInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: "The unit's receiving endpoint (http or https)." }),
    categoryCodes: t.stringList({ required: false, description: 'Only these categories; all by default.' }),
    regionCode: t.string({ required: false, description: 'Only cases in this region or below.' }),
  }),
});

builder.queryFields((t) => ({
  caseWebhooks: t.field({ type: [CaseWebhookRef], description: "Your unit's push subscriptions (administrators: all).", resolve: (_root, _args, ctx) => listCaseWebhooks(ctx) }),
}));

builder.mutationFields((t) => ({
  registerCaseWebhook: t.field({
    type: CaseWebhookRegistrationRef,
    description: "HANDLER: push the unit's new and changed cases to its system, rendered with the unit's own field policy.",
    args: { input: t.arg({ type: CaseWebhookInput, required: true }) },
    resolve: (_root, { input }, ctx) => registerCaseWebhook(ctx, input),
  }),
  rotateCaseWebhookSecret: t.field({
    type: CaseWebhookRegistrationRef,
    description: 'A new secret signs from now on; the previous one also signs until the next rotation.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => rotateCaseWebhookSecret(ctx, id),
  }),
  removeCaseWebhook: t.field({ type: 'Boolean', args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, ctx) => removeCaseWebhook(ctx, id) }),
}));
