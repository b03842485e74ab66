import { encodeGlobalID } from '@pothos/plugin-relay';
import type { SubjectName } from '../../../policies';
import { createBuilder } from '../../platform/graphql/builder';
import { badInput } from '../../platform/graphql/errors';
import type { HotlineContext } from '../context';

/** Node types owned by other subgraphs, which `node(id:)` (served here) must still answer (foreign-nodes.ts). */
export const FOREIGN_NODE_TYPES: ReadonlySet<string> = new Set(['Transfer', 'AccessEvent']);

/** Node types of this subgraph. */
const OWN_NODE_TYPES: ReadonlySet<string> = new Set(['Case', 'Unit', 'MissedCall']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const builder = createBuilder<HotlineContext>({
  nodeQuery: {
    // An id of no node type of the API, or without a uuid, is a bad id (BAD_USER_INPUT); a
    // well-formed id of a record the caller may not see reads as null, like a missing one.
    // A foreign node is answered as a reference only for principals who may read some of that type;
    // the owning subgraph then applies its row policy to the record itself.
    resolve: (id, ctx, resolveNode) => {
      const known = OWN_NODE_TYPES.has(id.typename) || FOREIGN_NODE_TYPES.has(id.typename);
      if (!known || !UUID.test(id.id)) throw badInput('id', 'is not an id returned by this API');
      if (!FOREIGN_NODE_TYPES.has(id.typename)) return resolveNode();
      return ctx.ability.can('read', id.typename as SubjectName) ? { __foreign: id.typename, id: encodeGlobalID(id.typename, id.id) } : null;
    },
  },
});
