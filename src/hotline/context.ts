import type { AppAbility } from '../../policies';
import type { EntityManager } from '../platform/db/orm';
import type { RequestContext } from '../platform/graphql/context';
import type { HotlinePubSub } from './live';
import type { HotlineLoaders } from './loaders';
import type { HotlineRuntime } from './runtime';

/** The hotline subgraph's per-request context: its own EntityManager, ability and loaders. */
export type HotlineContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  loaders: HotlineLoaders;
  runtime: HotlineRuntime;
  /** Absent in system contexts (jobs acting for the hotline), which serve no subscription. */
  live?: {
    pubsub: HotlinePubSub;
    /**
     * For each event of a subscription: a fresh EntityManager and loaders in a transaction of
     * their own, with the principal declared for row-level security. Returns its end.
     */
    renew(ctx: HotlineContext): Promise<() => Promise<void>>;
  };
};
