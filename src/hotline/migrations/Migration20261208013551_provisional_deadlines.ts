import { Migration } from '@mikro-orm/migrations';

/**
 * Deadlines keep how they were computed and whether they counted a year whose holidays were not
 * loaded (provisional); the partial index finds the few provisional cases when a year is loaded.
 * (The generator also proposed dropping the hand-made indexes and the unit-order table: not taken.)
 */
export class Migration20261208013551_provisional_deadlines extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "hotline"."case" add column "deadline_basis" jsonb not null default '{}', add column "provisional_deadlines" text[] not null default '{}';`);
    this.addSql(`create index "case_provisional_deadlines_idx" on "hotline"."case" ("id") where provisional_deadlines <> '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "hotline"."case_provisional_deadlines_idx";`);
    this.addSql(`alter table "hotline"."case" drop column "deadline_basis", drop column "provisional_deadlines";`);
  }

}
