import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../platform/db/app-role';

/**
 * An auditor answering a data subject ("who read my phone number?") must find the person's cases
 * without reading them: row-level security gives the AUDITOR role no case at all, so the lookup is
 * a function that returns references only (id, number, registration time, region) — never content —
 * to a request that declared the AUDITOR role. The caller is matched by the keyed hash of the phone
 * (the value itself is never compared in SQL), a case by its exact number.
 */
export class Migration20261208012852_auditor_locate extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function hotline.locate_cases(p_phone_hash text, p_number text, p_limit int)
      returns table (id uuid, number varchar, created_at timestamptz, region_code varchar)
      language sql stable security definer set search_path = hotline, pg_temp as $$
        select c.id, c.number, c.created_at, c.region_code from hotline."case" c
        where current_setting('hub.role', true) = 'AUDITOR'
          and ((p_phone_hash is not null and c.caller_phone_hash = p_phone_hash) or (p_number is not null and c.number = p_number))
        order by c.created_at desc
        limit least(greatest(p_limit, 1), 100)
      $$;`);
    this.addSql('revoke all on function hotline.locate_cases(text, text, int) from public;');
    this.addSql(`grant execute on function hotline.locate_cases(text, text, int) to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists hotline.locate_cases(text, text, int);');
  }
}
