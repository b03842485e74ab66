import { rowFilter, type AppAbility } from '../../policies';
import type { EntityManager } from '../platform/db/orm';
import { badInput } from '../platform/graphql/errors';
import { decodeCursor, encodeCursor, toPage, type Page } from '../platform/graphql/pagination';
import { isUuid } from './loaders';
import { CaseEntity, CatalogEntryEntity, UnitEntity, type Case, type CatalogEntry, type Unit } from './entities';
import type { CaseStatus, CaseType } from './model';

export type CaseFilter = {
  status?: CaseStatus[] | null;
  region?: string | null;
  type?: CaseType[] | null;
  unitId?: string | null;
  categoryCode?: string | null;
  from?: Date | null;
  to?: Date | null;
  text?: string | null;
};

/**
 * A page of the cases the principal may see, newest first, keyset-paginated on (createdAt, id).
 * The row policy and the user's filter are one SQL WHERE clause: one statement per page.
 */
/**
 * `ownUnit`: the unit whose cases are all the principal may see (a handler's), if any — its page is
 * then read from that unit's date-ordered index, like a page filtered by `unitId`.
 */
export async function listCases(em: EntityManager, ability: AppAbility, filter: CaseFilter, first: number, after?: string | null, ownUnit?: string): Promise<Page<Case>> {
  const visible = rowFilter(ability, 'read', 'Case');
  if (!visible) return toPage([], first, () => '', Boolean(after));
  const where: Record<string, unknown>[] = [visible, ...caseFilterConditions(filter)];
  let cursor: { at: Date; id: string } | undefined;
  if (after) {
    const [createdAt, id] = decodeCursor(after);
    const at = new Date(createdAt);
    if (Number.isNaN(at.getTime()) || !isUuid(id ?? '')) throw badInput('after', 'is not a cursor returned by this API');
    cursor = { at, id: id! };
  }
  const page = (rows: Case[]) => toPage(rows, first, (c) => encodeCursor(c.createdAt.toISOString(), c.id), Boolean(after));
  const unitId = filter.unitId ?? (ownUnit && isUuid(ownUnit) ? ownUnit : undefined);
  if (unitId) {
    const rows = await unitPage(em, unitId, where, first + 1, cursor);
    if (rows) return page(rows);
  }
  if (cursor) where.push({ $or: [{ createdAt: { $lt: cursor.at } }, { createdAt: cursor.at, id: { $lt: cursor.id } }] });
  return page(await em.find(CaseEntity, { $and: where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 }));
}

/**
 * A unit's cases newest first, from its date-ordered index (hotline.case_unit_order): the next ids in
 * order, then those cases under the same row policy and filters as the general query, in the same
 * order — the same page, read in work proportional to the page, not to the unit. When the policy or
 * the filters leave too few of the unit's cases (a rare status, another unit's page), it gives up
 * after a few batches and the general query answers: `undefined`.
 */
async function unitPage(em: EntityManager, unitId: string, where: Record<string, unknown>[], want: number, cursor: { at: Date; id: string } | undefined): Promise<Case[] | undefined> {
  // Usually every key is a case the principal may see (the unit is its own, or in its region): a
  // batch of the page's size reads nothing more. Each further batch is twice as large.
  let batch = want;
  const found: Case[] = [];
  // The index's own timestamps travel as text: a JS Date would drop their microseconds.
  let after = cursor && { at: cursor.at.toISOString(), id: cursor.id };
  for (let round = 0; round < 3; round++) {
    const keys = (await em.execute(
      `select case_id, created_at::text as at from hotline.case_unit_order
        where unit_id = ?::uuid ${after ? 'and (created_at, case_id) < (?::timestamptz, ?::uuid)' : ''}
        order by created_at desc, case_id desc limit ?`,
      [unitId, ...(after ? [after.at, after.id] : []), batch],
    )) as { case_id: string; at: string }[];
    if (keys.length > 0) {
      const rows = await em.find(CaseEntity, { $and: [...where, { id: { $in: keys.map((k) => k.case_id) } }] });
      const byId = new Map(rows.map((c) => [c.id, c]));
      for (const key of keys) {
        const visible = byId.get(key.case_id);
        if (visible) found.push(visible);
        if (found.length === want) return found;
      }
    }
    if (keys.length < batch) return found; // the unit has no more cases
    const last = keys[keys.length - 1]!;
    after = { at: last.at, id: last.case_id };
    batch *= 2;
  }
  return undefined;
}

export function caseFilterConditions(filter: CaseFilter): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (filter.status?.length) out.push({ status: { $in: filter.status } });
  if (filter.type?.length) out.push({ type: { $in: filter.type } });
  if (filter.region) {
    if (!/^\d{6}$/.test(filter.region)) throw badInput('filter.region', 'must be a six-digit region code');
    out.push({ regionPath: { $contains: [filter.region] } });
  }
  if (filter.unitId) {
    if (!isUuid(filter.unitId)) throw badInput('filter.unitId', 'is not a unit id');
    out.push({ assignedUnitIds: { $contains: [filter.unitId] } });
  }
  if (filter.categoryCode) out.push({ categoryCode: { $like: `${escapeLike(filter.categoryCode)}%` } });
  if (filter.from) out.push({ createdAt: { $gte: filter.from } });
  if (filter.to) out.push({ createdAt: { $lt: filter.to } });
  if (filter.text) {
    const text = filter.text.trim();
    if (text.length > 100) throw badInput('filter.text', 'must be at most 100 characters');
    if (text) out.push({ $or: [{ title: { $ilike: `%${escapeLike(text)}%` } }, { number: text }] });
  }
  return out;
}

export async function findCaseByNumber(em: EntityManager, ability: AppAbility, number: string): Promise<Case | null> {
  const visible = rowFilter(ability, 'read', 'Case');
  if (!visible) return null;
  return em.findOne(CaseEntity, { $and: [{ number }, visible] });
}

/** Units of a region and below (`140000` → the province, `141100` → 吕梁市 and its districts and townships). */
export async function listUnits(em: EntityManager, region?: string | null): Promise<Unit[]> {
  if (region && !/^\d{6}(\d{3})?$/.test(region)) throw badInput('region', 'must be a six- or nine-digit region code');
  const where = region ? { regionCode: { $like: `${regionPrefix(region)}%` } } : {};
  return em.find(UnitEntity, where, { orderBy: { regionCode: 'asc', name: 'asc' } });
}

/** Catalog entries in force at `at`, for a region and its ancestors, optionally one category (and its children). */
export async function listCatalog(em: EntityManager, at: Date, region?: string | null, categoryCode?: string | null): Promise<CatalogEntry[]> {
  const where: Record<string, unknown>[] = [{ validFrom: { $lte: at } }, { $or: [{ validTo: null }, { validTo: { $gt: at } }] }];
  if (region) {
    if (!/^\d{6}$/.test(region)) throw badInput('region', 'must be a six-digit region code');
    where.push({ regionCode: { $in: ancestorsOf(region) } });
  }
  if (categoryCode) where.push({ categoryCode: { $like: `${escapeLike(categoryCode)}%` } });
  return em.find(CatalogEntryEntity, { $and: where }, { orderBy: { categoryCode: 'asc', regionCode: 'asc' } });
}

/** `141102` → [`141102`, `141100`, `140000`]: a district, its city, its province. */
export function ancestorsOf(code: string): string[] {
  const out = [code];
  if (!code.endsWith('00')) out.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith('0000')) out.push(`${code.slice(0, 2)}0000`);
  return [...new Set(out)];
}

export function regionPrefix(code: string): string {
  if (code.length === 9) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

