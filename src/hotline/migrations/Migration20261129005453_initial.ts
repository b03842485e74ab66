import { Migration } from '@mikro-orm/migrations';

export class Migration20261129005453_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "hotline";`);
    this.addSql(`create table "hotline"."calendar_day" ("date" varchar(10) not null, "kind" text check ("kind" in ('HOLIDAY', 'WORKDAY')) not null, "name" varchar(64) null, constraint "calendar_day_pkey" primary key ("date"));`);

    this.addSql(`create table "hotline"."calendar_year" ("year" int not null, "source" varchar(128) not null, "loaded_at" timestamptz not null, constraint "calendar_year_pkey" primary key ("year"));`);

    this.addSql(`create table "hotline"."case" ("id" uuid not null, "number" varchar(40) not null, "channel" text check ("channel" in ('PHONE', 'MISSED_CALL_CALLBACK', 'WEB', 'APP', 'MINI_PROGRAM', 'MAILBOX', 'SMS', 'TRANSFER_110', 'SUPERVISION_LEAD', 'PETITION_REFERRAL', 'UTILITY')) not null, "desk" text check ("desk" in ('GENERAL', 'ENTERPRISE', 'DIALECT')) not null default 'GENERAL', "type" text check ("type" in ('CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'PRAISE')) not null, "urgency" text check ("urgency" in ('NORMAL', 'URGENT', 'VERY_URGENT')) not null, "disposition" text check ("disposition" in ('HANDLE', 'TRANSFER_EMERGENCY', 'INFORM_LEGAL_ROUTE', 'EXPLAIN', 'REFER_POLICE_MALICIOUS')) not null, "status" text check ("status" in ('REGISTERED', 'ANSWERED_DIRECTLY', 'PENDING_DISPATCH', 'DISPATCHED', 'SIGNED', 'RETURN_REQUESTED', 'REPLIED', 'SENT_BACK', 'FOLLOW_UP_PENDING', 'CLOSED', 'MERGED', 'TRANSFERRED_OUT', 'INFORMED_LEGAL_ROUTE', 'EXPLAINED', 'REFERRED_POLICE')) not null, "category_code" varchar(16) null, "title" varchar(200) not null, "description" text not null, "region_code" varchar(9) not null, "region_path" text[] not null, "township_code" varchar(9) null, "address" varchar(300) null, "grid" varchar(64) null, "occurred_at" timestamptz null, "caller_name" varchar(64) null, "caller_phone" varchar(32) null, "caller_id_number" varchar(32) null, "caller_enterprise_code" varchar(32) null, "caller_confidential" boolean not null default false, "caller_anonymous" boolean not null default false, "caller_whistleblower" boolean not null default false, "caller_callback_consent" boolean not null default false, "vendor" varchar(64) null, "intake_by" varchar(128) not null, "lead_unit_id" uuid null, "co_unit_ids" uuid[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', "sla_profile" varchar(32) null, "due_at" timestamptz null, "master_id" uuid null, "legal_route" text check ("legal_route" in ('LITIGATION', 'ARBITRATION', 'DISCIPLINE', 'ADMINISTRATIVE_RECONSIDERATION', 'INFORMATION_DISCLOSURE', 'ALREADY_IN_PETITION')) null, "explain_reason" text null, "emergency_line" text check ("emergency_line" in ('POLICE_110', 'FIRE_119', 'MEDICAL_120', 'TRAFFIC_122')) null, "idempotency_key" varchar(128) null, "payload_hash" varchar(64) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "closed_at" timestamptz null, constraint "case_pkey" primary key ("id"));`);
    this.addSql(`alter table "hotline"."case" add constraint "case_number_unique" unique ("number");`);
    this.addSql(`alter table "hotline"."case" add constraint "case_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "case_status_index" on "hotline"."case" ("status");`);
    this.addSql(`create index "case_created_at_id_index" on "hotline"."case" ("created_at", "id");`);
    this.addSql(`create index "case_lead_unit_id_index" on "hotline"."case" ("lead_unit_id");`);
    this.addSql(`create index "case_master_id_index" on "hotline"."case" ("master_id");`);
    this.addSql(`create index "case_category_code_region_code_index" on "hotline"."case" ("category_code", "region_code");`);

    this.addSql(`create table "hotline"."case_event" ("id" bigserial primary key, "case_id" uuid not null, "at" timestamptz not null, "actor_id" varchar(128) not null, "actor_role" varchar(32) not null, "actor_unit" uuid null, "action" varchar(48) not null, "from_status" varchar(32) null, "to_status" varchar(32) null, "note" text null, "data" jsonb null);`);
    this.addSql(`create index "case_event_case_id_at_index" on "hotline"."case_event" ("case_id", "at");`);

    this.addSql(`create table "hotline"."case_number_counter" ("prefix" varchar(32) not null, "last" int not null, constraint "case_number_counter_pkey" primary key ("prefix"));`);

    this.addSql(`create table "hotline"."catalog_entry" ("id" uuid not null, "category_code" varchar(16) not null, "region_code" varchar(9) not null, "lead_unit_id" uuid not null, "co_unit_ids" uuid[] not null default '{}', "sla_profile" varchar(32) not null, "legal_basis" text null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "version" int not null default 1, constraint "catalog_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "catalog_entry_category_code_region_code_valid_from_index" on "hotline"."catalog_entry" ("category_code", "region_code", "valid_from");`);

    this.addSql(`create table "hotline"."category" ("code" varchar(16) not null, "name" varchar(64) not null, "parent_code" varchar(16) null, "tier" varchar(1) not null default 'B', "line_department_item" boolean not null default false, "sla_profile" varchar(32) null, "utility" varchar(16) null, constraint "category_pkey" primary key ("code"));`);
    this.addSql(`create index "category_parent_code_index" on "hotline"."category" ("parent_code");`);

    this.addSql(`create table "hotline"."knowledge_item" ("id" uuid not null, "title" varchar(200) not null, "body" text not null, "category_code" varchar(16) null, "owner_unit_id" uuid not null, "region_code" varchar(9) null, "search_text" text not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "review_by" timestamptz null, "updated_at" timestamptz not null, constraint "knowledge_item_pkey" primary key ("id"));`);

    this.addSql(`create table "hotline"."region" ("code" varchar(9) not null, "name" varchar(64) not null, "level" text check ("level" in ('PROVINCE', 'CITY', 'DISTRICT', 'TOWNSHIP')) not null, "parent_code" varchar(9) null, "path" text[] not null, constraint "region_pkey" primary key ("code"));`);
    this.addSql(`create index "region_parent_code_index" on "hotline"."region" ("parent_code");`);

    this.addSql(`create table "hotline"."setting" ("key" varchar(64) not null, "value" jsonb not null, "updated_at" timestamptz not null, constraint "setting_pkey" primary key ("key"));`);

    this.addSql(`create table "hotline"."sla_profile" ("name" varchar(32) not null, "unit" text check ("unit" in ('WORKING_DAYS', 'HOURS', 'CALENDAR_DAYS')) not null, "amount" int not null, "description" varchar(200) not null, constraint "sla_profile_pkey" primary key ("name"));`);

    this.addSql(`create table "hotline"."unit" ("id" uuid not null, "name" varchar(128) not null, "kind" text check ("kind" in ('HOTLINE_CENTRE', 'LINE_DEPARTMENT', 'DISTRICT_GOVERNMENT', 'TOWNSHIP_GOVERNMENT', 'STREET_OFFICE', 'PUBLIC_UTILITY')) not null, "level" text check ("level" in ('PROVINCE', 'CITY', 'DISTRICT', 'TOWNSHIP')) not null, "region_code" varchar(9) not null, "parent_id" uuid null, constraint "unit_pkey" primary key ("id"));`);
    this.addSql(`create index "unit_region_code_index" on "hotline"."unit" ("region_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hotline"."calendar_day" cascade;`);

    this.addSql(`drop table if exists "hotline"."calendar_year" cascade;`);

    this.addSql(`drop table if exists "hotline"."case" cascade;`);

    this.addSql(`drop table if exists "hotline"."case_event" cascade;`);

    this.addSql(`drop table if exists "hotline"."case_number_counter" cascade;`);

    this.addSql(`drop table if exists "hotline"."catalog_entry" cascade;`);

    this.addSql(`drop table if exists "hotline"."category" cascade;`);

    this.addSql(`drop table if exists "hotline"."knowledge_item" cascade;`);

    this.addSql(`drop table if exists "hotline"."region" cascade;`);

    this.addSql(`drop table if exists "hotline"."setting" cascade;`);

    this.addSql(`drop table if exists "hotline"."sla_profile" cascade;`);

    this.addSql(`drop table if exists "hotline"."unit" cascade;`);

    this.addSql(`drop schema if exists "hotline";`);
  }

}
