import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import type { RequestContext } from './context';
import { badInput } from './errors';
import { DateTimeScalar } from './scalars';

export type HubSchemaTypes<Context extends RequestContext> = {
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
  };
};

/**
 * The one builder factory every subgraph uses (docs/style.md, from Pothos): same plugins in the same
 * order (federation last), same scalars, non-null by default, Relay connections with String cursors.
 */
export type NodeQueryResolver<Context> = (
  id: { typename: string; id: string },
  ctx: Context,
  resolveNode: () => Promise<unknown>,
) => Promise<unknown> | unknown;

export function createBuilder<Context extends RequestContext>(options: { nodeQuery: false | { resolve?: NodeQueryResolver<Context> } }) {
  const builder = new SchemaBuilder<HubSchemaTypes<Context>>({
    plugins: [RelayPlugin, DataloaderPlugin, DirectivePlugin, FederationPlugin],
    defaultFieldNullability: false,
    relay: {
      cursorType: 'String',
      edgeCursorType: 'String',
      pageInfoCursorType: 'String',
      clientMutationId: 'omit',
      // PageInfo is defined in every subgraph that paginates; identical, so shared.
      pageInfoTypeOptions: { shareable: true },
      nodeQueryOptions:
        options.nodeQuery === false
          ? false
          : options.nodeQuery.resolve
            ? { resolve: (_root, args, ctx, _info, resolveNode) => options.nodeQuery && options.nodeQuery.resolve!(args.id, ctx, () => Promise.resolve(resolveNode(args.id))) }
            : {},
      nodesQueryOptions: false,
      // An id that does not decode is the client's mistake, not the server's: BAD_USER_INPUT.
      decodeGlobalID: (globalId) => {
        try {
          return decodeGlobalID(globalId);
        } catch {
          throw badInput('id', 'is not an id returned by this API');
        }
      },
    },
  });
  builder.addScalarType('DateTime', DateTimeScalar);
  return builder;
}
