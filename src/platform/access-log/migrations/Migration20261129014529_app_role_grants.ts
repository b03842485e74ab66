import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, createAppRoleSql, grantAppRoleToOwnerSql } from '../../db/app-role';

/**
 * The access log is append-only for the application role: it may read the log and append to it
 * through `audit.append_access_events` (SECURITY DEFINER), and nothing else — no INSERT of its own,
 * no UPDATE, DELETE or TRUNCATE, no purge.
 */
export class Migration20261129014529_app_role_grants extends Migration {
  override async up(): Promise<void> {
    this.addSql(createAppRoleSql());
    this.addSql(grantAppRoleToOwnerSql());
    this.addSql(`grant usage on schema audit to ${APP_ROLE};`);
    this.addSql(`grant select on all tables in schema audit to ${APP_ROLE};`);
    this.addSql(`revoke insert, update, delete, truncate on all tables in schema audit from ${APP_ROLE};`);
    this.addSql('revoke execute on function audit.purge_access_events(timestamptz, text) from public;');
    this.addSql(`grant execute on function audit.append_access_events(text, jsonb), audit.chain_links(timestamptz, timestamptz), audit.event_json(audit.access_event), audit.event_digest(audit.access_event) to ${APP_ROLE};`);
  }
}
