import { toGlobalId } from '../../platform/graphql/ids';
import { forbidden } from '../../platform/graphql/errors';
import type { HotlineContext } from '../context';
import { RegionEntity, type Case, type PreparednessPlan, type RiskWarning } from '../entities';
import { acknowledgeRiskWarning, createProactiveTask, hotspots, listRiskWarnings, outlook, savePreparednessPlan } from '../insight/governance';
import type { Hotspot } from '../insight/hotspots';
import type { SeasonalRow } from '../insight/seasonal';
import { suggestIntake, type IntakeSuggestion } from '../insight/suggest';
import { trainIntakeModel, type TrainingReport } from '../insight/training';
import { builder } from './builder';
import { CaseRef } from './case';
import { KnowledgeItemRef } from './knowledge';
import { CategoryRef, UnitRef } from './unit';

/** Evidence cases go through the case row policy: an analyst sees the counts, not the cases. */
async function visibleCases(ctx: HotlineContext, ids: string[]): Promise<Case[]> {
  const rows = await ctx.loaders.caseById.loadMany(ids);
  return rows.filter((c): c is Case => c !== null && !(c instanceof Error));
}

const HotspotRef = builder.objectRef<Hotspot>('Hotspot').implement({
  description: '高频事项 — a place × category whose count rose significantly above its own baseline (Poisson test).',
  fields: (t) => ({
    place: t.exposeString('place', { description: 'Township/street code, or district code.' }),
    placeName: t.string({ nullable: true, resolve: async (h, _a, ctx) => (await ctx.em.findOne(RegionEntity, { code: h.place }))?.name ?? null }),
    grid: t.exposeString('grid', { nullable: true }),
    category: t.field({ type: CategoryRef, nullable: true, resolve: (h, _a, ctx) => ctx.loaders.categoryByCode.load(h.categoryCode) }),
    observed: t.exposeInt('observed'),
    expected: t.exposeFloat('expected', { description: 'Cases expected in the window at the baseline rate.' }),
    baselineCount: t.exposeInt('baselineCount'),
    baselineDays: t.exposeInt('baselineDays'),
    pValue: t.exposeFloat('pValue', { description: 'P(X ≥ observed) under Poisson(expected).' }),
    ratio: t.exposeFloat('ratio'),
    caseCount: t.int({ resolve: (h) => h.caseIds.length }),
    cases: t.field({
      type: [CaseRef],
      description: 'The cases behind it that you may see.',
      args: { first: t.arg.int({ required: false, defaultValue: 20 }) },
      resolve: (h, args, ctx) => visibleCases(ctx, h.caseIds.slice(0, Math.min(Math.max(args.first ?? 20, 1), 100))),
    }),
  }),
});

const PlanRef = builder.objectRef<PreparednessPlan>('PreparednessPlan').implement({
  description: '预案 — a unit\'s preparation plan for a season\'s matters.',
  fields: (t) => ({
    id: t.id({ resolve: (p) => toGlobalId('PreparednessPlan', p.id) }),
    unit: t.field({ type: UnitRef, nullable: true, resolve: (p, _a, ctx) => ctx.loaders.unitById.load(p.unitId) }),
    categoryCode: t.exposeString('categoryCode'),
    region: t.exposeString('regionCode'),
    months: t.exposeIntList('months'),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const YearCountRef = builder.objectRef<{ year: number; count: number }>('YearCount').implement({
  fields: (t) => ({ year: t.exposeInt('year'), count: t.exposeInt('count') }),
});

const SeasonalRowRef = builder.objectRef<SeasonalRow>('SeasonalOutlook').implement({
  description: 'Expected volume of one category in a month, from the same month of past years.',
  fields: (t) => ({
    category: t.field({ type: CategoryRef, nullable: true, resolve: (r, _a, ctx) => ctx.loaders.categoryByCode.load(r.categoryCode) }),
    expected: t.exposeFloat('expected'),
    min: t.exposeInt('min'),
    max: t.exposeInt('max'),
    lastYear: t.exposeInt('lastYear'),
    byYear: t.field({ type: [YearCountRef], resolve: (r) => r.byYear }),
    seasonalIndex: t.exposeFloat('seasonalIndex', { description: 'Above 1: this month is the category\'s season.' }),
    plans: t.field({ type: [PlanRef], resolve: (r) => r.plans }),
  }),
});

export const RiskWarningRef = builder.objectRef<RiskWarning>('RiskWarning').implement({
  description: '风险预警 — raised once per rule, subject and window; later cases of the same surge are added to it.',
  fields: (t) => ({
    id: t.id({ resolve: (w) => toGlobalId('RiskWarning', w.id) }),
    rule: t.exposeString('rule', { description: 'SENSITIVE_CATEGORY, SUDDEN_SURGE or SAME_ADDRESS.' }),
    level: t.exposeString('level', { description: 'BLUE, YELLOW, ORANGE or RED.' }),
    title: t.exposeString('title'),
    region: t.exposeString('regionCode'),
    category: t.field({ type: CategoryRef, nullable: true, resolve: (w, _a, ctx) => (w.categoryCode ? ctx.loaders.categoryByCode.load(w.categoryCode) : null) }),
    caseCount: t.int({ resolve: (w) => w.caseIds.length }),
    cases: t.field({
      type: [CaseRef],
      description: 'The cases behind it that you may see.',
      resolve: (w, _a, ctx) => visibleCases(ctx, w.caseIds.slice(0, 100)),
    }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    acknowledgedBy: t.exposeString('acknowledgedBy', { nullable: true }),
  }),
});

const PredictionRef = builder.objectRef<{ label: string; confidence: number }>('Prediction').implement({
  fields: (t) => ({ value: t.exposeString('label'), confidence: t.exposeFloat('confidence') }),
});

const IntakeSuggestionRef = builder.objectRef<IntakeSuggestion>('IntakeSuggestion').implement({
  description: '智能填单 — suggestions for the intake form, each with a confidence. Nothing is stored.',
  fields: (t) => ({
    modelAvailable: t.exposeBoolean('modelAvailable'),
    categories: t.field({ type: [PredictionRef], resolve: (s) => s.categories }),
    types: t.field({ type: [PredictionRef], resolve: (s) => s.types }),
    urgencies: t.field({ type: [PredictionRef], resolve: (s) => s.urgencies }),
    region: t.string({ nullable: true, resolve: (s) => s.region?.region.code ?? null }),
    township: t.string({ nullable: true, resolve: (s) => s.region?.township?.code ?? null }),
    regionConfidence: t.float({ nullable: true, resolve: (s) => s.region?.confidence ?? null }),
    leadUnit: t.field({ type: UnitRef, nullable: true, resolve: (s) => s.leadUnit?.unit ?? null }),
    leadUnitConfidence: t.float({ nullable: true, resolve: (s) => s.leadUnit?.confidence ?? null }),
    knowledge: t.field({ type: [KnowledgeItemRef], resolve: (s) => s.knowledge }),
    duplicates: t.field({ type: [CaseRef], resolve: (s) => s.duplicates.map((d) => d.case) }),
  }),
});

const TrainingReportRef = builder.objectRef<TrainingReport>('IntakeTrainingReport').implement({
  description: 'Accuracy of the intake classifier on a held-out 20 % of closed cases, against the majority-class baseline.',
  fields: (t) => ({
    samples: t.exposeInt('samples'),
    trainSamples: t.exposeInt('trainSamples'),
    testSamples: t.exposeInt('testSamples'),
    categoryAccuracy: t.float({ resolve: (r) => r.accuracy.category }),
    categoryTop3Accuracy: t.float({ resolve: (r) => r.accuracy.categoryTop3 }),
    typeAccuracy: t.float({ resolve: (r) => r.accuracy.type }),
    urgencyAccuracy: t.float({ resolve: (r) => r.accuracy.urgency }),
    categoryBaseline: t.float({ resolve: (r) => r.baseline.category }),
    typeBaseline: t.float({ resolve: (r) => r.baseline.type }),
    urgencyBaseline: t.float({ resolve: (r) => r.baseline.urgency }),
  }),
});

const PlanInput = builder.inputType('PreparednessPlanInput', {
  fields: (t) => ({
    id: t.id({ required: false }),
    unitId: t.id({ required: false, description: "Managers choose the unit; a handler's plans belong to its unit." }),
    categoryCode: t.string({ required: true }),
    region: t.string({ required: true }),
    months: t.intList({ required: true }),
    title: t.string({ required: true }),
    body: t.string({ required: true }),
  }),
});

builder.queryFields((t) => ({
  hotspots: t.field({
    type: [HotspotRef],
    description: '未诉先办 — places × categories rising significantly above their baseline, most significant first.',
    args: { region: t.arg.string({ required: true }), from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }), categoryCode: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => hotspots(ctx, args),
  }),
  seasonalOutlook: t.field({
    type: [SeasonalRowRef],
    args: { region: t.arg.string({ required: true }), month: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => outlook(ctx, args.region, args.month),
  }),
  riskWarnings: t.field({
    type: [RiskWarningRef],
    args: { acknowledged: t.arg.boolean({ required: false }), first: t.arg.int({ required: false, defaultValue: 20 }) },
    resolve: (_root, args, ctx) => listRiskWarnings(ctx, args.acknowledged, Math.min(Math.max(args.first ?? 20, 1), 100)),
  }),
  suggestIntake: t.field({
    type: IntakeSuggestionRef,
    args: { text: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => suggestIntake(ctx, args.text),
  }),
}));

builder.mutationFields((t) => ({
  createProactiveTask: t.field({
    type: CaseRef,
    description: 'Turn a hotspot into a case for the unit the dispatch catalog names (channel PROACTIVE).',
    args: {
      place: t.arg.string({ required: true }),
      categoryCode: t.arg.string({ required: true }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      note: t.arg.string({ required: false }),
    },
    resolve: (_root, args, ctx) => createProactiveTask(ctx, args),
  }),
  savePreparednessPlan: t.field({ type: PlanRef, args: { input: t.arg({ type: PlanInput, required: true }) }, resolve: (_root, { input }, ctx) => savePreparednessPlan(ctx, input) }),
  acknowledgeRiskWarning: t.field({
    type: RiskWarningRef,
    args: { id: t.arg.id({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => acknowledgeRiskWarning(ctx, args),
  }),
  trainIntakeModel: t.field({
    type: TrainingReportRef,
    description: 'ADMIN: retrain the intake classifier on the closed cases and report its held-out accuracy.',
    resolve: async (_root, _args, ctx) => {
      if (!ctx.ability.can('manage', 'IntakeModel')) throw forbidden('only administrators retrain the intake model');
      const { report } = await ctx.runtime.asSystem((em) => trainIntakeModel(em, ctx.clock.now()));
      ctx.runtime.forgetIntakeModel();
      return report;
    },
  }),
}));
