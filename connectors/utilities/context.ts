import type DataLoader from 'dataloader';
import type { AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import type { RequestContext } from '../../src/platform/graphql/context';
import type { FaultOrder, Outage } from './entities';

export type UtilitiesContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  loaders: {
    /** The fault order a visible case is a child of: two statements for a page of cases. */
    orderByCaseId: DataLoader<string, FaultOrder | null>;
    outageById: DataLoader<string, Outage | null>;
  };
};
