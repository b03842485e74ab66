import type { GraphQLSchema } from 'graphql';
import { appendAccessEvents } from '../access-log/store';
import type { Clock } from '../clock';
import { forkEm, type EntityManager, type Orm } from '../db/orm';
import type { AssertionVerifier } from '../identity/assertion';
import type { Principal, Purpose } from '../identity/principal';
import type { Logger } from '../logging';
import type { RequestContext } from './context';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server';

/**
 * A module's subgraph on its own database module, the way every connector subgraph is built: the
 * access log appended through the module's connection, readiness = its database answers, and a
 * per-request context of a forked EntityManager, the principal's ability and whatever the module
 * adds (`extend`: loaders, the kit…). The ability comes from `policies/` (passed in: the platform
 * imports no other folder).
 */
export function createModuleSubgraph<Ability, Extra extends object>(options: {
  name: string;
  schema: GraphQLSchema;
  orm: Orm;
  verifyAssertion: AssertionVerifier;
  clock: Clock;
  log: Logger;
  policy: { version: string; define(principal: Principal, purpose: Purpose | undefined, context: { now: Date }): Ability };
  extend: (em: EntityManager, ability: Ability) => Extra;
}): SubgraphServer {
  const { orm, clock, policy } = options;
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<RequestContext & { em: EntityManager; ability: Ability } & Extra>({
    name: options.name,
    schema: options.schema,
    verifyAssertion: options.verifyAssertion,
    clock,
    log: options.log,
    policyVersion: policy.version,
    writeAccessEvents: (meta, events) => appendAccessEvents(execute, meta, events),
    ready: async () => {
      await execute('select 1', []);
    },
    createContext: (base) => {
      const em = forkEm(orm);
      const ability = policy.define(base.principal, base.purpose, { now: clock.now() });
      return { ...base, em, ability, ...options.extend(em, ability) };
    },
  });
}
