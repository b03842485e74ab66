import { Migration } from '@mikro-orm/migrations';

export class Migration20261129040047_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "petition";`);
    this.addSql(`create table "petition"."outbox" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(64) not null, "key" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "delivered_at" timestamptz null, "dead_at" timestamptz null);`);
    this.addSql(`alter table "petition"."outbox" add constraint "outbox_id_unique" unique ("id");`);
    this.addSql(`create index "petition_outbox_pending_idx" on "petition"."outbox" ("key", "seq");`);

    this.addSql(`create table "petition"."channel_check" ("id" uuid not null, "partner" varchar(32) not null default 'petition', "case_id" uuid null, "case_number" varchar(40) null, "outcome" text check ("outcome" in ('MATCHED', 'NO_MATCH', 'UNAVAILABLE')) not null, "region" varchar(6) not null, "category" varchar(16) null, "window_from" timestamptz not null, "window_to" timestamptz not null, "matches" jsonb not null default '[]', "error" varchar(200) null, "checked_at" timestamptz not null, "checked_by" varchar(128) not null, "region_path" text[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', constraint "channel_check_pkey" primary key ("id"));`);
    this.addSql(`create index "channel_check_case_id_index" on "petition"."channel_check" ("case_id");`);

    this.addSql(`create table "petition"."referral" ("id" uuid not null, "partner" varchar(32) not null default 'petition', "petition_ref" varchar(64) not null, "case_id" uuid null, "case_number" varchar(40) null, "status" text check ("status" in ('RECEIVED', 'REGISTERED', 'LINKED', 'REPORTED')) not null, "category" varchar(16) null, "region" varchar(9) not null, "title" varchar(200) not null, "last_reported" varchar(8) null, "received_at" timestamptz not null, "updated_at" timestamptz not null, "region_path" text[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', constraint "referral_pkey" primary key ("id"));`);
    this.addSql(`alter table "petition"."referral" add constraint "referral_petition_ref_unique" unique ("petition_ref");`);
    this.addSql(`create index "referral_case_id_index" on "petition"."referral" ("case_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "petition"."outbox" cascade;`);

    this.addSql(`drop table if exists "petition"."channel_check" cascade;`);

    this.addSql(`drop table if exists "petition"."referral" cascade;`);

    this.addSql(`drop schema if exists "petition";`);
  }

}
