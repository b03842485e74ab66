import { Migration } from '@mikro-orm/migrations';

/** A caller's earlier cases, by keyed phone hash and time: the repeat-call rate and same-caller duplicates. */
export class Migration20261208050000_caller_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "case_caller_phone_hash_created_idx" on "hotline"."case" ("caller_phone_hash", "created_at") where "caller_phone_hash" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "hotline"."case_caller_phone_hash_created_idx";`);
  }
}
