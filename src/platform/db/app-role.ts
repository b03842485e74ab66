/**
 * The application's database role. Migrations run as the owner of the schemas; the running hub
 * switches every pooled connection to this role (SET ROLE), which owns nothing: it cannot alter
 * tables, it is subject to row-level security, and what it may do is granted table by table in each
 * module's migrations (the access log, for instance, is append-only for it).
 */
export const APP_ROLE = 'hub_app';

/** Idempotent, and safe when two databases of one cluster migrate at once (roles are cluster-wide). */
export function createAppRoleSql(): string {
  return `do $$ begin
    if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
      create role ${APP_ROLE} nologin;
    end if;
  exception when duplicate_object or unique_violation then null;
  end $$;`;
}

/** Lets the current user (the migrating owner) SET ROLE to the application role. */
export function grantAppRoleToOwnerSql(): string {
  return `do $$ begin
    execute format('grant ${APP_ROLE} to %I', current_user);
  exception when others then null;
  end $$;`;
}
