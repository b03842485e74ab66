import type { AppAbility } from '../../policies';
import type { AuditSettings } from '../platform/config';
import type { EntityManager } from '../platform/db/orm';
import type { RequestContext } from '../platform/graphql/context';

/** The auditors' subgraph per-request context: its own EntityManager on the audit schema, and ability. */
export type AuditContext = RequestContext & {
  em: EntityManager;
  ability: AppAbility;
  settings: AuditSettings;
};
