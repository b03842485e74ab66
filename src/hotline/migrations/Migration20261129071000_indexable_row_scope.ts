import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../platform/db/app-role';

/**
 * The case table's row-level security, made indexable (issue 7, found by profiling the benchmark).
 *
 * The first policy was one CASE over the declared role. PostgreSQL cannot use an index for a CASE,
 * and it may not use one for the query's own filter either: a row policy is a security barrier, so
 * a non-leakproof operator of the query (array containment is not leakproof) runs only after it. So
 * every handler's page read the whole case table — 27 ms at 20,000 cases, linear in the table.
 *
 * Now each case carries *scope keys* (an immutable function of its columns: `*`, `r:<region>` for
 * each level of its tenancy path, `u:<unit>` for each assigned unit, `v:<vendor>`, `p:<partner>` for
 * each partner it is shared with) and each principal declares the keys it holds (`*` for SYSTEM,
 * `r:<region>` for operators, dispatchers and analysts, `u:<unit>` for handlers, `v:<vendor>`,
 * `p:<partner>`). A row is visible when the two overlap — the same rule as before, role by role,
 * but one `&&` that a GIN expression index answers: a handler's page reads its unit's rows only.
 * A principal with an empty or unknown declaration holds no key and sees nothing, as before.
 */
export class Migration20261129071000_indexable_row_scope extends Migration {
  override async up(): Promise<void> {
    // Immutable on purpose (array_to_string is only stable because of arbitrary element types; for
    // text and uuid it is not): the index below needs it, and the policy must use the very same call.
    this.addSql(`
      create or replace function hotline.case_scope_keys(region_path text[], assigned_unit_ids uuid[], vendor text, shared_with text[])
      returns text[] language sql immutable parallel safe as $$
        select array['*']
          || string_to_array('r:' || array_to_string(region_path, ',r:'), ',')
          || string_to_array('u:' || array_to_string(assigned_unit_ids, ',u:'), ',')
          || case when vendor <> '' then array['v:' || vendor] else '{}'::text[] end
          || string_to_array('p:' || array_to_string(shared_with, ',p:'), ',')
      $$;`);
    // An empty setting yields a NULL key, which overlaps nothing.
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
          when 'PARTNER_AGENCY' then array['p:' || nullif(current_setting('hub.partner', true), '')]
          when 'PARTNER_SYSTEM' then array['p:' || nullif(current_setting('hub.partner', true), '')]
          else '{}'::text[]
        end
      $$;`);
    this.addSql(`create index if not exists case_scope_gin on hotline."case" using gin (hotline.case_scope_keys(region_path, assigned_unit_ids, vendor, shared_with));`);
    this.addSql('drop policy if exists case_scope on hotline."case";');
    this.addSql(`
      create policy case_scope on hotline."case" to ${APP_ROLE}
      using (hotline.case_scope_keys(region_path, assigned_unit_ids, vendor, shared_with) && hotline.principal_scope_keys())
      with check (hotline.case_scope_keys(region_path, assigned_unit_ids, vendor, shared_with) && hotline.principal_scope_keys());`);
    this.addSql('drop function if exists hotline.case_in_scope(text[], uuid[], text, text[]);');
  }
}
