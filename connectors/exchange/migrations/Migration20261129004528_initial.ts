import { Migration } from '@mikro-orm/migrations';

export class Migration20261129004528_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "exchange";`);
    this.addSql(`create table "exchange"."transfer" ("id" uuid not null, "partner" varchar(32) not null, "direction" text check ("direction" in ('INBOUND', 'OUTBOUND')) not null, "case_id" uuid null, "case_number" varchar(40) null, "external_ref" varchar(64) null, "status" text check ("status" in ('PENDING', 'SENT', 'ACKNOWLEDGED', 'REJECTED', 'IN_PROGRESS', 'FEEDBACK_RECEIVED', 'CLOSED', 'FAILED', 'DEAD_LETTERED')) not null, "reason" text null, "feedback" text null, "attempts" int not null default 0, "last_error" text null, "idempotency_key" varchar(128) null, "payload_hash" varchar(64) null, "payload" jsonb null, "region_path" text[] not null default '{}', "assigned_unit_ids" uuid[] not null default '{}', "shared_with" text[] not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, "acknowledged_at" timestamptz null, "closed_at" timestamptz null, "version" int not null default 1, constraint "transfer_pkey" primary key ("id"));`);
    this.addSql(`create index "transfer_case_id_index" on "exchange"."transfer" ("case_id");`);
    this.addSql(`create index "transfer_partner_created_at_index" on "exchange"."transfer" ("partner", "created_at");`);
    this.addSql(`create index "transfer_created_at_id_index" on "exchange"."transfer" ("created_at", "id");`);
    this.addSql(`alter table "exchange"."transfer" add constraint "transfer_partner_idempotency_key_unique" unique ("partner", "idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "exchange"."transfer" cascade;`);

    this.addSql(`drop schema if exists "exchange";`);
  }

}
