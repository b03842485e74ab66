import { badInput } from '../platform/graphql/errors';
import { fromGlobalId } from '../platform/graphql/ids';
import type { HotlineContext } from './context';
import { setDeadline } from './deadlines';
import { assign, planDispatch } from './dispatch';
import { UnitEntity, type Case } from './entities';
import { isUuid } from './loaders';
import type { CaseStatus, CaseType, Disposition, EmergencyLine, LegalRoute, Urgency } from './model';
import { mutateCase } from './mutate';
import { requiredText } from './validate';

/**
 * The dispatcher's own acts that keep a case moving (nothing waits for a unit to object): reclassify,
 * recall, reassign, add co-units, and end a waiting case with another disposition. Each is a row of
 * the workflow table and a line of the case's history, with the dispatcher's note.
 */
type Versioned = { caseId: string; expectedVersion?: number | null };

/** 改分类 — category, type and urgency; a case registered without a category can then be dispatched. */
export async function reclassifyCase(ctx: HotlineContext, args: Versioned & { categoryCode?: string | null; type?: CaseType | null; urgency?: Urgency | null; note: string }) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  if (args.categoryCode == null && args.type == null && args.urgency == null) throw badInput('categoryCode', 'give a new category, type or urgency');
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, check, transition }) => {
    check('reclassify');
    const before = { categoryCode: c.categoryCode ?? null, type: c.type, urgency: c.urgency };
    if (args.categoryCode != null) {
      const category = await ctx.runtime.category(tx, args.categoryCode);
      if (!category) throw badInput('categoryCode', `${args.categoryCode} is not in the classification catalog`);
      c.categoryCode = category.code;
    }
    if (args.type) c.type = args.type;
    if (args.urgency) c.urgency = args.urgency;
    const after = { categoryCode: c.categoryCode ?? null, type: c.type, urgency: c.urgency };
    await transition('reclassify', { note, data: { before, after } });
    return c;
  });
}

/** 撤回 — takes a dispatch back to the queue; the unit leaves the case (it counts as a unit passed through). */
export async function recallCase(ctx: HotlineContext, args: Versioned & { note: string }) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  return mutateCase(ctx, args.caseId, args, async ({ c, check, transition }) => {
    check('recall');
    const leadUnitId = c.leadUnitId;
    passedThrough(c);
    c.leadUnitId = undefined;
    c.coUnitIds = [];
    c.assignedUnitIds = [];
    c.dispatchedAt = undefined;
    c.signedAt = undefined;
    for (const field of ['dueAt', 'returnDeadline', 'responseDueAt'] as const) setDeadline(c, field, undefined);
    await transition('recall', { note, data: { leadUnitId } });
    return c;
  });
}

/** 改派 — another lead unit (and co-units), with a fresh time limit and signing window. */
export async function reassignCase(ctx: HotlineContext, args: Versioned & { leadUnitId: string; coUnitIds?: string[] | null; note: string }) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, check, transition }) => {
    check('reassignLead');
    const previous = c.leadUnitId;
    const plan = await planDispatch(tx, c, now, args.leadUnitId, args.coUnitIds);
    if (plan.lead.id === previous) throw badInput('leadUnitId', 'is already the lead unit');
    passedThrough(c);
    await assign(ctx, c, plan, now);
    await transition('reassignLead', { note, data: { previousLeadUnitId: previous, leadUnitId: plan.lead.id, coUnitIds: c.coUnitIds } });
    return c;
  });
}

/** 增加协办 — co-units join; each serves the case's region and is neither the lead nor a co-unit already. */
export async function addCoUnits(ctx: HotlineContext, args: Versioned & { unitIds: string[]; note: string }) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  if (args.unitIds.length === 0 || args.unitIds.length > 10) throw badInput('unitIds', 'name 1 to 10 units');
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, check, transition }) => {
    check('addCoUnits');
    const added: string[] = [];
    for (const [i, globalId] of args.unitIds.entries()) {
      const id = fromGlobalId('Unit', globalId);
      const unit = id && isUuid(id) ? await tx.findOne(UnitEntity, { id }) : null;
      if (!unit) throw badInput(`unitIds[${i}]`, `${globalId} is not a unit`);
      if (!c.regionPath.includes(unit.regionCode) && unit.regionCode !== c.townshipCode) throw badInput(`unitIds[${i}]`, `${unit.name} serves region ${unit.regionCode}, not the case's region ${c.regionCode}`);
      if (unit.id === c.leadUnitId || c.coUnitIds.includes(unit.id) || added.includes(unit.id)) throw badInput(`unitIds[${i}]`, `${unit.name} already works on the case`);
      added.push(unit.id);
    }
    c.coUnitIds = [...c.coUnitIds, ...added];
    c.assignedUnitIds = [...new Set([...c.assignedUnitIds, ...added])];
    await transition('addCoUnits', { note, data: { coUnitIds: added } });
    return c;
  });
}

const DISPOSITION_STATUS: Record<Exclude<Disposition, 'HANDLE' | 'REFER_POLICE_MALICIOUS'>, CaseStatus> = {
  TRANSFER_EMERGENCY: 'TRANSFERRED_OUT',
  INFORM_LEGAL_ROUTE: 'INFORMED_LEGAL_ROUTE',
  EXPLAIN: 'EXPLAINED',
};

const LINE_PARTNER: Record<EmergencyLine, string> = { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' };

/**
 * A waiting case that, looked at again, is not for a unit (66号 (二)): the dispatcher ends it with
 * the disposition it should have had — a legal route, an explanation, an emergency line. It ends
 * like an intake ending (closedAt, close reason), and a partner that sent it is told how.
 */
export async function redisposeCase(
  ctx: HotlineContext,
  args: Versioned & { disposition: Disposition; legalRoute?: LegalRoute | null; explainReason?: string | null; emergencyLine?: EmergencyLine | null; note: string },
) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  const { disposition } = args;
  if (disposition === 'HANDLE') throw badInput('disposition', 'the case is waiting to be handled already; dispatch it');
  if (disposition === 'REFER_POLICE_MALICIOUS') throw badInput('disposition', 'a malicious caller is referred at intake, with the reason and evidence (registerCase)');
  const only = (field: string, value: unknown, owner: Disposition) => {
    if (value != null && disposition !== owner) throw badInput(field, `is only for disposition ${owner}`);
    if (value == null && disposition === owner) throw badInput(field, `is required with disposition ${owner}`);
  };
  only('legalRoute', args.legalRoute, 'INFORM_LEGAL_ROUTE');
  only('explainReason', args.explainReason, 'EXPLAIN');
  only('emergencyLine', args.emergencyLine, 'TRANSFER_EMERGENCY');
  const explainReason = args.explainReason != null ? requiredText('explainReason', args.explainReason, { min: 5, max: 1000 }) : undefined;
  return mutateCase(ctx, args.caseId, args, async ({ c, check, transition }) => {
    check('redispose', { dispositionStatus: DISPOSITION_STATUS[disposition] });
    const previous = c.disposition;
    applyDisposition(c, disposition, { legalRoute: args.legalRoute ?? undefined, explainReason, emergencyLine: args.emergencyLine ?? undefined });
    await transition('redispose', { note, data: { previousDisposition: previous, disposition }, facts: { dispositionStatus: DISPOSITION_STATUS[disposition] } });
    return c;
  });
}

function applyDisposition(c: Case, disposition: keyof typeof DISPOSITION_STATUS, fields: { legalRoute?: LegalRoute; explainReason?: string; emergencyLine?: EmergencyLine }): void {
  c.disposition = disposition;
  c.legalRoute = fields.legalRoute;
  c.explainReason = fields.explainReason;
  c.emergencyLine = fields.emergencyLine;
  if (fields.emergencyLine) c.sharedWith = [...new Set([...c.sharedWith, LINE_PARTNER[fields.emergencyLine]])];
}

/** The lead unit a case leaves counts as a unit it passed through (the 推诿 trigger). */
function passedThrough(c: Case): void {
  if (c.leadUnitId && !c.unitsTried.includes(c.leadUnitId)) c.unitsTried = [...c.unitsTried, c.leadUnitId];
}
