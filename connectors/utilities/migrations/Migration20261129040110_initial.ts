import { Migration } from '@mikro-orm/migrations';

export class Migration20261129040110_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "utilities";`);
    this.addSql(`create table "utilities"."fault_order" ("id" uuid not null, "partner" varchar(32) not null, "utility" text check ("utility" in ('water', 'power', 'gas', 'heating')) not null, "external_ref" varchar(64) null, "status" text check ("status" in ('PENDING', 'SENT', 'ACCEPTED', 'ARRIVED', 'RESTORED', 'REPLIED', 'REJECTED', 'FAILED', 'COVERED_BY_OUTAGE')) not null, "region" varchar(9) not null, "township" varchar(9) null, "category_code" varchar(16) not null, "outage_id" uuid null, "child_count" int not null default 0, "promised_arrival_at" timestamptz null, "arrived_at" timestamptz null, "restored_at" timestamptz null, "reply" text null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "region_path" text[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', constraint "fault_order_pkey" primary key ("id"));`);
    this.addSql(`create index "fault_order_utility_region_status_index" on "utilities"."fault_order" ("utility", "region", "status");`);
    this.addSql(`alter table "utilities"."fault_order" add constraint "fault_order_partner_external_ref_unique" unique ("partner", "external_ref");`);

    this.addSql(`create table "utilities"."fault_order_case" ("id" uuid not null, "partner" varchar(32) not null, "order_id" uuid not null, "case_id" uuid not null, "case_number" varchar(40) not null, "attached_at" timestamptz not null, "region_path" text[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', constraint "fault_order_case_pkey" primary key ("id"));`);
    this.addSql(`alter table "utilities"."fault_order_case" add constraint "fault_order_case_case_id_unique" unique ("case_id");`);
    this.addSql(`create index "fault_order_case_order_id_index" on "utilities"."fault_order_case" ("order_id");`);

    this.addSql(`create table "utilities"."outage" ("id" uuid not null, "partner" varchar(32) not null, "utility" text check ("utility" in ('water', 'power', 'gas', 'heating')) not null, "external_ref" varchar(64) not null, "kind" text check ("kind" in ('PLANNED', 'CURRENT')) not null, "region" varchar(6) not null, "townships" text[] not null default '{}', "region_path" text[] not null default '{}', "starts_at" timestamptz not null, "ends_at" timestamptz null, "reason" varchar(300) not null, "cancelled" boolean not null default false, "published_at" timestamptz not null, "updated_at" timestamptz not null, constraint "outage_pkey" primary key ("id"));`);
    this.addSql(`create index "outage_region_starts_at_index" on "utilities"."outage" ("region", "starts_at");`);
    this.addSql(`alter table "utilities"."outage" add constraint "outage_partner_external_ref_unique" unique ("partner", "external_ref");`);

    this.addSql(`create table "utilities"."outbox" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(64) not null, "key" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "delivered_at" timestamptz null, "dead_at" timestamptz null);`);
    this.addSql(`alter table "utilities"."outbox" add constraint "outbox_id_unique" unique ("id");`);
    this.addSql(`create index "utilities_outbox_pending_idx" on "utilities"."outbox" ("key", "seq");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "utilities"."fault_order" cascade;`);

    this.addSql(`drop table if exists "utilities"."fault_order_case" cascade;`);

    this.addSql(`drop table if exists "utilities"."outage" cascade;`);

    this.addSql(`drop table if exists "utilities"."outbox" cascade;`);

    this.addSql(`drop schema if exists "utilities";`);
  }

}
