import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import type { PgEventTarget } from '../../src/platform/events/pg-event-target';
import { createModuleSubgraph } from '../../src/platform/graphql/module-subgraph';
import type { SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import type { Logger } from '../../src/platform/logging';
import type { ExchangeKit } from '../kit/kit';
import { exchangeSchema } from './graphql';
import { createExchangeLoaders } from './loaders';

export type ExchangeSubgraphDeps = { orm: Orm; verifyAssertion: AssertionVerifier; clock: Clock; log: Logger; kit: ExchangeKit; events: PgEventTarget };

/** The exchange subgraph: the one Transfer type for every partner (docs/design.md decision 4). */
export function createExchangeSubgraph({ orm, verifyAssertion, clock, log, kit, events }: ExchangeSubgraphDeps): SubgraphServer {
  return createModuleSubgraph({
    name: 'exchange',
    schema: exchangeSchema(),
    orm,
    verifyAssertion,
    clock,
    log,
    policy: { version: POLICY_VERSION, define: defineAbilityFor },
    extend: (em, ability) => ({ loaders: createExchangeLoaders(em, ability), kit, orm, events }),
  });
}
