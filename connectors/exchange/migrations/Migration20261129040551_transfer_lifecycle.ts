import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../../src/platform/db/app-role';

export class Migration20261129040551_transfer_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "exchange"."case_scope" ("case_id" uuid not null, "number" varchar(40) not null, "status" varchar(32) not null, "channel" varchar(32) not null, "region_path" text[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', "updated_at" timestamptz not null, constraint "case_scope_pkey" primary key ("case_id"));`);

    this.addSql(`alter table "exchange"."transfer" add column "sent_at" timestamptz null, add column "ack_due_at" timestamptz null, add column "alerted_at" timestamptz null;`);
    this.addSql(`create index transfer_ack_due_idx on "exchange"."transfer" (ack_due_at) where acknowledged_at is null and alerted_at is null and ack_due_at is not null;`);
    this.addSql(`grant select, insert, update on "exchange"."case_scope" to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "exchange"."case_scope" cascade;`);
    this.addSql(`alter table "exchange"."transfer" drop column "sent_at", drop column "ack_due_at", drop column "alerted_at";`);
  }

}
