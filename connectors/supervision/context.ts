import type DataLoader from 'dataloader';
import type { AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import type { RequestContext } from '../../src/platform/graphql/context';
import type { SupervisionLead } from './entities';

export type SupervisionContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  loaders: {
    /** Visible leads of each case, oldest first: one statement for a page of cases. */
    leadsByCaseId: DataLoader<string, SupervisionLead[]>;
  };
};
