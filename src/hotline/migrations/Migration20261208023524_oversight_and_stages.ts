import { Migration } from '@mikro-orm/migrations';

/**
 * The case lifecycle as a 12345 centre runs it (issue 22):
 * - the signing window (响应) apart from the objection window, the hotline's own stage limits, and
 *   counters of late signings and late replies that later cycles cannot erase;
 * - co-units sign and give their opinion for themselves (co_unit_task);
 * - automatic oversight fires once per condition (condition_key, unique per case and trigger);
 * - SLA profiles: minutes, a signing window of their own, VERY_URGENT (2 hours) and URGENT (24 hours)
 *   — the URGENT row is changed only where it still holds the former default (2 hours);
 * - every case that ended at intake gets closedAt (when it ended) and a close reason, so that
 *   contact-data retention reaches it; settings nothing reads any more are removed.
 * (The generator also proposed dropping the hand-made indexes and the unit-order table: not taken.)
 */
export class Migration20261208023524_oversight_and_stages extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hotline"."co_unit_task" ("id" uuid not null, "case_id" uuid not null, "unit_id" uuid not null, "signed_at" timestamptz null, "signed_by" varchar(128) null, "opinion" text null, "opinion_at" timestamptz null, "opinion_by" varchar(128) null, constraint "co_unit_task_pkey" primary key ("id"));`);
    this.addSql(`alter table "hotline"."co_unit_task" add constraint "co_unit_task_case_unit_unique" unique ("case_id", "unit_id");`);

    this.addSql(`alter table "hotline"."case" add column "response_due_at" timestamptz null, add column "stage_due_at" timestamptz null, add column "late_signings" int not null default 0, add column "late_replies" int not null default 0;`);
    this.addSql(`update "hotline"."case" set "response_due_at" = "return_deadline" where "return_deadline" is not null;`);
    this.addSql(`update "hotline"."case" c set
      "closed_at" = coalesce((select min(e."at") from "hotline"."case_event" e where e."case_id" = c."id" and e."to_status" = c."status"), c."updated_at"),
      "close_reason" = case c."status" when 'ANSWERED_DIRECTLY' then 'ANSWERED_DIRECTLY' when 'INFORMED_LEGAL_ROUTE' then 'LEGAL_ROUTE' when 'EXPLAINED' then 'EXPLAINED'
        when 'TRANSFERRED_OUT' then 'TRANSFERRED_OUT' when 'REFERRED_POLICE' then 'REFERRED_POLICE' end
      where c."status" in ('ANSWERED_DIRECTLY', 'INFORMED_LEGAL_ROUTE', 'EXPLAINED', 'TRANSFERRED_OUT', 'REFERRED_POLICE') and c."closed_at" is null;`);

    this.addSql(`alter table "hotline"."sla_profile" drop constraint if exists "sla_profile_unit_check";`);
    this.addSql(`alter table "hotline"."sla_profile" add constraint "sla_profile_unit_check" check("unit" in ('MINUTES', 'HOURS', 'WORKING_DAYS', 'CALENDAR_DAYS'));`);
    this.addSql(`alter table "hotline"."sla_profile" add column "return_window_unit" text check ("return_window_unit" in ('MINUTES', 'HOURS', 'WORKING_DAYS', 'CALENDAR_DAYS')) null, add column "return_window_amount" int null;`);
    this.addSql(`insert into "hotline"."sla_profile" ("name", "unit", "amount", "description", "return_window_unit", "return_window_amount")
      values ('VERY_URGENT', 'HOURS', 2, '特急诉求：30 分钟内签收，2 小时内处置', 'MINUTES', 30) on conflict ("name") do nothing;`);
    this.addSql(`update "hotline"."sla_profile" set "amount" = 24, "description" = '紧急诉求：2 小时内签收，24 小时内处置', "return_window_unit" = 'HOURS', "return_window_amount" = 2
      where "name" = 'URGENT' and "unit" = 'HOURS' and "amount" = 2;`);
    this.addSql(`update "hotline"."sla_profile" set "return_window_unit" = 'HOURS', "return_window_amount" = 2 where "name" = 'UTILITY_FAULT' and "return_window_unit" is null;`);

    this.addSql(`alter table "hotline"."supervision" drop constraint if exists "supervision_trigger_check";`);
    this.addSql(`alter table "hotline"."supervision" add constraint "supervision_trigger_check" check("trigger" in ('MANUAL', 'OVERDUE', 'DISSATISFIED_AFTER_REOPEN', 'SENT_BACK_REPEATEDLY', 'NO_LEAD_UNIT', 'PASSED_AROUND', 'UNSIGNED', 'STAGE_OVERDUE', 'PARTNER'));`);
    this.addSql(`alter table "hotline"."supervision" add column "condition_key" varchar(96) null;`);
    this.addSql(`create unique index "supervision_once_per_condition" on "hotline"."supervision" ("case_id", "trigger", "condition_key") where "condition_key" is not null;`);

    this.addSql(`delete from "hotline"."setting" where "key" in ('intakeToDispatchWorkingDays', 'followUpDueWorkingDays');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hotline"."co_unit_task" cascade;`);
    this.addSql(`drop index "hotline"."supervision_once_per_condition";`);
    this.addSql(`alter table "hotline"."supervision" drop column "condition_key";`);
    this.addSql(`alter table "hotline"."case" drop column "response_due_at", drop column "stage_due_at", drop column "late_signings", drop column "late_replies";`);
    this.addSql(`alter table "hotline"."sla_profile" drop column "return_window_unit", drop column "return_window_amount";`);
  }

}
