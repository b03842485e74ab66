import type { GraphQLSchema } from 'graphql';
import { createFieldGuard } from '../../../policies';
import { guardSchema } from '../../platform/graphql/field-guard';
import type { HotlineContext } from '../context';
import { builder } from './builder';
import './calendar';
import './case';
import './foreign-nodes';
import './history';
import './insight';
import './knowledge';
import './live';
import './locate';
import './lifecycle';
import './missed-calls';
import './queries';
import './settings';
import './regions';
import './stats';
import './unit';

let schema: GraphQLSchema | undefined;

/** The hotline subgraph schema, with every classified field behind the field guard. */
export function hotlineSchema(): GraphQLSchema {
  schema ??= guardSchema(
    builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
    createFieldGuard<HotlineContext>(),
  );
  return schema;
}
