import type DataLoader from 'dataloader';
import type { AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import type { RequestContext } from '../../src/platform/graphql/context';
import type { Transfer } from './entities';

export type ExchangeContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  loaders: {
    /** Visible transfers of each case, oldest first: one statement for a whole page of cases. */
    transfersByCaseId: DataLoader<string, Transfer[]>;
    transferById: DataLoader<string, Transfer | null>;
  };
};
