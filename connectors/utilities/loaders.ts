import DataLoader from 'dataloader';
import { rowFilter, type AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import type { UtilitiesContext } from './context';
import { FaultOrderCaseEntity, FaultOrderEntity, OutageEntity } from './entities';

export function createUtilitiesLoaders(em: EntityManager, ability: AppAbility): UtilitiesContext['loaders'] {
  const visible = rowFilter(ability, 'read', 'PartnerMatter');
  return {
    orderByCaseId: new DataLoader(async (caseIds) => {
      if (!visible) return caseIds.map(() => null);
      // The child row carries the case's own scope: seeing it is seeing the case.
      const children = await em.find(FaultOrderCaseEntity, { $and: [{ caseId: { $in: [...caseIds] } }, visible] });
      const orders = children.length ? await em.find(FaultOrderEntity, { id: { $in: [...new Set(children.map((c) => c.orderId))] } }) : [];
      const byId = new Map(orders.map((o) => [o.id, o]));
      const byCase = new Map(children.map((c) => [c.caseId, byId.get(c.orderId) ?? null]));
      return caseIds.map((id) => byCase.get(id) ?? null);
    }),
    outageById: new DataLoader(async (ids) => {
      const rows = await em.find(OutageEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((o) => [o.id, o]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
