import { Migration } from '@mikro-orm/migrations';

/**
 * Verifying and retiring the access log, in the database next to `audit.event_digest`:
 * - `audit.chain_links(from, to)` checks every link of every chain in a period — one row per event
 *   checked, with its problem if any — so verification is one SQL statement, never rows loaded
 *   into Node;
 * - `audit.event_json(e)` is the one JSON Lines form of an event (GraphQL export and archives alike);
 * - `audit.purge_access_events(before, archive)` archives-then-purges events older than 6 months
 *   (Cybersecurity Law art. 21), leaving an anchor the verification resumes from. It needs the
 *   table owner (it disables the append-only trigger inside its transaction); the application role
 *   cannot run it.
 * - `audit.chain_anchor` is append-only like the events.
 */
export class Migration20261129011317_verify_and_purge extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create trigger chain_anchor_append_only before update or delete on audit.chain_anchor
      for each row execute function audit.refuse_change();`);
    this.addSql(`create trigger chain_anchor_no_truncate before truncate on audit.chain_anchor
      for each statement execute function audit.refuse_change();`);

    // Per chain, the events whose time is in [p_from, p_to) fix a range of seq; every event of that
    // range is checked (event times are taken when a request reads, so they are not strictly in seq
    // order), and the range's first event is linked to its predecessor: the event before it, the
    // anchor a purge left, or the genesis hash. Without p_to, each chain's newest event must also be
    // its head. Problems, in the order checked:
    //   DIGEST_MISMATCH      the event's content does not hash to its stored hash (it was changed);
    //   MISSING_PREDECESSOR  the event before the range is gone and no anchor stands for it;
    //   SEQ_GAP              events are missing just before this one (deleted);
    //   LINK_MISMATCH        prev_hash is not the predecessor's hash;
    //   HEAD_MISMATCH        the newest event is not the chain head (events at the end are gone);
    //   MISSING_EVENTS       a chain head with no events left and no anchor (id is null).
    this.addSql(`
      create or replace function audit.chain_links(p_from timestamptz, p_to timestamptz)
      returns table (chain text, seq bigint, id uuid, at timestamptz, checked boolean, problem text)
      language sql stable as $$
        with bounds as (
          select w.chain, min(w.seq) as lo, max(w.seq) as hi
          from audit.access_event w
          where (p_from is null or w.at >= p_from) and (p_to is null or w.at < p_to)
          group by w.chain
        ),
        ranged as (
          select e.chain, e.seq, e.id, e.at, e.prev_hash, e.hash,
                 audit.event_digest(e) as digest,
                 lag(e.seq) over links as prev_seq,
                 lag(e.hash) over links as prev_row_hash
          from bounds b
          join audit.access_event e on e.chain = b.chain and e.seq between b.lo and b.hi
          window links as (partition by e.chain order by e.seq)
        ),
        first_prev as (
          select b.chain,
                 case when b.lo = 1 then repeat('0', 64)
                      else coalesce(
                        (select p.hash from audit.access_event p where p.chain = b.chain and p.seq = b.lo - 1),
                        (select a.hash from audit.chain_anchor a where a.chain = b.chain and a.seq = b.lo - 1))
                 end as hash
          from bounds b
        ),
        tails as (
          select h.chain, h.seq as head_seq, h.hash as head_hash, t.id, t.seq, t.at, t.hash,
                 (select max(a.seq) from audit.chain_anchor a where a.chain = h.chain) as anchored
          from audit.chain_head h
          left join lateral (
            select e.id, e.seq, e.at, e.hash from audit.access_event e where e.chain = h.chain order by e.seq desc limit 1
          ) t on true
          where p_to is null
        )
        select r.chain::text, r.seq, r.id, r.at, true,
               case
                 when r.digest <> r.hash then 'DIGEST_MISMATCH'
                 when r.prev_seq is null and f.hash is null then 'MISSING_PREDECESSOR'
                 when r.prev_seq is null and r.prev_hash <> f.hash then 'LINK_MISMATCH'
                 when r.prev_seq is not null and r.seq <> r.prev_seq + 1 then 'SEQ_GAP'
                 when r.prev_seq is not null and r.prev_hash <> r.prev_row_hash then 'LINK_MISMATCH'
               end
        from ranged r join first_prev f on f.chain = r.chain
        union all
        select t.chain::text, coalesce(t.seq, t.head_seq), t.id, t.at, false,
               case when t.id is null then 'MISSING_EVENTS' else 'HEAD_MISMATCH' end
        from tails t
        where (t.id is null and t.head_seq > coalesce(t.anchored, 0))
           or (t.id is not null and (t.seq <> t.head_seq or t.hash <> t.head_hash))
      $$;`);

    this.addSql(`
      create or replace function audit.event_json(e audit.access_event) returns text
      language sql immutable as $$
        select row_to_json(r)::text from (select
          e.id, e.chain, e.seq, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
          e.request_id as "requestId", e.principal_id as "principalId", e.role, e.unit, e.region, e.vendor,
          e.partner, e.purpose, e.operation, e.document_hash as "documentHash", e.subject_type as "subjectType",
          e.subject_id as "subjectId", e.fields, e.policy_version as "policyVersion",
          e.client_address as "clientAddress", e.prev_hash as "prevHash", e.hash) r
      $$;`);

    this.addSql(`
      create or replace function audit.purge_access_events(p_before timestamptz, p_archive text)
      returns table (anchor_chain text, anchor_seq bigint, anchor_hash text, removed bigint)
      language plpgsql as $$
      declare
        c record;
        broken record;
        cutoff bigint;
      begin
        if p_archive is null or length(trim(p_archive)) = 0 then
          raise exception 'name the archive of the purged events (where it is kept and its SHA-256)'
            using errcode = 'invalid_parameter_value';
        end if;
        if p_before > now() - interval '6 months' then
          raise exception 'access events are kept at least 6 months (Cybersecurity Law art. 21): % is after %',
            p_before, now() - interval '6 months' using errcode = 'invalid_parameter_value';
        end if;
        -- Writers wait until the purge commits: nothing is appended between the check and the cut.
        lock table audit.access_event in share row exclusive mode;
        -- Evidence of tampering is never purged: a broken chain is investigated first.
        select l.chain, l.seq, l.problem into broken
          from audit.chain_links(null, null) l where l.problem is not null order by l.at nulls first limit 1;
        if found then
          raise exception 'audit chain % is broken at seq % (%): investigate before purging', broken.chain, broken.seq, broken.problem
            using errcode = 'data_corrupted';
        end if;
        -- Owner only; re-enabled below in the same transaction, so no other session ever sees it off.
        alter table audit.access_event disable trigger access_event_append_only;
        for c in select h.chain from audit.chain_head h order by h.chain loop
          -- A chain is cut at one seq, never with holes: its events up to the first one that is not
          -- older than p_before.
          select coalesce(
                   (select min(e.seq) from audit.access_event e where e.chain = c.chain and e.at >= p_before) - 1,
                   (select max(e.seq) from audit.access_event e where e.chain = c.chain))
            into cutoff;
          continue when cutoff is null
            or not exists (select 1 from audit.access_event e where e.chain = c.chain and e.seq <= cutoff);
          insert into audit.chain_anchor (chain, seq, hash, at, purged_before, purged_rows, archive, created_at)
            select e.chain, e.seq, e.hash, e.at, p_before,
                   (select count(*) from audit.access_event x where x.chain = c.chain and x.seq <= cutoff), p_archive, now()
            from audit.access_event e where e.chain = c.chain and e.seq = cutoff;
          delete from audit.access_event e where e.chain = c.chain and e.seq <= cutoff;
          get diagnostics removed = row_count;
          select a.chain, a.seq, a.hash into anchor_chain, anchor_seq, anchor_hash
            from audit.chain_anchor a where a.chain = c.chain and a.seq = cutoff;
          return next;
        end loop;
        alter table audit.access_event enable trigger access_event_append_only;
      end
      $$;`);
    this.addSql(`revoke all on function audit.purge_access_events(timestamptz, text) from public;`);
  }
}
