import { Migration } from '@mikro-orm/migrations';
import { outboxNotifySql } from '../../kit/outbox';
import { APP_ROLE, createAppRoleSql, grantAppRoleToOwnerSql } from '../../../src/platform/db/app-role';

/** The application role uses the supervision connector's tables without owning them; the outbox wakes its workers. */
export class Migration20261129040200_app_role_grants extends Migration {
  override async up(): Promise<void> {
    this.addSql(createAppRoleSql());
    this.addSql(grantAppRoleToOwnerSql());
    for (const sql of outboxNotifySql('supervision')) this.addSql(sql);
    this.addSql(`grant usage on schema supervision to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update on all tables in schema supervision to ${APP_ROLE};`);
    this.addSql(`grant usage, select on all sequences in schema supervision to ${APP_ROLE};`);
  }
}
