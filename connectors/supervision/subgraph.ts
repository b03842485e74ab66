import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { createModuleSubgraph } from '../../src/platform/graphql/module-subgraph';
import type { SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { Logger } from '../../src/platform/logging';
import { createSupervisionLoaders, supervisionSchema } from './graphql';

export type SupervisionSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger };

/** The supervision subgraph (互联网+督查): leads, linked or registered, and Case.supervisionLeads. */
export function createSupervisionSubgraph({ orm, verifyAssertion, clock, log }: SupervisionSubgraphDeps): SubgraphServer {
  return createModuleSubgraph({
    name: 'supervision',
    schema: supervisionSchema(),
    orm,
    verifyAssertion,
    clock,
    log,
    policy: { version: POLICY_VERSION, define: defineAbilityFor },
    extend: (em, ability) => ({ loaders: createSupervisionLoaders(em, ability) }),
  });
}
