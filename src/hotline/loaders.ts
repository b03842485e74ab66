import type { EntitySchema } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { rowFilter, type AppAbility } from '../../policies';
import type { EntityManager } from '../platform/db/orm';
import {
  CaseEntity,
  CategoryEntity,
  DispatchObjectionEntity,
  ExtensionRequestEntity,
  CoUnitTaskEntity,
  type CoUnitTask,
  FollowUpEntity,
  MaliciousCallerEntity,
  SupervisionEntity,
  CaseLinkEntity,
  type CaseLink,
  UnitEntity,
  type Case,
  type Category,
  type DispatchObjection,
  type ExtensionRequest,
  type FollowUp,
  type Supervision,
  type Unit,
} from './entities';

export type HotlineLoaders = {
  /** Cases by id, filtered by the principal's row policy: out of scope reads as missing. */
  caseById: DataLoader<string, Case | null>;
  mergedByMasterId: DataLoader<string, Case[]>;
  unitById: DataLoader<string, Unit | null>;
  categoryByCode: DataLoader<string, Category | null>;
  objectionsByCase: DataLoader<string, DispatchObjection[]>;
  extensionsByCase: DataLoader<string, ExtensionRequest[]>;
  coUnitTasksByCase: DataLoader<string, CoUnitTask[]>;
  followUpsByCase: DataLoader<string, FollowUp[]>;
  supervisionsByCase: DataLoader<string, Supervision[]>;
  linksByCase: DataLoader<string, CaseLink[]>;
  maliciousByPhoneHash: DataLoader<string, boolean>;
};

/** One loader set per request: a shared cache would leak rows across principals (docs/stack.md). */
/** Reference data kept by the process (runtime.ts), consulted before the database. */
export type LoaderReference = { units(): Promise<ReadonlyMap<string, Unit>> };

export function createLoaders(em: EntityManager, ability: AppAbility, reference?: LoaderReference): HotlineLoaders {
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
      const known = reference ? await reference.units() : new Map<string, Unit>();
      const missing = ids.filter((id) => !known.has(id));
      const rows = missing.length ? await em.find(UnitEntity, { id: { $in: missing } }) : [];
      const byId = new Map(rows.map((u) => [u.id, u]));
      return ids.map((id) => known.get(id) ?? byId.get(id) ?? null);
    }),
    categoryByCode: new DataLoader(async (codes) => {
      const rows = await em.find(CategoryEntity, { code: { $in: [...codes] } });
      const byCode = new Map(rows.map((c) => [c.code, c]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    objectionsByCase: groupedBy(em, DispatchObjectionEntity, 'requestedAt'),
    extensionsByCase: groupedBy(em, ExtensionRequestEntity, 'requestedAt'),
    coUnitTasksByCase: groupedBy(em, CoUnitTaskEntity, 'id'),
    followUpsByCase: groupedBy(em, FollowUpEntity, 'at'),
    supervisionsByCase: groupedBy(em, SupervisionEntity, 'at'),
    linksByCase: groupedBy(em, CaseLinkEntity, 'linkedAt'),
    maliciousByPhoneHash: new DataLoader(async (hashes) => {
      const rows = await em.find(MaliciousCallerEntity, { phoneHash: { $in: [...hashes] } });
      const listed = new Set(rows.map((r) => r.phoneHash));
      return hashes.map((h) => listed.has(h));
    }),
  };
}

/**
 * Records of a case, oldest first, batched for a page of cases. The parent case was read under the
 * row policy already, so its records are in scope.
 */
function groupedBy<T extends { caseId: string }>(em: EntityManager, entity: EntitySchema<T>, orderField: keyof T & string): DataLoader<string, T[]> {
  return new DataLoader(async (caseIds) => {
    const rows = (await em.find(entity, { caseId: { $in: [...caseIds] } } as never, { orderBy: { [orderField]: 'asc' } as never })) as T[];
    return caseIds.map((id) => rows.filter((r) => r.caseId === id));
  });
}

/** True for UUIDs in canonical form; anything else cannot name a row and reads as missing. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
