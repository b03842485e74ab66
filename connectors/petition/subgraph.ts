import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import { appendAccessEvents } from '../../src/platform/access-log/store';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { Logger } from '../../src/platform/logging';
import type { PetitionContext } from './context';
import { petitionSchema } from './graphql';
import { createPetitionLoaders } from './loaders';

export type PetitionSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger };

/** The petition subgraph (信访): Case.petitionMatches, the channel checks and referrals of a case. */
export function createPetitionSubgraph({ orm, verifyAssertion, clock, log }: PetitionSubgraphDeps): SubgraphServer {
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<PetitionContext>({
    name: 'petition',
    schema: petitionSchema(),
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
      return { ...base, em, ability, loaders: createPetitionLoaders(em, ability) };
    },
  });
}
