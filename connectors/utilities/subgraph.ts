import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { createModuleSubgraph } from '../../src/platform/graphql/module-subgraph';
import type { SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { Logger } from '../../src/platform/logging';
import { utilitiesSchema } from './graphql';
import { createUtilitiesLoaders } from './loaders';

export type UtilitiesSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger };

/** The utilities subgraph (水电气暖): outages, fault orders with their child calls, Case.utilityOrder. */
export function createUtilitiesSubgraph({ orm, verifyAssertion, clock, log }: UtilitiesSubgraphDeps): SubgraphServer {
  return createModuleSubgraph({
    name: 'utilities',
    schema: utilitiesSchema(),
    orm,
    verifyAssertion,
    clock,
    log,
    policy: { version: POLICY_VERSION, define: defineAbilityFor },
    extend: (em, ability) => ({ loaders: createUtilitiesLoaders(em, ability) }),
  });
}
