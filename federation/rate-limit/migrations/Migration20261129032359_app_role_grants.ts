import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, createAppRoleSql, grantAppRoleToOwnerSql } from '../../../src/platform/db/app-role';

/** The gateway's rate-limit counters are kept by the application role, which does not own them. */
export class Migration20261129032359_app_role_grants extends Migration {
  override async up(): Promise<void> {
    this.addSql(createAppRoleSql());
    this.addSql(grantAppRoleToOwnerSql());
    this.addSql(`grant usage on schema gateway to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update, delete on all tables in schema gateway to ${APP_ROLE};`);
  }
}
