import { Migration } from '@mikro-orm/migrations';

export class Migration20261129012556_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hotline"."dispatch_objection" ("id" uuid not null, "case_id" uuid not null, "unit_id" uuid not null, "reason" text check ("reason" in ('WRONG_AREA', 'WRONG_REMIT', 'UNCLEAR_OWNERSHIP', 'OVERLAPPING_REMITS', 'OUT_OF_SCOPE')) not null, "note" text not null, "from_status" varchar(32) not null, "requested_at" timestamptz not null, "requested_by" varchar(128) not null, "decision" text check ("decision" in ('UPHELD', 'REJECTED')) null, "reviewed_at" timestamptz null, "reviewed_by" varchar(128) null, "review_note" text null, "new_lead_unit_id" uuid null, constraint "dispatch_objection_pkey" primary key ("id"));`);
    this.addSql(`create index "dispatch_objection_case_id_requested_at_index" on "hotline"."dispatch_objection" ("case_id", "requested_at");`);

    this.addSql(`create table "hotline"."extension_request" ("id" uuid not null, "case_id" uuid not null, "unit_id" uuid not null, "working_days" int not null, "note" text not null, "requested_at" timestamptz not null, "requested_by" varchar(128) not null, "decision" text check ("decision" in ('APPROVED', 'REJECTED')) null, "reviewed_at" timestamptz null, "reviewed_by" varchar(128) null, "previous_due_at" timestamptz null, "new_due_at" timestamptz null, constraint "extension_request_pkey" primary key ("id"));`);
    this.addSql(`create index "extension_request_case_id_requested_at_index" on "hotline"."extension_request" ("case_id", "requested_at");`);

    this.addSql(`create table "hotline"."follow_up" ("id" uuid not null, "case_id" uuid not null, "at" timestamptz not null, "by" varchar(128) not null, "reached" boolean not null, "resolved" boolean null, "satisfaction" text check ("satisfaction" in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')) null, "note" text null, constraint "follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "follow_up_case_id_at_index" on "hotline"."follow_up" ("case_id", "at");`);

    this.addSql(`create table "hotline"."malicious_caller" ("phone_hash" varchar(64) not null, "case_id" uuid not null, "added_at" timestamptz not null, "added_by" varchar(128) not null, constraint "malicious_caller_pkey" primary key ("phone_hash"));`);

    this.addSql(`create table "hotline"."missed_call" ("id" uuid not null, "phone" varchar(32) not null, "phone_hash" varchar(64) not null, "called_at" timestamptz not null, "line" varchar(32) not null, "region_code" varchar(9) not null, "vendor" varchar(64) null, "status" text check ("status" in ('PENDING', 'CALLED_BACK', 'UNREACHABLE')) not null, "attempts" int not null default 0, "last_attempt_at" timestamptz null, "called_back_by" varchar(128) null, "case_id" uuid null, "note" text null, constraint "missed_call_pkey" primary key ("id"));`);
    this.addSql(`create index "missed_call_status_called_at_index" on "hotline"."missed_call" ("status", "called_at");`);

    this.addSql(`create table "hotline"."outbox" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(64) not null, "key" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "delivered_at" timestamptz null, "dead_at" timestamptz null);`);
    this.addSql(`alter table "hotline"."outbox" add constraint "outbox_id_unique" unique ("id");`);
    this.addSql(`create index "hotline_outbox_pending_idx" on "hotline"."outbox" ("key", "seq");`);

    this.addSql(`create table "hotline"."supervision" ("id" uuid not null, "case_id" uuid not null, "kind" text check ("kind" in ('REMINDER', 'SUPERVISION', 'LISTED', 'ESCALATION')) not null, "trigger" text check ("trigger" in ('MANUAL', 'OVERDUE', 'DISSATISFIED_AFTER_REOPEN', 'SENT_BACK_REPEATEDLY', 'NO_LEAD_UNIT')) not null, "cycle" int not null default 0, "note" text not null, "at" timestamptz not null, "by" varchar(128) not null, constraint "supervision_pkey" primary key ("id"));`);
    this.addSql(`create index "supervision_case_id_at_index" on "hotline"."supervision" ("case_id", "at");`);

    this.addSql(`alter table "hotline"."case" add column "search_text" text not null default '', add column "caller_phone_hash" varchar(64) null, add column "knowledge_item_id" uuid null, add column "answer_text" text null, add column "dispatched_at" timestamptz null, add column "signed_at" timestamptz null, add column "return_deadline" timestamptz null, add column "replied_at" timestamptz null, add column "reply_result" text check ("reply_result" in ('RESOLVED', 'PARTIALLY_RESOLVED', 'EXPLAINED', 'FINAL_REPLY')) null, add column "reply_text" text null, add column "follow_up_due_at" timestamptz null, add column "follow_up_attempts" int not null default 0, add column "follow_up_resolved" boolean null, add column "satisfaction" text check ("satisfaction" in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')) null, add column "reopen_count" int not null default 0, add column "send_back_count" int not null default 0, add column "units_tried" uuid[] not null default '{}', add column "extension_count" int not null default 0, add column "supervision_level" text check ("supervision_level" in ('REMINDER', 'SUPERVISION', 'LISTED', 'ESCALATION')) null, add column "close_reason" varchar(32) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hotline"."dispatch_objection" cascade;`);

    this.addSql(`drop table if exists "hotline"."extension_request" cascade;`);

    this.addSql(`drop table if exists "hotline"."follow_up" cascade;`);

    this.addSql(`drop table if exists "hotline"."malicious_caller" cascade;`);

    this.addSql(`drop table if exists "hotline"."missed_call" cascade;`);

    this.addSql(`drop table if exists "hotline"."outbox" cascade;`);

    this.addSql(`drop table if exists "hotline"."supervision" cascade;`);

    this.addSql(`alter table "hotline"."case" drop column "search_text", drop column "caller_phone_hash", drop column "knowledge_item_id", drop column "answer_text", drop column "dispatched_at", drop column "signed_at", drop column "return_deadline", drop column "replied_at", drop column "reply_result", drop column "reply_text", drop column "follow_up_due_at", drop column "follow_up_attempts", drop column "follow_up_resolved", drop column "satisfaction", drop column "reopen_count", drop column "send_back_count", drop column "units_tried", drop column "extension_count", drop column "supervision_level", drop column "close_reason";`);
  }

}
