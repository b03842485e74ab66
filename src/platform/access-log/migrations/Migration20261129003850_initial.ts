import { Migration } from '@mikro-orm/migrations';

export class Migration20261129003850_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "audit";`);
    this.addSql(`create table "audit"."access_event" ("id" uuid not null, "chain" varchar(32) not null, "seq" bigint not null, "at" timestamptz not null, "request_id" varchar(64) not null, "principal_id" varchar(128) not null, "role" varchar(32) not null, "unit" varchar(64) null, "region" varchar(9) null, "vendor" varchar(64) null, "partner" varchar(32) null, "purpose" varchar(16) null, "operation" varchar(128) null, "document_hash" varchar(64) null, "subject_type" varchar(32) not null, "subject_id" varchar(64) not null, "fields" jsonb not null, "policy_version" varchar(32) not null, "client_address" varchar(64) null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "access_event_pkey" primary key ("id"));`);
    this.addSql(`create index "access_event_at_index" on "audit"."access_event" ("at");`);
    this.addSql(`create index "access_event_principal_id_at_index" on "audit"."access_event" ("principal_id", "at");`);
    this.addSql(`create index "access_event_subject_id_at_index" on "audit"."access_event" ("subject_id", "at");`);
    this.addSql(`alter table "audit"."access_event" add constraint "access_event_chain_seq_unique" unique ("chain", "seq");`);

    this.addSql(`create table "audit"."chain_head" ("chain" varchar(32) not null, "seq" bigint not null, "hash" varchar(64) not null, constraint "chain_head_pkey" primary key ("chain"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit"."access_event" cascade;`);

    this.addSql(`drop table if exists "audit"."chain_head" cascade;`);

    this.addSql(`drop schema if exists "audit";`);
  }

}
