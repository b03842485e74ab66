import { Migration } from '@mikro-orm/migrations';
import { outboxNotifySql } from '../../../connectors/kit/outbox';

/**
 * What the entity metadata cannot say:
 * - GIN indexes for the array columns the row policy filters on (tenancy path, assigned units,
 *   partners shared with) and for knowledge search over jieba tokens;
 * - the case history is append-only, like the access log;
 * - committed outbox messages wake the delivery workers (NOTIFY).
 */
export class Migration20261129012605_indexes_and_guards extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index case_region_path_gin on hotline."case" using gin (region_path);');
    this.addSql('create index case_assigned_units_gin on hotline."case" using gin (assigned_unit_ids);');
    this.addSql('create index case_shared_with_gin on hotline."case" using gin (shared_with);');
    this.addSql("create index knowledge_item_search_gin on hotline.knowledge_item using gin (to_tsvector('simple', search_text));");
    this.addSql('create index case_open_due_idx on hotline."case" (due_at) where closed_at is null;');
    this.addSql(`
      create or replace function hotline.refuse_change() returns trigger
      language plpgsql as $$
      begin
        raise exception 'hotline.% is append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end
      $$;`);
    this.addSql('create trigger case_event_append_only before update or delete on hotline.case_event for each row execute function hotline.refuse_change();');
    this.addSql('create trigger case_event_no_truncate before truncate on hotline.case_event for each statement execute function hotline.refuse_change();');
    for (const sql of outboxNotifySql('hotline')) this.addSql(sql);
  }
}
