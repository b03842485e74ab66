import { Migration } from '@mikro-orm/migrations';

export class Migration20261129040058_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "supervision";`);
    this.addSql(`create table "supervision"."outbox" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(64) not null, "key" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "delivered_at" timestamptz null, "dead_at" timestamptz null);`);
    this.addSql(`alter table "supervision"."outbox" add constraint "outbox_id_unique" unique ("id");`);
    this.addSql(`create index "supervision_outbox_pending_idx" on "supervision"."outbox" ("key", "seq");`);

    this.addSql(`create table "supervision"."lead" ("id" uuid not null, "partner" varchar(32) not null default 'supervision', "lead_ref" varchar(64) not null, "kind" text check ("kind" in ('POLICY_NOT_IMPLEMENTED', 'INACTION', 'MISCONDUCT', 'SUGGESTION')) not null, "priority" text check ("priority" in ('NORMAL', 'IMPORTANT', 'URGENT')) not null, "due_at" timestamptz not null, "region" varchar(9) not null, "category_code" varchar(16) null, "title" varchar(200) not null, "status" text check ("status" in ('RECEIVED', 'REGISTERED', 'LINKED', 'REPLIED', 'CONCLUDED')) not null, "case_id" uuid null, "case_number" varchar(40) null, "linked" boolean not null default false, "case_status" varchar(32) null, "overdue_raised_at" timestamptz null, "last_reported" varchar(16) null, "received_at" timestamptz not null, "updated_at" timestamptz not null, "region_path" text[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', constraint "lead_pkey" primary key ("id"));`);
    this.addSql(`alter table "supervision"."lead" add constraint "lead_lead_ref_unique" unique ("lead_ref");`);
    this.addSql(`create index "lead_case_id_index" on "supervision"."lead" ("case_id");`);
    this.addSql(`create index "lead_due_at_index" on "supervision"."lead" ("due_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "supervision"."outbox" cascade;`);

    this.addSql(`drop table if exists "supervision"."lead" cascade;`);

    this.addSql(`drop schema if exists "supervision";`);
  }

}
