import type { FieldDecision } from '../platform/access-log/recorder';
import { AccessEventEntity, type AccessEventRow } from '../platform/access-log/entities';
import type { EntityManager } from '../platform/db/orm';
import { badInput } from '../platform/graphql/errors';
import { fromGlobalId } from '../platform/graphql/ids';
import { decodeCursor, encodeCursor, toPage, type Page } from '../platform/graphql/pagination';

export type AccessEventFilter = {
  principalId?: string | null;
  unit?: string | null;
  /** The Case's Relay global id; events store the raw uuid as subject id. */
  caseId?: string | null;
  field?: string | null;
  decision?: FieldDecision | null;
  purpose?: string | null;
  role?: string | null;
  subjectType?: string | null;
  requestId?: string | null;
  from?: Date | null;
  to?: Date | null;
};

/**
 * A page of access events, newest first, keyset-paginated on (at, id) like the case list: the
 * filter is one SQL WHERE clause, the field and decision filters use the GIN index on `fields`
 * (`fields @> '[{"path": …, "decision": …}]'`: with both, the same entry must match both).
 */
export async function listAccessEvents(em: EntityManager, filter: AccessEventFilter, first: number, after?: string | null): Promise<Page<AccessEventRow>> {
  const where: Record<string, unknown>[] = [];
  if (filter.principalId) where.push({ principalId: filter.principalId });
  if (filter.unit) where.push({ unit: filter.unit });
  if (filter.caseId) {
    const caseId = fromGlobalId('Case', filter.caseId);
    if (!caseId || !isUuid(caseId)) throw badInput('filter.caseId', 'is not a Case id');
    where.push({ subjectType: 'Case', subjectId: caseId });
  }
  if (filter.purpose) where.push({ purpose: filter.purpose });
  if (filter.role) where.push({ role: filter.role });
  if (filter.subjectType) where.push({ subjectType: filter.subjectType });
  if (filter.requestId) where.push({ requestId: filter.requestId });
  where.push(...periodConditions(filter.from, filter.to, 'filter.'));
  if (after) {
    const [at, id] = decodeCursor(after);
    const time = new Date(at);
    if (Number.isNaN(time.getTime()) || !isUuid(id)) throw badInput('after', 'is not a cursor returned by this API');
    where.push({ $or: [{ at: { $lt: time } }, { at: time, id: { $lt: id } }] });
  }
  const qb = em.createQueryBuilder(AccessEventEntity).where({ $and: where });
  const entry = fieldEntry(filter.field, filter.decision);
  if (entry) qb.andWhere('fields @> ?::jsonb', [JSON.stringify([entry])]);
  const rows = await qb.orderBy({ at: 'desc', id: 'desc' }).limit(first + 1).getResult();
  return toPage(rows, first, (e) => encodeCursor(e.at.toISOString(), e.id), Boolean(after));
}

function fieldEntry(field: string | null | undefined, decision: FieldDecision | null | undefined): Record<string, string> | undefined {
  if (field !== null && field !== undefined && (field.length === 0 || field.length > 128)) {
    throw badInput('filter.field', 'must be a field path of 1 to 128 characters, e.g. caller.phone');
  }
  if (!field && !decision) return undefined;
  return { ...(field ? { path: field } : {}), ...(decision ? { decision } : {}) };
}

/** [from, to): from inclusive, to exclusive, as everywhere in the API. */
export function periodConditions(from: Date | null | undefined, to: Date | null | undefined, prefix = ''): Record<string, unknown>[] {
  if (from && to && from.getTime() >= to.getTime()) throw badInput(`${prefix}to`, `must be after ${prefix}from`);
  return [...(from ? [{ at: { $gte: from } }] : []), ...(to ? [{ at: { $lt: to } }] : [])];
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
