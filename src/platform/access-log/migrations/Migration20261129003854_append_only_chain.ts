import { Migration } from '@mikro-orm/migrations';

/**
 * The access log is evidence: append-only and hash-chained (docs/design.md decision 3).
 * - `audit.event_digest` is the one definition of an event's hash, used to append and to verify;
 * - `audit.append_access_events` appends a request's events under a lock on the chain head, so the
 *   chain has no gaps or forks even with many hub processes writing at once;
 * - triggers refuse UPDATE, DELETE and TRUNCATE for every role, the owner included.
 */
export class Migration20261129003854_append_only_chain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function audit.event_digest(e audit.access_event) returns text
      language sql immutable as $$
        select encode(sha256(convert_to(jsonb_build_array(
          e.prev_hash, e.id, e.chain, e.seq, (extract(epoch from e.at) * 1000000)::bigint,
          e.request_id, e.principal_id, e.role, e.unit, e.region, e.vendor, e.partner, e.purpose,
          e.operation, e.document_hash, e.subject_type, e.subject_id, e.fields, e.policy_version,
          e.client_address)::text, 'UTF8')), 'hex')
      $$;`);
    this.addSql(`
      create or replace function audit.append_access_events(p_chain text, p_events jsonb) returns void
      language plpgsql security definer set search_path = audit, pg_temp as $$
      declare
        head audit.chain_head;
        ev jsonb;
        rec audit.access_event;
      begin
        insert into audit.chain_head (chain, seq, hash) values (p_chain, 0, repeat('0', 64))
          on conflict (chain) do nothing;
        select * into head from audit.chain_head where chain = p_chain for update;
        for ev in select value from jsonb_array_elements(p_events) loop
          rec := jsonb_populate_record(null::audit.access_event, ev);
          rec.chain := p_chain;
          rec.seq := head.seq + 1;
          rec.prev_hash := head.hash;
          rec.hash := audit.event_digest(rec);
          insert into audit.access_event select rec.*;
          head.seq := rec.seq;
          head.hash := rec.hash;
        end loop;
        update audit.chain_head set seq = head.seq, hash = head.hash where chain = p_chain;
      end
      $$;`);
    this.addSql(`
      create or replace function audit.refuse_change() returns trigger
      language plpgsql as $$
      begin
        raise exception 'audit.% is append-only (% refused)', tg_table_name, tg_op
          using errcode = 'insufficient_privilege';
      end
      $$;`);
    this.addSql(`create trigger access_event_append_only before update or delete on audit.access_event
      for each row execute function audit.refuse_change();`);
    this.addSql(`create trigger access_event_no_truncate before truncate on audit.access_event
      for each statement execute function audit.refuse_change();`);
    this.addSql(`create index access_event_fields_gin on audit.access_event using gin (fields jsonb_path_ops);`);
  }
}
