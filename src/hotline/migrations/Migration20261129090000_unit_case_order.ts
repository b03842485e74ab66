import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../platform/db/app-role';

/**
 * A unit's cases in date order (issue 7, found by the benchmark at 100,000 cases): neither GIN index
 * (scope keys, assigned units) can return a unit's cases newest first, so a page of a unit's cases
 * read every case of the unit and sorted them — 1,729 rows, 15–18 ms, for the largest unit, linear
 * in the unit's size. This table holds one row per (assigned unit, case) with the case's creation
 * time, kept by a trigger on the case table, so the page is an index range scan of its own length.
 * It holds no personal data; the cases themselves are still read through row-level security.
 */
export class Migration20261129090000_unit_case_order extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table hotline.case_unit_order (
        unit_id uuid not null,
        created_at timestamptz not null,
        case_id uuid not null references hotline."case" (id) on delete cascade,
        primary key (unit_id, created_at, case_id)
      );`);
    this.addSql('create index case_unit_order_case_id_index on hotline.case_unit_order (case_id);');
    // Written by the owner (security definer): the application role reads the table, never writes it.
    this.addSql(`
      create or replace function hotline.sync_case_unit_order() returns trigger
      language plpgsql security definer set search_path = hotline, pg_temp as $$
      begin
        if tg_op = 'UPDATE' then
          if new.assigned_unit_ids is not distinct from old.assigned_unit_ids and new.created_at = old.created_at then
            return null;
          end if;
          delete from hotline.case_unit_order where case_id = old.id;
        end if;
        insert into hotline.case_unit_order (unit_id, created_at, case_id)
          select distinct u, new.created_at, new.id from unnest(new.assigned_unit_ids) as u;
        return null;
      end
      $$;`);
    this.addSql(`
      create trigger case_unit_order_sync after insert or update of assigned_unit_ids, created_at on hotline."case"
        for each row execute function hotline.sync_case_unit_order();`);
    this.addSql(`
      insert into hotline.case_unit_order (unit_id, created_at, case_id)
        select distinct u, c.created_at, c.id from hotline."case" c, unnest(c.assigned_unit_ids) as u;`);
    this.addSql(`grant select on hotline.case_unit_order to ${APP_ROLE};`);
  }
}
