import { caseStats, STATS_GROUPS, type RateRow } from '../stats';
import { builder } from './builder';

const StatsGroupByEnum = builder.enumType('StatsGroupBy', { values: STATS_GROUPS });

const StatsFilterInput = builder.inputType('StatsFilter', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true }),
    region: t.string({ required: false }),
    unitId: t.id({ required: false, description: 'Cases led by this unit.' }),
    categoryCode: t.string({ required: false }),
    groupBy: t.field({ type: StatsGroupByEnum, required: false, description: 'NONE by default; TIER gives the classified evaluation.' }),
  }),
});

const RatesRef = builder.objectRef<RateRow>('CaseRates').implement({
  description: '三率 for a group of cases. Rates are null where their denominator is empty.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The group: a unit id, region code, category code, tier or month.' }),
    cases: t.exposeInt('cases'),
    dispatched: t.exposeInt('dispatched'),
    respondedOnTime: t.exposeInt('respondedOnTime'),
    followedUp: t.exposeInt('followedUp'),
    resolved: t.exposeInt('resolved'),
    satisfied: t.exposeInt('satisfied'),
    finalReplies: t.exposeInt('finalReplies', { description: 'Final replies (终结): outside every denominator.' }),
    responseRate: t.exposeFloat('responseRate', { nullable: true }),
    resolutionRate: t.exposeFloat('resolutionRate', { nullable: true }),
    satisfactionRate: t.exposeFloat('satisfactionRate', { nullable: true }),
    score: t.exposeFloat('score', { nullable: true, description: 'Weighted score out of 100.' }),
  }),
});

const WeightsRef = builder.objectRef<{ response: number; resolution: number; satisfaction: number }>('EvaluationWeights').implement({
  fields: (t) => ({ response: t.exposeInt('response'), resolution: t.exposeInt('resolution'), satisfaction: t.exposeInt('satisfaction') }),
});

const CaseStatsRef = builder.objectRef<Awaited<ReturnType<typeof caseStats>>>('CaseStats').implement({
  description: 'Response, resolution and satisfaction rates (三率) — aggregates only, no personal data.',
  fields: (t) => ({
    totals: t.field({ type: RatesRef, resolve: (s) => s.totals }),
    groups: t.field({ type: [RatesRef], resolve: (s) => s.groups }),
    weights: t.field({ type: WeightsRef, resolve: (s) => s.weights }),
  }),
});

builder.queryFields((t) => ({
  caseStats: t.field({
    type: CaseStatsRef,
    args: { filter: t.arg({ type: StatsFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => caseStats(ctx, filter),
  }),
}));
