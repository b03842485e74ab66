import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, createAppRoleSql, grantAppRoleToOwnerSql } from '../../../src/platform/db/app-role';

/** The application role uses the exchange's tables without owning them. */
export class Migration20261129014520_app_role_grants extends Migration {
  override async up(): Promise<void> {
    this.addSql(createAppRoleSql());
    this.addSql(grantAppRoleToOwnerSql());
    this.addSql(`grant usage on schema exchange to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update on all tables in schema exchange to ${APP_ROLE};`);
    this.addSql(`grant usage, select on all sequences in schema exchange to ${APP_ROLE};`);
  }
}
