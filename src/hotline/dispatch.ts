import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../platform/db/orm';
import { badInput, notFound } from '../platform/graphql/errors';
import { fromGlobalId } from '../platform/graphql/ids';
import type { WorkingCalendar } from './calendar';
import type { HotlineContext } from './context';
import { fixedDeadline, setDeadline, startDeadline, type Deadline, type TimeLimit } from './deadlines';
import { CatalogEntryEntity, CategoryEntity, DispatchObjectionEntity, UnitEntity, type Case, type CatalogEntry, type SlaProfile, type Unit } from './entities';
import type { HotlineSettings } from './defaults';
import { isUuid } from './loaders';
import { GRASSROOTS_KINDS, type ReturnReason } from './model';
import { mutateCase } from './mutate';
import { requiredText } from './validate';

/**
 * 派单 — sends a case to its lead unit and co-units: by the dispatch catalog (category × region,
 * most specific region first, entries in force now) or, for coordinated matters (会商), to the units
 * the dispatcher names. Refuses to push a line department's item down to a township or street, and
 * units that do not serve the case's region.
 */
export async function dispatchCase(ctx: HotlineContext, args: { caseId: string; leadUnitId?: string | null; coUnitIds?: string[] | null; expectedVersion?: number | null }) {
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, check, transition }) => {
    check('dispatch');
    const plan = await planDispatch(tx, c, now, args.leadUnitId, args.coUnitIds);
    await assign(ctx, c, plan, now);
    await transition('dispatch', { data: { leadUnitId: plan.lead.id, coUnitIds: plan.co.map((u) => u.id), catalogEntryId: plan.entry?.id, slaProfile: plan.slaProfile } });
    return c;
  });
}

export type DispatchPlan = { lead: Unit; co: Unit[]; slaProfile: string; entry?: CatalogEntry };

export async function planDispatch(tx: EntityManager, c: Case, now: Date, leadUnitId?: string | null, coUnitIds?: string[] | null): Promise<DispatchPlan> {
  const category = c.categoryCode ? await tx.findOne(CategoryEntity, { code: c.categoryCode }) : null;
  if (!category) throw badInput('categoryCode', 'the case has no category; classify it before dispatch');
  const entry = await catalogEntryFor(tx, category.code, category.parentCode, c.regionPath, now);
  let lead: Unit;
  let co: Unit[];
  if (leadUnitId) {
    lead = await unitById(tx, 'leadUnitId', leadUnitId);
    co = await Promise.all((coUnitIds ?? []).map((id, i) => unitById(tx, `coUnitIds[${i}]`, id)));
  } else {
    if (!entry) {
      throw badInput('leadUnitId', `the dispatch catalog has no entry for category ${category.code} in region ${c.regionCode}; coordinate (会商) and name the lead unit`);
    }
    lead = await unitById(tx, 'leadUnitId', entry.leadUnitId, true);
    co = await Promise.all(entry.coUnitIds.map((id) => unitById(tx, 'coUnitIds', id, true)));
  }
  if (co.some((u) => u.id === lead.id)) throw badInput('coUnitIds', 'the lead unit cannot also be a co-unit');
  for (const [field, unit] of [['leadUnitId', lead], ...co.map((u, i) => [`coUnitIds[${i}]`, u] as const)] as const) {
    if (!servesRegion(unit, c)) throw badInput(field, `${unit.name} serves region ${unit.regionCode}, not the case's region ${c.regionCode}`);
  }
  // 不得层层下派: a line department's item never goes down to a township or street unit.
  if (category.lineDepartmentItem && GRASSROOTS_KINDS.includes(lead.kind)) {
    throw badInput('leadUnitId', `category ${category.code} (${category.name}) is a line department's item (条线事项) and cannot be dispatched down to ${lead.name}`);
  }
  return { lead, co, entry: entry ?? undefined, slaProfile: entry?.slaProfile ?? category.slaProfile ?? 'GENERAL' };
}

/** The catalog entry in force for a category (or its parent) in the most specific region of the case. */
export async function catalogEntryFor(tx: EntityManager, categoryCode: string, parentCode: string | undefined, regionPath: string[], at: Date): Promise<CatalogEntry | null> {
  const candidates = await tx.find(CatalogEntryEntity, {
    categoryCode: { $in: parentCode ? [categoryCode, parentCode] : [categoryCode] },
    regionCode: { $in: regionPath },
    validFrom: { $lte: at },
    $or: [{ validTo: null }, { validTo: { $gt: at } }],
  });
  const depth = (e: CatalogEntry) => regionPath.indexOf(e.regionCode) + (e.categoryCode === categoryCode ? 100 : 0);
  return candidates.sort((a, b) => depth(b) - depth(a) || b.version - a.version)[0] ?? null;
}

async function unitById(tx: EntityManager, field: string, id: string, raw = false): Promise<Unit> {
  const localId = raw ? id : fromGlobalId('Unit', id);
  const unit = localId && isUuid(localId) ? await tx.findOne(UnitEntity, { id: localId }) : null;
  if (!unit) throw badInput(field, `${id} is not a unit`);
  return unit;
}

/** A unit serves the case if it sits on the case's region path (province, city, district) or in its township. */
function servesRegion(unit: Unit, c: Case): boolean {
  return c.regionPath.includes(unit.regionCode) || unit.regionCode === c.townshipCode;
}

/** Sends the case to the plan's units with a fresh time limit and signing window (dispatch, reassignment). */
export async function assign(ctx: HotlineContext, c: Case, plan: DispatchPlan, now: Date): Promise<void> {
  const [calendar, profiles, settings] = await Promise.all([ctx.runtime.calendar(), ctx.runtime.slaProfiles(), ctx.runtime.settings()]);
  const profile = chooseProfile(calendar, profiles, settings, c, plan.slaProfile, now);
  c.leadUnitId = plan.lead.id;
  c.coUnitIds = plan.co.map((u) => u.id);
  c.assignedUnitIds = [plan.lead.id, ...c.coUnitIds];
  c.slaProfile = profile.name;
  c.dispatchedAt = now;
  c.signedAt = undefined;
  const due = startDeadline(calendar, now, profile, longCycleCap(c, settings));
  setDeadline(c, 'dueAt', due);
  const window = signingWindow(calendar, settings, profile, now, due.at);
  setDeadline(c, 'returnDeadline', window);
  setDeadline(c, 'responseDueAt', window);
}

/**
 * The SLA profile of a case: the catalog's, or the one its urgency needs (setting urgencyProfiles)
 * when that ends sooner — an urgent consultation is not given three working days.
 */
export function chooseProfile(calendar: WorkingCalendar, profiles: Map<string, SlaProfile>, settings: HotlineSettings, c: Case, catalogProfile: string, now: Date): SlaProfile {
  const names = [catalogProfile, settings.urgencyProfiles[c.urgency]].filter((n): n is string => Boolean(n));
  const candidates = names.map((name) => {
    const profile = profiles.get(name);
    if (!profile) throw badInput('slaProfile', `SLA profile ${name} is not configured`);
    return { profile, at: startDeadline(calendar, now, profile).at.getTime() };
  });
  return candidates.sort((a, b) => a.at - b.at)[0]!.profile;
}

/**
 * The window in which the lead unit signs and may object (派单异议): the profile's own, else
 * `returnWindowWorkingDays`; never past the time limit itself.
 */
export function signingWindow(calendar: WorkingCalendar, settings: HotlineSettings, profile: SlaProfile | undefined, from: Date, dueAt: Date | undefined): Deadline {
  const limit: TimeLimit =
    profile?.returnWindowUnit && profile.returnWindowAmount != null
      ? { unit: profile.returnWindowUnit, amount: profile.returnWindowAmount }
      : { unit: 'WORKING_DAYS', amount: settings.returnWindowWorkingDays };
  return startDeadline(calendar, from, limit, dueAt);
}

/** No matter runs longer than `longCycleMaxDays` from registration (docs/domain.md: long-cycle matters ≤ 180 days). */
export function longCycleCap(c: Case, settings: HotlineSettings): Date {
  return new Date(c.createdAt.getTime() + settings.longCycleMaxDays * 86_400_000);
}

/** 派单异议 — the lead unit objects to a dispatch, with a reason code, within the return window. */
export async function requestReturn(ctx: HotlineContext, args: { caseId: string; reason: ReturnReason; note: string; expectedVersion?: number | null }) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, transition }) => {
    const fromStatus = c.status;
    await transition('requestReturn', { note, data: { reason: args.reason } });
    tx.create(DispatchObjectionEntity, {
      id: randomUUID(),
      caseId: c.id,
      unitId: c.leadUnitId!,
      reason: args.reason,
      note,
      fromStatus,
      requestedAt: now,
      requestedBy: ctx.principal.sub,
    });
    return c;
  });
}

/**
 * The dispatcher decides an objection: uphold and reassign to a new lead (or back to the dispatch
 * queue to coordinate), or reject — the unit keeps the case where it was.
 */
export async function reviewReturn(ctx: HotlineContext, args: { caseId: string; uphold: boolean; newLeadUnitId?: string | null; note?: string | null; expectedVersion?: number | null }) {
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, check, transition }) => {
    check(args.uphold ? (args.newLeadUnitId ? 'reassign' : 'coordinate') : 'rejectReturn');
    const objection = await tx.findOne(DispatchObjectionEntity, { caseId: c.id, decision: null }, { orderBy: { requestedAt: 'desc' } });
    if (!objection && c.status === 'RETURN_REQUESTED') throw notFound('the pending objection');
    const note = args.note?.trim() || undefined;
    if (!args.uphold) {
      await transition('rejectReturn', { note, facts: { previousStatus: objection?.fromStatus } });
      // Rejected: the unit is first-responsible now; no second objection for this dispatch — and,
      // if it had not signed yet, a fresh window to sign in (its objection was no lateness).
      setDeadline(c, 'returnDeadline', fixedDeadline(now));
      if (c.status === 'DISPATCHED') {
        const [calendar, settings, profiles] = await Promise.all([ctx.runtime.calendar(), ctx.runtime.settings(), ctx.runtime.slaProfiles()]);
        setDeadline(c, 'responseDueAt', signingWindow(calendar, settings, c.slaProfile ? profiles.get(c.slaProfile) : undefined, now, c.dueAt));
      }
    } else {
      if (!c.unitsTried.includes(c.leadUnitId!)) c.unitsTried = [...c.unitsTried, c.leadUnitId!];
      if (args.newLeadUnitId) {
        const plan = await planDispatch(tx, c, now, args.newLeadUnitId, []);
        if (plan.lead.id === objection?.unitId) throw badInput('newLeadUnitId', 'the objecting unit cannot be the new lead unit');
        await assign(ctx, c, plan, now);
        await transition('reassign', { note, data: { newLeadUnitId: plan.lead.id } });
      } else {
        c.leadUnitId = undefined;
        c.coUnitIds = [];
        c.assignedUnitIds = [];
        for (const field of ['dueAt', 'returnDeadline', 'responseDueAt'] as const) setDeadline(c, field, undefined);
        await transition('coordinate', { note });
      }
    }
    if (objection) {
      objection.decision = args.uphold ? 'UPHELD' : 'REJECTED';
      objection.reviewedAt = now;
      objection.reviewedBy = ctx.principal.sub;
      objection.reviewNote = note;
      objection.newLeadUnitId = args.uphold ? c.leadUnitId : undefined;
    }
    return c;
  });
}
