import { defineAbilityFor, POLICY_VERSION } from '../../policies';
import { appendAccessEvents } from '../platform/access-log/store';
import type { Clock } from '../platform/clock';
import { beginTransaction, forkEm, type EntityManager, type Orm } from '../platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../platform/identity/assertion';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import { calendarWarning } from './calendar-admin';
import type { HotlineContext } from './context';
import type { HotlinePubSub } from './live';
import { hotlineSchema } from './graphql';
import { createLoaders } from './loaders';
import type { HotlineRuntime } from './runtime';

export type HotlineSubgraphDeps = {
  orm: Orm;
  /** Live events across processes (subscriptions); see live.ts. */
  pubsub: HotlinePubSub;
  verifyAssertion: AssertionVerifier;
  clock: Clock;
  log: Logger;
  runtime: HotlineRuntime;
};

/** The principal, declared for row-level security: PostgreSQL filters the case table on its own. */
async function declarePrincipal(em: EntityManager, p: Principal): Promise<void> {
  await em.execute(
    `select set_config('hub.role', ?, true), set_config('hub.region', ?, true), set_config('hub.unit', ?, true),
            set_config('hub.vendor', ?, true), set_config('hub.partner', ?, true)`,
    [p.role, p.region ?? '', p.unit ?? '', p.vendor ?? '', p.partner ?? ''],
  );
}

/** The hotline subgraph: cases, units, catalog, lifecycle. */
export function createHotlineSubgraph({ orm, pubsub, verifyAssertion, clock, log, runtime }: HotlineSubgraphDeps): SubgraphServer {
  const execute = (sql: string, params: unknown[]) => orm.em.getConnection().execute(sql, params);
  return createSubgraphServer<HotlineContext>({
    name: 'hotline',
    schema: hotlineSchema(),
    verifyAssertion,
    clock,
    log,
    policyVersion: POLICY_VERSION,
    // In the request's transaction, on its connection: the events commit with the request, and a
    // request never needs a second pooled connection (which deadlocked the pool under load).
    writeAccessEvents: (meta, events, ctx) => appendAccessEvents((sql, params) => ctx.em.execute(sql, params), meta, events),
    ready: async () => {
      await execute('select 1', []);
      const warning = calendarWarning(await runtime.calendarGaps());
      return warning ? { warnings: [warning] } : undefined;
    },
    transaction: {
      // The principal, declared for row-level security: PostgreSQL filters the case table on its own.
      async begin(ctx) {
        await beginTransaction(ctx.em);
        await declarePrincipal(ctx.em, ctx.principal);
      },
      async end(ctx, commit, readOnly) {
        if (!commit) return ctx.em.rollback();
        // A query changes nothing through the unit of work (its access events are plain SQL on
        // this transaction): forgetting the loaded entities spares the flush's change detection
        // over every one of them (~3 % of the hotline's CPU on a page of cases; issue 7).
        if (readOnly) ctx.em.clear();
        return ctx.em.commit();
      },
    },
    createContext: (base) => {
      const em = forkEm(orm);
      const ability = defineAbilityFor(base.principal, base.purpose, { now: clock.now() });
      const ctx: HotlineContext = {
        ...base,
        em,
        ability,
        runtime,
        loaders: createLoaders(em, ability, runtime),
        live: {
          pubsub,
          // The context graphql receives is a copy of this object (yoga merges it into its own), so
          // the caller passes it in.
          async renew(target) {
            const fresh = forkEm(orm);
            await beginTransaction(fresh);
            try {
              await declarePrincipal(fresh, base.principal);
            } catch (error) {
              await fresh.rollback();
              throw error;
            }
            target.em = fresh;
            target.loaders = createLoaders(fresh, ability, runtime);
            return () => fresh.commit();
          },
        },
      };
      return ctx;
    },
  });
}
