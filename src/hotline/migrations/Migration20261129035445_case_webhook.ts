import { Migration } from '@mikro-orm/migrations';

export class Migration20261129035445_case_webhook extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hotline"."case_webhook" ("id" uuid not null, "unit_id" uuid not null, "role" varchar(32) not null, "region_code" varchar(9) null, "url" varchar(500) not null, "category_codes" text[] not null, "filter_region" varchar(9) null, "secrets" text[] not null, "created_at" timestamptz not null, "created_by" varchar(128) not null, "disabled_at" timestamptz null, "disabled_reason" varchar(300) null, constraint "case_webhook_pkey" primary key ("id"));`);
    this.addSql(`create index "case_webhook_unit_id_index" on "hotline"."case_webhook" ("unit_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hotline"."case_webhook" cascade;`);
  }

}
