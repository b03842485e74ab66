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
    groupBy: t.field({
      type: StatsGroupByEnum,
      required: false,
      description: 'NONE by default; TIER (category tiers) and UNIT_KIND (district, township/street, department, enterprise) give the classified evaluation (分档分类).',
    }),
  }),
});

const RatesRef = builder.objectRef<RateRow>('CaseRates').implement({
  description: '三率 for a group of cases. Rates are null where their denominator is empty.',
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'The group: a unit id, a unit kind (DISTRICT, TOWNSHIP, DEPARTMENT, ENTERPRISE, HOTLINE), region code, category code, tier or month.',
    }),
    cases: t.exposeInt('cases'),
    dispatched: t.exposeInt('dispatched'),
    responseDue: t.exposeInt('responseDue', { description: 'Dispatched cases signed, or whose signing window has passed (响应率 denominator).' }),
    respondedOnTime: t.exposeInt('respondedOnTime', { description: 'Signed by the lead unit within the window, in every cycle.' }),
    completionDue: t.exposeInt('completionDue', { description: 'Dispatched cases replied, or past their deadline (按期办结率 denominator).' }),
    completedOnTime: t.exposeInt('completedOnTime', { description: 'Replied within the deadline, in every cycle.' }),
    followUpDue: t.exposeInt('followUpDue', { description: 'Cases whose follow-up is done or due, with a caller who can be called (回访率 denominator).' }),
    followUpReached: t.exposeInt('followUpReached', { description: 'Of those, cases whose caller was reached.' }),
    followedUp: t.exposeInt('followedUp', { description: 'Cases whose caller answered a follow-up (解决率 and 满意率 denominator).' }),
    resolved: t.exposeInt('resolved'),
    satisfied: t.exposeInt('satisfied'),
    callers: t.exposeInt('callers', { description: "Cases with a caller's number (重复来电率 denominator)." }),
    repeatCalls: t.exposeInt('repeatCalls', { description: 'Cases whose caller had another case in the repeat-call window before.' }),
    finalReplies: t.exposeInt('finalReplies', { description: 'Final replies (终结): outside every denominator.' }),
    responseRate: t.exposeFloat('responseRate', { nullable: true, description: '响应率' }),
    resolutionRate: t.exposeFloat('resolutionRate', { nullable: true, description: '解决率' }),
    satisfactionRate: t.exposeFloat('satisfactionRate', { nullable: true, description: '满意率' }),
    onTimeCompletionRate: t.exposeFloat('onTimeCompletionRate', { nullable: true, description: '按期办结率' }),
    followUpRate: t.exposeFloat('followUpRate', { nullable: true, description: '回访率' }),
    repeatCallRate: t.exposeFloat('repeatCallRate', { nullable: true, description: '重复来电率' }),
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
