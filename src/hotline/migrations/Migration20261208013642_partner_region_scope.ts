import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../platform/db/app-role';

/**
 * Partner accounts serve one region (issue 14): a case shared with `police110` is visible to the 110
 * centre of the case's region, not to every city's. The case's scope keys now carry one
 * `p:<partner>@<region>` for each partner it is shared with and each level of its region path, and a
 * partner principal holds `p:<partner>@<its region>`: a partner token without a region holds no key.
 * The index is rebuilt on the new function (an index over a replaced function would be stale).
 */
export class Migration20261208013642_partner_region_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop policy if exists case_scope on hotline."case";');
    this.addSql('drop index if exists hotline.case_scope_gin;');
    this.addSql(`
      create or replace function hotline.case_scope_keys(region_path text[], assigned_unit_ids uuid[], vendor text, shared_with text[])
      returns text[] language sql immutable parallel safe as $$
        select array['*']
          || string_to_array('r:' || array_to_string(region_path, ',r:'), ',')
          || string_to_array('u:' || array_to_string(assigned_unit_ids, ',u:'), ',')
          || case when vendor <> '' then array['v:' || vendor] else '{}'::text[] end
          || coalesce((select array_agg('p:' || p || '@' || r) from unnest(shared_with) p, unnest(region_path) r), '{}'::text[])
      $$;`);
    this.addSql(`
      create or replace function hotline.principal_scope_keys()
      returns text[] language sql stable parallel safe as $$
        select case current_setting('hub.role', true)
          when 'SYSTEM' then array['*']
          when 'OPERATOR' then array['r:' || nullif(current_setting('hub.region', true), '')]
          when 'DISPATCHER' then array['r:' || nullif(current_setting('hub.region', true), '')]
          when 'ANALYST' then array['r:' || nullif(current_setting('hub.region', true), '')]
          when 'HANDLER' then array['u:' || nullif(current_setting('hub.unit', true), '')]
          when 'CONTRACT_OPERATOR' then array['v:' || nullif(current_setting('hub.vendor', true), '')]
          when 'PARTNER_AGENCY' then array['p:' || nullif(current_setting('hub.partner', true), '') || '@' || nullif(current_setting('hub.region', true), '')]
          when 'PARTNER_SYSTEM' then array['p:' || nullif(current_setting('hub.partner', true), '') || '@' || nullif(current_setting('hub.region', true), '')]
          else '{}'::text[]
        end
      $$;`);
    this.addSql(`create index case_scope_gin on hotline."case" using gin (hotline.case_scope_keys(region_path, assigned_unit_ids, vendor, shared_with));`);
    this.addSql(`
      create policy case_scope on hotline."case" to ${APP_ROLE}
      using (hotline.case_scope_keys(region_path, assigned_unit_ids, vendor, shared_with) && hotline.principal_scope_keys())
      with check (hotline.case_scope_keys(region_path, assigned_unit_ids, vendor, shared_with) && hotline.principal_scope_keys());`);
  }
}
