import type { AppAbility } from '../../policies';
import type { EntityManager } from '../platform/db/orm';
import type { RequestContext } from '../platform/graphql/context';
import type { HotlineLoaders } from './loaders';
import type { HotlineRuntime } from './runtime';

/** The hotline subgraph's per-request context: its own EntityManager, ability and loaders. */
export type HotlineContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  loaders: HotlineLoaders;
  runtime: HotlineRuntime;
};
