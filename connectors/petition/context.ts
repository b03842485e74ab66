import type DataLoader from 'dataloader';
import type { AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import type { RequestContext } from '../../src/platform/graphql/context';
import type { PetitionCheck, PetitionReferral } from './entities';

export type PetitionContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  loaders: {
    /** Visible channel checks of each case, oldest first: one statement for a page of cases. */
    checksByCaseId: DataLoader<string, PetitionCheck[]>;
    referralByCaseId: DataLoader<string, PetitionReferral | null>;
  };
};
