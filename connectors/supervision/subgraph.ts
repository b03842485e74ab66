import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import { appendAccessEvents } from '../../src/platform/access-log/store';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { Logger } from '../../src/platform/logging';
import type { SupervisionContext } from './context';
import { createSupervisionLoaders, supervisionSchema } from './graphql';

export type SupervisionSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger };

/** The supervision subgraph (互联网+督查): leads, linked or registered, and Case.supervisionLeads. */
export function createSupervisionSubgraph({ orm, verifyAssertion, clock, log }: SupervisionSubgraphDeps): SubgraphServer {
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<SupervisionContext>({
    name: 'supervision',
    schema: supervisionSchema(),
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
      return { ...base, em, ability, loaders: createSupervisionLoaders(em, ability) };
    },
  });
}
