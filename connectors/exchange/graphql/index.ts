import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
import './transfer';

let schema: GraphQLSchema | undefined;

export function exchangeSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}
