import type DataLoader from 'dataloader';
import type { AppAbility } from '../../policies';
import type { Orm, EntityManager } from '../../src/platform/db/orm';
import type { PgEventTarget } from '../../src/platform/events/pg-event-target';
import type { RequestContext } from '../../src/platform/graphql/context';
import type { ExchangeKit } from '../kit/kit';
import type { CaseScope, Transfer } from './entities';

export type ExchangeContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  loaders: {
    /** Visible transfers of each case, oldest first: one statement for a whole page of cases. */
    transfersByCaseId: DataLoader<string, Transfer[]>;
    transferById: DataLoader<string, Transfer | null>;
    /** The exchange's copy of each case's scope (case_scope), to decide whether the caller may see the case. */
    caseScopeById: DataLoader<string, CaseScope | null>;
  };
  /** Process-wide services (not request state): the exchange kit, the ORM for fresh reads, the event target. */
  kit: ExchangeKit;
  orm: Orm;
  events: PgEventTarget;
};
