import { Migration } from '@mikro-orm/migrations';

export class Migration20261129022506_insight extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hotline"."intake_model" ("id" uuid not null, "trained_at" timestamptz not null, "samples" int not null, "accuracy" jsonb not null, "parameters" jsonb not null, constraint "intake_model_pkey" primary key ("id"));`);
    this.addSql(`create index "intake_model_trained_at_index" on "hotline"."intake_model" ("trained_at");`);

    this.addSql(`create table "hotline"."preparedness_plan" ("id" uuid not null, "unit_id" uuid not null, "category_code" varchar(16) not null, "region_code" varchar(9) not null, "months" int[] not null, "title" varchar(200) not null, "body" text not null, "updated_at" timestamptz not null, constraint "preparedness_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "preparedness_plan_category_code_region_code_index" on "hotline"."preparedness_plan" ("category_code", "region_code");`);

    this.addSql(`create table "hotline"."risk_warning" ("id" uuid not null, "key" varchar(200) not null, "rule" varchar(32) not null, "level" text check ("level" in ('BLUE', 'YELLOW', 'ORANGE', 'RED')) not null, "title" varchar(300) not null, "region_code" varchar(9) not null, "region_path" text[] not null, "category_code" varchar(16) null, "case_ids" uuid[] not null, "raised_at" timestamptz not null, "updated_at" timestamptz not null, "acknowledged_at" timestamptz null, "acknowledged_by" varchar(128) null, "acknowledge_note" text null, constraint "risk_warning_pkey" primary key ("id"));`);
    this.addSql(`alter table "hotline"."risk_warning" add constraint "risk_warning_key_unique" unique ("key");`);
    this.addSql(`create index "risk_warning_raised_at_index" on "hotline"."risk_warning" ("raised_at");`);

    this.addSql(`alter table "hotline"."case" drop constraint if exists "case_channel_check";`);

    this.addSql(`alter table "hotline"."case" add constraint "case_channel_check" check("channel" in ('PHONE', 'MISSED_CALL_CALLBACK', 'WEB', 'APP', 'MINI_PROGRAM', 'MAILBOX', 'SMS', 'TRANSFER_110', 'SUPERVISION_LEAD', 'PETITION_REFERRAL', 'UTILITY', 'PROACTIVE'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hotline"."intake_model" cascade;`);

    this.addSql(`drop table if exists "hotline"."preparedness_plan" cascade;`);

    this.addSql(`drop table if exists "hotline"."risk_warning" cascade;`);

    this.addSql(`alter table "hotline"."case" drop constraint if exists "case_channel_check";`);

    this.addSql(`alter table "hotline"."case" add constraint "case_channel_check" check("channel" in ('PHONE', 'MISSED_CALL_CALLBACK', 'WEB', 'APP', 'MINI_PROGRAM', 'MAILBOX', 'SMS', 'TRANSFER_110', 'SUPERVISION_LEAD', 'PETITION_REFERRAL', 'UTILITY'));`);
  }

}
