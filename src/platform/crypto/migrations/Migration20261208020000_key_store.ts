import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, createAppRoleSql, grantAppRoleToOwnerSql } from '../../db/app-role';

/**
 * The data keys (wrapped by a KEK the database never holds) and the re-encryption jobs' progress.
 * The application role may create, use, retire and destroy keys, never delete a key record: a
 * destroyed key stays as a tombstone (no key material), so a value under it reads as erased, not
 * as damaged.
 */
export class Migration20261208020000_key_store extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table crypto.data_key (
      id text primary key check (id ~ '^[A-Za-z0-9_-]{1,64}$'),
      scope text not null,
      alg text not null,
      kek_id text,
      wrapped text,
      state text not null check (state in ('active', 'retired', 'destroyed')),
      created_at timestamptz not null,
      retired_at timestamptz,
      destroyed_at timestamptz,
      destroyed_reason text,
      check ((state = 'destroyed') = (wrapped is null)),
      check ((wrapped is null) = (kek_id is null))
    );`);
    this.addSql(`create unique index data_key_one_active on crypto.data_key (scope, alg) where state = 'active';`);
    this.addSql(`create index data_key_scope on crypto.data_key (scope);`);
    this.addSql(`create index data_key_kek on crypto.data_key (kek_id) where wrapped is not null;`);
    this.addSql(`create table crypto.reencryption_job (
      name text primary key,
      target jsonb not null,
      state text not null check (state in ('running', 'stopped', 'failed', 'done')),
      cursor text,
      total bigint not null default 0,
      processed bigint not null default 0,
      rewritten bigint not null default 0,
      erased bigint not null default 0,
      last_error text,
      started_at timestamptz not null,
      updated_at timestamptz not null,
      finished_at timestamptz
    );`);
    this.addSql(createAppRoleSql());
    this.addSql(grantAppRoleToOwnerSql());
    this.addSql(`grant usage on schema crypto to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update on crypto.data_key, crypto.reencryption_job to ${APP_ROLE};`);
    this.addSql(`revoke delete, truncate on crypto.data_key from ${APP_ROLE};`);
  }
}
