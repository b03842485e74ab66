import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
import './access-event';
import './anomalies';
import './chain';
import './export';

let schema: GraphQLSchema | undefined;

/** The auditors' subgraph schema: ids, field paths and decisions — never case content. */
export function auditSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}
