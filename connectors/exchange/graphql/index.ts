import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
import './transfer';
import './mutations';
import './subscription';
import './exchange-log';

let schema: GraphQLSchema | undefined;

export function exchangeSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}
