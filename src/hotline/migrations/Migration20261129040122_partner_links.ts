import { Migration } from '@mikro-orm/migrations';

export class Migration20261129040122_partner_links extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hotline"."applied_command" ("message_id" uuid not null, "applied_at" timestamptz not null, constraint "applied_command_pkey" primary key ("message_id"));`);

    this.addSql(`create table "hotline"."case_link" ("id" uuid not null, "case_id" uuid not null, "system" text check ("system" in ('PETITION', 'SUPERVISION', 'UTILITY', 'POLICE_110')) not null, "partner" varchar(32) not null, "reference" varchar(64) not null, "relation" varchar(32) not null, "status" varchar(32) not null, "linked_at" timestamptz not null, "updated_at" timestamptz not null, constraint "case_link_pkey" primary key ("id"));`);
    this.addSql(`alter table "hotline"."case_link" add constraint "case_link_case_system_reference_unique" unique ("case_id", "system", "reference");`);

    this.addSql(`alter table "hotline"."supervision" drop constraint if exists "supervision_trigger_check";`);

    this.addSql(`alter table "hotline"."supervision" add constraint "supervision_trigger_check" check("trigger" in ('MANUAL', 'OVERDUE', 'DISSATISFIED_AFTER_REOPEN', 'SENT_BACK_REPEATEDLY', 'NO_LEAD_UNIT', 'PARTNER'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hotline"."applied_command" cascade;`);

    this.addSql(`drop table if exists "hotline"."case_link" cascade;`);

    this.addSql(`alter table "hotline"."supervision" drop constraint if exists "supervision_trigger_check";`);

    this.addSql(`alter table "hotline"."supervision" add constraint "supervision_trigger_check" check("trigger" in ('MANUAL', 'OVERDUE', 'DISSATISFIED_AFTER_REOPEN', 'SENT_BACK_REPEATEDLY', 'NO_LEAD_UNIT'));`);
  }

}
