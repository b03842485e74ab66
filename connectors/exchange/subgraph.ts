import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import { appendAccessEvents } from '../../src/platform/access-log/store';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { PgEventTarget } from '../../src/platform/events/pg-event-target';
import type { Logger } from '../../src/platform/logging';
import type { ExchangeKit } from '../kit/kit';
import type { ExchangeContext } from './context';
import { exchangeSchema } from './graphql';
import { createExchangeLoaders } from './loaders';

export type ExchangeSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger; kit: ExchangeKit; events: PgEventTarget };

/** The exchange subgraph: the one Transfer type for every partner (DESIGN.md decision 4). */
export function createExchangeSubgraph({ orm, verifyAssertion, clock, log, kit, events }: ExchangeSubgraphDeps): SubgraphServer {
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<ExchangeContext>({
    name: 'exchange',
    schema: exchangeSchema(),
    verifyAssertion,
    clock,
    log,
    policyVersion: POLICY_VERSION,
    writeAccessEvents: (meta, events) => appendAccessEvents(execute, meta, events),
    ready: async () => {
      await execute('select 1', []);
    },
    createContext: (base) => {
      const em = forkEm(orm);
      const ability = defineAbilityFor(base.principal, base.purpose, { now: clock.now() });
      return { ...base, em, ability, loaders: createExchangeLoaders(em, ability), kit, orm, events };
    },
  });
}
