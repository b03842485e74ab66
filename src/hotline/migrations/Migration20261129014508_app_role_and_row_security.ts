import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, createAppRoleSql, grantAppRoleToOwnerSql } from '../../platform/db/app-role';

/**
 * Least privilege in the database itself (issue 4, point 2): the application role reads and writes
 * the hotline's tables but owns none, may only append to the case history, and sees the case table
 * through row-level security — the backstop behind the CASL policy. Each request declares its
 * principal in transaction-local settings (hub.role, hub.region, hub.unit, hub.vendor, hub.partner);
 * a connection that declares nothing sees no case at all.
 */
export class Migration20261129014508_app_role_and_row_security extends Migration {
  override async up(): Promise<void> {
    this.addSql(createAppRoleSql());
    this.addSql(grantAppRoleToOwnerSql());
    this.addSql(`grant usage on schema hotline to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update on all tables in schema hotline to ${APP_ROLE};`);
    this.addSql(`grant usage, select on all sequences in schema hotline to ${APP_ROLE};`);
    this.addSql(`revoke update, delete, truncate on hotline.case_event from ${APP_ROLE};`);
    this.addSql(`grant delete on hotline.malicious_caller to ${APP_ROLE};`);
    this.addSql(`
      create or replace function hotline.case_in_scope(region_path text[], assigned_unit_ids uuid[], vendor text, shared_with text[])
      returns boolean language sql stable as $$
        select case current_setting('hub.role', true)
          when 'SYSTEM' then true
          when 'OPERATOR' then region_path @> array[current_setting('hub.region', true)]
          when 'DISPATCHER' then region_path @> array[current_setting('hub.region', true)]
          when 'ANALYST' then region_path @> array[current_setting('hub.region', true)]
          when 'HANDLER' then assigned_unit_ids @> array[nullif(current_setting('hub.unit', true), '')::uuid]
          when 'CONTRACT_OPERATOR' then vendor = current_setting('hub.vendor', true)
          when 'PARTNER_AGENCY' then shared_with @> array[current_setting('hub.partner', true)]
          when 'PARTNER_SYSTEM' then shared_with @> array[current_setting('hub.partner', true)]
          else false
        end
      $$;`);
    this.addSql('alter table hotline."case" enable row level security;');
    this.addSql(`
      create policy case_scope on hotline."case" to ${APP_ROLE}
      using (hotline.case_in_scope(region_path, assigned_unit_ids, vendor, shared_with))
      with check (hotline.case_in_scope(region_path, assigned_unit_ids, vendor, shared_with));`);
  }
}
