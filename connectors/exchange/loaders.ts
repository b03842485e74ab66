import DataLoader from 'dataloader';
import { rowFilter, type AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import type { ExchangeContext } from './context';
import { CaseScopeEntity, TransferEntity, type Transfer } from './entities';

export function createExchangeLoaders(em: EntityManager, ability: AppAbility): ExchangeContext['loaders'] {
  const visible = rowFilter(ability, 'read', 'Transfer');
  return {
    transfersByCaseId: new DataLoader(async (caseIds) => {
      if (!visible) return caseIds.map(() => []);
      const rows = await em.find(TransferEntity, { $and: [{ caseId: { $in: [...caseIds] } }, visible] }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const byCase = new Map<string, Transfer[]>();
      for (const row of rows) byCase.set(row.caseId!, [...(byCase.get(row.caseId!) ?? []), row]);
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
    caseScopeById: new DataLoader(async (ids) => {
      const rows = await em.find(CaseScopeEntity, { caseId: { $in: [...ids] } });
      const byId = new Map(rows.map((s) => [s.caseId, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    transferById: new DataLoader(async (ids) => {
      if (!visible) return ids.map(() => null);
      const rows = await em.find(TransferEntity, { $and: [{ id: { $in: [...ids] } }, visible] });
      const byId = new Map(rows.map((t) => [t.id, t]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
