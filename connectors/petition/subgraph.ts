import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { createModuleSubgraph } from '../../src/platform/graphql/module-subgraph';
import type { SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { Logger } from '../../src/platform/logging';
import { petitionSchema } from './graphql';
import { createPetitionLoaders } from './loaders';

export type PetitionSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger };

/** The petition subgraph (信访): Case.petitionMatches, the channel checks and referrals of a case. */
export function createPetitionSubgraph({ orm, verifyAssertion, clock, log }: PetitionSubgraphDeps): SubgraphServer {
  return createModuleSubgraph({
    name: 'petition',
    schema: petitionSchema(),
    orm,
    verifyAssertion,
    clock,
    log,
    policy: { version: POLICY_VERSION, define: defineAbilityFor },
    extend: (em, ability) => ({ loaders: createPetitionLoaders(em, ability) }),
  });
}
