import { Migration } from '@mikro-orm/migrations';

export class Migration20261129020155_rate_limits extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "gateway";`);
    // UNLOGGED by hand (the entity cannot say so): counters need neither the WAL nor replicas.
    this.addSql(`create unlogged table "gateway"."rate_limit_window" ("key" varchar(160) not null, "window_start" timestamptz not null, "hits" int not null, constraint "rate_limit_window_pkey" primary key ("key"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "gateway"."rate_limit_window" cascade;`);

    this.addSql(`drop schema if exists "gateway";`);
  }

}
