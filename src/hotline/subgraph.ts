import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import { appendAccessEvents } from '../platform/access-log/store';
import type { Clock } from '../platform/clock';
import { forkEm, type Orm } from '../platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../platform/identity/assertion';
import type { Logger } from '../platform/logging';
import type { HotlineContext } from './context';
import { hotlineSchema } from './graphql';
import { createLoaders } from './loaders';
import type { HotlineRuntime } from './runtime';

export type HotlineSubgraphDeps = {
  orm: Orm;
  verifyAssertion: AssertionVerifier;
  clock: Clock;
  log: Logger;
  runtime: HotlineRuntime;
};

/** The hotline subgraph: cases, units, catalog, lifecycle. */
export function createHotlineSubgraph({ orm, verifyAssertion, clock, log, runtime }: HotlineSubgraphDeps): SubgraphServer {
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<HotlineContext>({
    name: 'hotline',
    schema: hotlineSchema(),
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
      return { ...base, em, ability, runtime, loaders: createLoaders(em, ability) };
    },
  });
}
