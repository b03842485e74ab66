import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import { appendAccessEvents } from '../../src/platform/access-log/store';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { Logger } from '../../src/platform/logging';
import type { UtilitiesContext } from './context';
import { utilitiesSchema } from './graphql';
import { createUtilitiesLoaders } from './loaders';

export type UtilitiesSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger };

/** The utilities subgraph (水电气暖): outages, fault orders with their child calls, Case.utilityOrder. */
export function createUtilitiesSubgraph({ orm, verifyAssertion, clock, log }: UtilitiesSubgraphDeps): SubgraphServer {
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<UtilitiesContext>({
    name: 'utilities',
    schema: utilitiesSchema(),
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
      return { ...base, em, ability, loaders: createUtilitiesLoaders(em, ability) };
    },
  });
}
