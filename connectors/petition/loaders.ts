import DataLoader from 'dataloader';
import { rowFilter, type AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import type { PetitionContext } from './context';
import { PetitionCheckEntity, PetitionReferralEntity, type PetitionCheck } from './entities';

export function createPetitionLoaders(em: EntityManager, ability: AppAbility): PetitionContext['loaders'] {
  const visible = rowFilter(ability, 'read', 'PartnerMatter');
  return {
    checksByCaseId: new DataLoader(async (caseIds) => {
      if (!visible) return caseIds.map(() => []);
      const rows = await em.find(PetitionCheckEntity, { $and: [{ caseId: { $in: [...caseIds] } }, visible] }, { orderBy: { checkedAt: 'asc', id: 'asc' } });
      const byCase = new Map<string, PetitionCheck[]>();
      for (const row of rows) byCase.set(row.caseId!, [...(byCase.get(row.caseId!) ?? []), row]);
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
    referralByCaseId: new DataLoader(async (caseIds) => {
      if (!visible) return caseIds.map(() => null);
      const rows = await em.find(PetitionReferralEntity, { $and: [{ caseId: { $in: [...caseIds] } }, visible] });
      const byCase = new Map(rows.map((r) => [r.caseId!, r]));
      return caseIds.map((id) => byCase.get(id) ?? null);
    }),
  };
}
