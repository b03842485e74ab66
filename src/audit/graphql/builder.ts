import { createBuilder } from '../../platform/graphql/builder';
import type { AuditContext } from '../context';

export const builder = createBuilder<AuditContext>({ nodeQuery: false });

builder.queryType({});
