import { Migration } from '@mikro-orm/migrations';

export class Migration20261129011248_chain_anchor extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit"."chain_anchor" ("chain" varchar(32) not null, "seq" bigint not null, "hash" varchar(64) not null, "at" timestamptz not null, "purged_before" timestamptz not null, "purged_rows" bigint not null, "archive" varchar(512) not null, "created_at" timestamptz not null, constraint "chain_anchor_pkey" primary key ("chain", "seq"));`);

    this.addSql(`create index "access_event_at_id_index" on "audit"."access_event" ("at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit"."chain_anchor" cascade;`);

    this.addSql(`drop index "audit"."access_event_at_id_index";`);
  }

}
