import { encodeGlobalID } from '@pothos/plugin-relay';
import type { SubjectName } from '../../../policies';
import { createBuilder } from '../../platform/graphql/builder';
import type { HotlineContext } from '../context';

/** Node types owned by other subgraphs, which `node(id:)` (served here) must still answer (foreign-nodes.ts). */
export const FOREIGN_NODE_TYPES: ReadonlySet<string> = new Set(['Transfer', 'AccessEvent']);

export const builder = createBuilder<HotlineContext>({
  nodeQuery: {
    // A foreign node is answered as a reference only for principals who may read some of that type;
    // the owning subgraph then applies its row policy to the record itself.
    resolve: (id, ctx, resolveNode) =>
      FOREIGN_NODE_TYPES.has(id.typename)
        ? ctx.ability.can('read', id.typename as SubjectName)
          ? { __foreign: id.typename, id: encodeGlobalID(id.typename, id.id) }
          : null
        : resolveNode(),
  },
});
