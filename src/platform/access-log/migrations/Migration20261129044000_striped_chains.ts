import { Migration } from '@mikro-orm/migrations';

/**
 * Appending locks the chain head until the request's transaction commits, so one chain per
 * subgraph let one request at a time record its reads: under load every request queued behind the
 * others' commits (issue 7, the benchmark). Each subgraph now writes up to 32 chains: a request
 * takes the first of `<subgraph>`, `<subgraph>.1` … `<subgraph>.31` that no other transaction holds
 * (SKIP LOCKED), and waits only when all 32 are busy (more writers at once than a subgraph's
 * processes have pooled connections, DATABASE_POOL_MAX each). Alone, a request always writes
 * `<subgraph>`. Every chain stays gapless and verifiable on its own; `audit.chain_links` already
 * checks each chain separately.
 */
export class Migration20261129044000_striped_chains extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function audit.append_access_events(p_chain text, p_events jsonb) returns void
      language plpgsql security definer set search_path = audit, pg_temp as $$
      declare
        head audit.chain_head;
        ev jsonb;
        rec audit.access_event;
        stripe int;
        name text;
      begin
        for stripe in 0..31 loop
          name := case when stripe = 0 then p_chain else p_chain || '.' || stripe end;
          select * into head from audit.chain_head where chain = name for update skip locked;
          exit when found;
          if not exists (select 1 from audit.chain_head where chain = name) then
            insert into audit.chain_head (chain, seq, hash) values (name, 0, repeat('0', 64)) on conflict (chain) do nothing;
            select * into head from audit.chain_head where chain = name for update skip locked;
            exit when found;
          end if;
        end loop;
        if head.chain is null then
          -- All 32 are held: wait for one of them, chosen at random so waiters spread out.
          stripe := floor(random() * 32)::int;
          name := case when stripe = 0 then p_chain else p_chain || '.' || stripe end;
          insert into audit.chain_head (chain, seq, hash) values (name, 0, repeat('0', 64)) on conflict (chain) do nothing;
          select * into head from audit.chain_head where chain = name for update;
        end if;
        for ev in select value from jsonb_array_elements(p_events) loop
          rec := jsonb_populate_record(null::audit.access_event, ev);
          rec.chain := head.chain;
          rec.seq := head.seq + 1;
          rec.prev_hash := head.hash;
          rec.hash := audit.event_digest(rec);
          insert into audit.access_event select rec.*;
          head.seq := rec.seq;
          head.hash := rec.hash;
        end loop;
        update audit.chain_head set seq = head.seq, hash = head.hash where chain = head.chain;
      end
      $$;`);
  }
}
