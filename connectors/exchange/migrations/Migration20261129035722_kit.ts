import { Migration } from '@mikro-orm/migrations';

export class Migration20261129035722_kit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "exchange"."exchange_log" ("seq" bigserial primary key, "id" uuid not null, "at" timestamptz not null, "partner" varchar(32) not null, "direction" varchar(3) not null, "message_id" varchar(128) not null, "type" varchar(64) not null, "case_number" varchar(40) null, "principal_id" varchar(128) not null, "signature" text null, "payload_hash" varchar(64) not null, "outcome" varchar(32) not null, "http_status" int null, "detail" text null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`alter table "exchange"."exchange_log" add constraint "exchange_log_id_unique" unique ("id");`);
    this.addSql(`create index "exchange_log_partner_at_index" on "exchange"."exchange_log" ("partner", "at");`);
    this.addSql(`create index "exchange_log_case_number_index" on "exchange"."exchange_log" ("case_number");`);
    this.addSql(`create index "exchange_log_at_seq_index" on "exchange"."exchange_log" ("at", "seq");`);

    this.addSql(`create table "exchange"."inbound_message" ("id" uuid not null, "partner" varchar(32) not null, "idempotency_key" varchar(128) not null, "type" varchar(64) not null, "payload_hash" varchar(64) not null, "result" jsonb null, "received_at" timestamptz not null, constraint "inbound_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "exchange"."inbound_message" add constraint "exchange_inbound_partner_key_unique" unique ("partner", "idempotency_key");`);

    this.addSql(`create table "exchange"."outbox" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(64) not null, "key" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "delivered_at" timestamptz null, "dead_at" timestamptz null);`);
    this.addSql(`alter table "exchange"."outbox" add constraint "outbox_id_unique" unique ("id");`);
    this.addSql(`create index "exchange_outbox_pending_idx" on "exchange"."outbox" ("key", "seq");`);

    this.addSql(`create table "exchange"."partner_endpoint" ("partner" varchar(32) not null, "disabled_at" timestamptz null, "disabled_reason" text null, "updated_at" timestamptz not null, constraint "partner_endpoint_pkey" primary key ("partner"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "exchange"."exchange_log" cascade;`);

    this.addSql(`drop table if exists "exchange"."inbound_message" cascade;`);

    this.addSql(`drop table if exists "exchange"."outbox" cascade;`);

    this.addSql(`drop table if exists "exchange"."partner_endpoint" cascade;`);
  }

}
