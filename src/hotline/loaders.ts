import DataLoader from 'dataloader';
import { rowFilter, type AppAbility } from '../../policies';
import type { EntityManager } from '../platform/db/orm';
import { CaseEntity, CategoryEntity, UnitEntity, type Case, type Category, type Unit } from './entities';

export type HotlineLoaders = {
  /** Cases by id, filtered by the principal's row policy: out of scope reads as missing. */
  caseById: DataLoader<string, Case | null>;
  mergedByMasterId: DataLoader<string, Case[]>;
  unitById: DataLoader<string, Unit | null>;
  categoryByCode: DataLoader<string, Category | null>;
};

/** One loader set per request: a shared cache would leak rows across principals (STACK.md). */
export function createLoaders(em: EntityManager, ability: AppAbility): HotlineLoaders {
  const visible = rowFilter(ability, 'read', 'Case');
  return {
    caseById: new DataLoader(async (ids) => {
      if (!visible) return ids.map(() => null);
      const rows = await em.find(CaseEntity, { $and: [{ id: { $in: [...ids] } }, visible] });
      const byId = new Map(rows.map((c) => [c.id, c]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    mergedByMasterId: new DataLoader(async (ids) => {
      if (!visible) return ids.map(() => []);
      const rows = await em.find(CaseEntity, { $and: [{ masterId: { $in: [...ids] } }, visible] }, { orderBy: { createdAt: 'asc' } });
      return ids.map((id) => rows.filter((c) => c.masterId === id));
    }),
    unitById: new DataLoader(async (ids) => {
      const rows = await em.find(UnitEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    categoryByCode: new DataLoader(async (codes) => {
      const rows = await em.find(CategoryEntity, { code: { $in: [...codes] } });
      const byCode = new Map(rows.map((c) => [c.code, c]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
  };
}

/** True for UUIDs in canonical form; anything else cannot name a row and reads as missing. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
