import { Migration } from '@mikro-orm/migrations';

export class Migration20261129015534_anonymised_at extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "hotline"."case_assigned_units_gin";`);
    this.addSql(`drop index "hotline"."case_open_due_idx";`);
    this.addSql(`drop index "hotline"."case_region_path_gin";`);
    this.addSql(`drop index "hotline"."case_shared_with_gin";`);

    this.addSql(`alter table "hotline"."case" add column "anonymised_at" timestamptz null;`);

    this.addSql(`drop index "hotline"."knowledge_item_search_gin";`);

    this.addSql(`drop index "hotline"."outbox_undelivered_idx";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "hotline"."case" drop column "anonymised_at";`);

    this.addSql(`create index "case_assigned_units_gin" on "hotline"."case" ("assigned_unit_ids");`);
    this.addSql(`CREATE INDEX case_open_due_idx ON hotline."case" USING btree (due_at) WHERE (closed_at IS NULL);`);
    this.addSql(`create index "case_region_path_gin" on "hotline"."case" ("region_path");`);
    this.addSql(`create index "case_shared_with_gin" on "hotline"."case" ("shared_with");`);

    this.addSql(`CREATE INDEX knowledge_item_search_gin ON hotline.knowledge_item USING gin (to_tsvector('simple'::regconfig, search_text));`);

    this.addSql(`CREATE INDEX outbox_undelivered_idx ON hotline.outbox USING btree (seq) WHERE ((delivered_at IS NULL) AND (dead_at IS NULL));`);
  }

}
