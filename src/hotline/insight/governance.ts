import { randomUUID } from 'node:crypto';
import { asSubject, rowFilter } from '../../../policies';
import { badInput, forbidden, notFound } from '../../platform/graphql/errors';
import { fromGlobalId, localIdOf, toGlobalId } from '../../platform/graphql/ids';
import type { HotlineContext } from '../context';
import { dispatchCase } from '../dispatch';
import { CaseEntity, CategoryEntity, PreparednessPlanEntity, RegionEntity, RiskWarningEntity, UnitEntity, type Case, type PreparednessPlan, type RiskWarning } from '../entities';
import { registerCase } from '../intake';
import { isUuid } from '../loaders';
import { optionalText, requiredText } from '../validate';
import { findHotspots, type Hotspot } from './hotspots';
import { seasonalOutlook, type SeasonalRow } from './seasonal';

/** Regions a principal may look at: its own region and below (a province account sees its cities). */
function withinScope(ctx: HotlineContext, regionPath: string[]): boolean {
  return !ctx.principal.region || regionPath.includes(ctx.principal.region);
}

async function regionPathOf(ctx: HotlineContext, code: string, field = 'region') {
  if (!/^\d{6}(\d{3})?$/.test(code)) throw badInput(field, 'must be a six-digit region or nine-digit township code');
  const region = await ctx.em.findOne(RegionEntity, { code });
  if (!region) throw badInput(field, `${code} is not a region of this platform`);
  return region;
}

export async function hotspots(ctx: HotlineContext, args: { region: string; from: Date; to: Date; categoryCode?: string | null }): Promise<Hotspot[]> {
  if (!ctx.ability.can('read', 'Hotspot')) throw forbidden('hotspots are for hotline managers and analysts');
  const region = await regionPathOf(ctx, args.region);
  if (!withinScope(ctx, region.path)) return [];
  const settings = await ctx.runtime.settings();
  return findHotspots(ctx.em, settings.hotspot, { regionPath: region.code, from: args.from, to: args.to, categoryCode: args.categoryCode });
}

/**
 * 未诉先办 — a manager turns a hotspot into a proactive task: a case (channel PROACTIVE) for the unit
 * the dispatch catalog names, tracked like any other, with the evidence (counts, baseline, the cases)
 * in its history.
 */
export async function createProactiveTask(ctx: HotlineContext, args: { place: string; categoryCode: string; from: Date; to: Date; note?: string | null }): Promise<Case> {
  if (!ctx.ability.can('create', 'Hotspot')) throw forbidden('only hotline managers open proactive tasks');
  const place = await regionPathOf(ctx, args.place, 'place');
  if (!withinScope(ctx, place.path)) throw notFound('place');
  const category = await ctx.em.findOne(CategoryEntity, { code: args.categoryCode });
  if (!category) throw badInput('categoryCode', `${args.categoryCode} is not in the classification catalog`);
  const settings = await ctx.runtime.settings();
  const [cell] = (await findHotspots(ctx.em, { ...settings.hotspot, alpha: 1, minCount: 1 }, { regionPath: place.code, from: args.from, to: args.to, categoryCode: category.code })).filter(
    (h) => h.place === place.code && h.categoryCode === category.code,
  );
  if (!cell) throw badInput('place', `no ${category.name} cases at ${place.name} in that period`);
  const district = place.level === 'TOWNSHIP' ? place.parentCode! : place.code;
  const evidence = await ctx.em.find(CaseEntity, { id: { $in: cell.caseIds } }, { fields: ['type'] });
  const types = evidence.map((c) => c.type);
  const type = types.sort((a, b) => types.filter((t) => t === b).length - types.filter((t) => t === a).length)[0] ?? 'HELP_REQUEST';
  const created = await registerCase(ctx, {
    channel: 'PROACTIVE',
    type,
    urgency: cell.pValue < 1e-6 ? 'URGENT' : 'NORMAL',
    disposition: 'HANDLE',
    categoryCode: category.code,
    title: `【未诉先办】${place.name}${category.name}诉求集中`,
    description: `${args.from.toISOString().slice(0, 10)} 至 ${args.to.toISOString().slice(0, 10)}，${place.name}${category.name}类诉求 ${cell.observed} 件，按此前 ${cell.baselineDays} 日基线预期 ${cell.expected} 件（P=${cell.pValue.toExponential(2)}）。请主办单位主动排查处置。${args.note ? ` 管理员说明：${requiredText('note', args.note, { max: 1000 })}` : ''}`,
    region: district,
    township: place.level === 'TOWNSHIP' ? place.code : null,
    address: place.name,
    caller: { anonymous: true },
  });
  return dispatchCase(ctx, { caseId: toGlobalId('Case', created.id) });
}

export async function outlook(ctx: HotlineContext, region: string, month: number): Promise<SeasonalRow[]> {
  if (!ctx.ability.can('read', 'PreparednessPlan')) throw forbidden('the seasonal outlook is for hotline managers, units and analysts');
  const r = await regionPathOf(ctx, region);
  if (!withinScope(ctx, r.path)) return [];
  return seasonalOutlook(ctx.em, r.code, month, ctx.clock.now());
}

export type PlanInput = { id?: string | null; unitId?: string | null; categoryCode: string; region: string; months: number[]; title: string; body: string };

/** 预案 — a unit attaches (or updates) its preparation plan for a season's matters. */
export async function savePreparednessPlan(ctx: HotlineContext, input: PlanInput): Promise<PreparednessPlan> {
  const unitId = input.unitId ? fromGlobalId('Unit', input.unitId) : ctx.principal.unit;
  if (!unitId || !isUuid(unitId) || !(await ctx.em.findOne(UnitEntity, { id: unitId }))) throw badInput('input.unitId', 'name the unit the plan belongs to');
  if (!(await ctx.em.findOne(CategoryEntity, { code: input.categoryCode }))) throw badInput('input.categoryCode', `${input.categoryCode} is not in the classification catalog`);
  await regionPathOf(ctx, input.region, 'input.region');
  if (input.months.length === 0 || input.months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) throw badInput('input.months', 'list months from 1 to 12');
  const fields = {
    unitId,
    categoryCode: input.categoryCode,
    regionCode: input.region,
    months: [...new Set(input.months)].sort((a, b) => a - b),
    title: requiredText('input.title', input.title, { min: 2, max: 200 }),
    body: requiredText('input.body', input.body, { min: 10, max: 8000 }),
    updatedAt: ctx.clock.now(),
  };
  let plan: PreparednessPlan | null = null;
  if (input.id) {
    const id = fromGlobalId('PreparednessPlan', input.id);
    plan = id && isUuid(id) ? await ctx.em.findOne(PreparednessPlanEntity, { id }) : null;
    if (!plan) throw notFound('plan');
    if (!ctx.ability.can('manage', asSubject('PreparednessPlan', plan))) throw forbidden('only the owning unit or a manager may change this plan');
  }
  if (!ctx.ability.can('manage', asSubject('PreparednessPlan', { ...plan, ...fields }))) throw forbidden('your role may not keep plans for that unit');
  if (plan) Object.assign(plan, fields);
  else plan = ctx.em.create(PreparednessPlanEntity, { id: randomUUID(), ...fields });
  await ctx.em.flush();
  return plan;
}

export async function listRiskWarnings(ctx: HotlineContext, acknowledged: boolean | null | undefined, first: number): Promise<RiskWarning[]> {
  const visible = rowFilter(ctx.ability, 'read', 'RiskWarning');
  if (!visible) throw forbidden('risk warnings are for hotline managers and analysts');
  const where: Record<string, unknown>[] = [visible];
  if (acknowledged != null) where.push({ acknowledgedAt: acknowledged ? { $ne: null } : null });
  return ctx.em.find(RiskWarningEntity, { $and: where }, { orderBy: { raisedAt: 'desc' }, limit: first });
}

export async function acknowledgeRiskWarning(ctx: HotlineContext, args: { id: string; note?: string | null }): Promise<RiskWarning> {
  const id = localIdOf('RiskWarning', args.id, 'id');
  const visible = rowFilter(ctx.ability, 'read', 'RiskWarning');
  const warning = visible ? await ctx.em.findOne(RiskWarningEntity, { $and: [{ id }, visible] }) : null;
  if (!warning) throw notFound('risk warning');
  if (!ctx.ability.can('acknowledge', asSubject('RiskWarning', warning))) throw forbidden('only hotline managers acknowledge warnings');
  if (warning.acknowledgedAt) throw badInput('id', `already acknowledged by ${warning.acknowledgedBy}`);
  warning.acknowledgedAt = ctx.clock.now();
  warning.acknowledgedBy = ctx.principal.sub;
  warning.acknowledgeNote = optionalText('note', args.note, 1000);
  await ctx.em.flush();
  return warning;
}
