import type { EntityManager } from '../platform/db/orm';
import { badInput } from '../platform/graphql/errors';

/** The problems `audit.chain_links` reports (see its migration for what each means). */
export const CHAIN_PROBLEMS = ['DIGEST_MISMATCH', 'MISSING_PREDECESSOR', 'SEQ_GAP', 'LINK_MISMATCH', 'HEAD_MISMATCH', 'MISSING_EVENTS'] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

export type ChainBreak = { chain: string; seq: string; eventId: string | null; at: Date | null; problem: ChainProblem };
export type ChainStatus = { chain: string; checked: number; firstSeq: string | null; lastSeq: string | null; lastHash: string | null; ok: boolean };
export type ChainReport = { ok: boolean; checked: number; breaks: ChainBreak[]; chains: ChainStatus[] };

/** Reports list at most this many broken links, earliest first; `ok` and `checked` always cover everything. */
export const MAX_BREAKS = 100;

/**
 * Verifies every chain (one per writing subgraph) in [from, to) — the whole log without them — in
 * one SQL statement: `audit.chain_links` recomputes each event's digest and checks each link with
 * window functions; this only aggregates its findings.
 */
export async function verifyChains(em: EntityManager, from: Date | null | undefined, to: Date | null | undefined): Promise<ChainReport> {
  if (from && to && from.getTime() >= to.getTime()) throw badInput('to', 'must be after from');
  const [row] = (await em.getConnection().execute(
    `with links as materialized (select * from audit.chain_links(?, ?))
     select
       (select count(*) from links where checked)::int as checked,
       (select coalesce(json_agg(json_build_object('chain', c.chain, 'checked', c.checked, 'firstSeq', c."firstSeq", 'lastSeq', c."lastSeq", 'ok', c.ok, 'lastHash', head.hash)
                                 order by c.chain), '[]') from (
          select chain, count(*) filter (where checked) as checked,
                 min(seq) filter (where checked)::text as "firstSeq", max(seq) filter (where checked)::text as "lastSeq",
                 count(*) filter (where problem is not null) = 0 as ok,
                 (array_agg(id order by seq desc) filter (where checked and id is not null))[1] as head_id
          from links group by chain) c
          left join audit.access_event head on head.id = c.head_id) as chains,
       (select coalesce(json_agg(json_build_object('chain', b.chain, 'seq', b.seq::text, 'eventId', b.id, 'at', b.at, 'problem', b.problem)
                             order by b.at nulls last, b.chain, b.seq), '[]') from (
          select * from links where problem is not null order by at nulls last, chain, seq limit ?) b) as breaks`,
    [from ?? null, to ?? null, MAX_BREAKS],
  )) as { checked: number; chains: ChainStatus[]; breaks: (Omit<ChainBreak, 'at'> & { at: string | null })[] }[];
  const { checked, chains, breaks } = row!;
  return {
    ok: breaks.length === 0,
    checked,
    chains,
    breaks: breaks.map((b) => ({ ...b, at: b.at ? new Date(b.at) : null })),
  };
}
