import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import { appendAccessEvents } from '../platform/access-log/store';
import type { Clock } from '../platform/clock';
import type { AuditSettings } from '../platform/config';
import { forkEm, type Orm } from '../platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../platform/identity/assertion';
import type { Logger } from '../platform/logging';
import type { AuditContext } from './context';
import { auditSchema } from './graphql';

export type AuditSubgraphDeps = {
  /** The audit module's ORM: this subgraph reads the access log; the platform recorder writes it. */
  orm: Orm;
  verifyAssertion: AssertionVerifier;
  clock: Clock;
  log: Logger;
  settings: AuditSettings;
};

/** The auditors' subgraph: access events, chain verification, unusual access, export. */
export function createAuditSubgraph({ orm, verifyAssertion, clock, log, settings }: AuditSubgraphDeps): SubgraphServer {
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<AuditContext>({
    name: 'audit',
    schema: auditSchema(),
    verifyAssertion,
    clock,
    log,
    policyVersion: POLICY_VERSION,
    // Reads of the access log are audited too, on this subgraph's own chain.
    writeAccessEvents: (meta, events) => appendAccessEvents(execute, meta, events),
    ready: async () => {
      await execute('select 1', []);
    },
    createContext: (base) => {
      const em = forkEm(orm);
      const ability = defineAbilityFor(base.principal, base.purpose, { now: clock.now() });
      return { ...base, em, ability, settings };
    },
  });
}
