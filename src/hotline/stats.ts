import { badInput, forbidden } from '../platform/graphql/errors';
import { fromGlobalId } from '../platform/graphql/ids';
import type { HotlineContext } from './context';
import { isUuid } from './loaders';

export const STATS_GROUPS = ['NONE', 'UNIT', 'REGION', 'CATEGORY', 'TIER', 'MONTH'] as const;
export type StatsGroupBy = (typeof STATS_GROUPS)[number];

export type StatsFilter = {
  from: Date;
  to: Date;
  region?: string | null;
  unitId?: string | null;
  categoryCode?: string | null;
  groupBy?: StatsGroupBy | null;
};

export type RateRow = {
  key: string;
  cases: number;
  dispatched: number;
  respondedOnTime: number;
  followedUp: number;
  resolved: number;
  satisfied: number;
  finalReplies: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  score: number | null;
};

const GROUP_SQL: Record<StatsGroupBy, string> = {
  NONE: `'all'`,
  UNIT: `coalesce(c.lead_unit_id::text, 'none')`,
  REGION: `c.region_code`,
  CATEGORY: `coalesce(c.category_code, 'none')`,
  TIER: `coalesce(cat.tier, 'none')`,
  MONTH: `to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
};

/**
 * 三率 — response, resolution and satisfaction rates and their weighted score, by unit, region,
 * category, evaluation tier or month, computed in SQL (one statement).
 * - response rate: dispatched cases signed within the response window (the return window);
 * - resolution rate: followed-up cases the caller said were resolved;
 * - satisfaction rate: followed-up cases satisfied or basically satisfied.
 * Merged children count once (through their master); final replies (终结) leave every denominator.
 */
export async function caseStats(ctx: HotlineContext, filter: StatsFilter): Promise<{ totals: RateRow; groups: RateRow[]; weights: { response: number; resolution: number; satisfaction: number } }> {
  if (!ctx.ability.can('read', 'CaseStats')) throw forbidden('statistics are not available to your role');
  if (filter.to.getTime() <= filter.from.getTime()) throw badInput('filter.to', 'must be after filter.from');
  if (filter.to.getTime() - filter.from.getTime() > 3 * 366 * 86_400_000) throw badInput('filter.to', 'the period can be at most three years');
  const where = ['c.created_at >= ?', 'c.created_at < ?', `c.status <> 'MERGED'`];
  const params: unknown[] = [filter.from, filter.to];
  // Tenancy: a city account's statistics are its city's; the province sees its cities.
  if (ctx.principal.region) {
    where.push('c.region_path @> array[?]::text[]');
    params.push(ctx.principal.region);
  }
  if (filter.region) {
    if (!/^\d{6}$/.test(filter.region)) throw badInput('filter.region', 'must be a six-digit region code');
    where.push('c.region_path @> array[?]::text[]');
    params.push(filter.region);
  }
  if (filter.unitId) {
    const unit = fromGlobalId('Unit', filter.unitId);
    if (!unit || !isUuid(unit)) throw badInput('filter.unitId', 'is not a unit id');
    where.push('c.lead_unit_id = ?');
    params.push(unit);
  }
  if (filter.categoryCode) {
    where.push('c.category_code like ?');
    params.push(`${filter.categoryCode.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  }
  const group = GROUP_SQL[filter.groupBy ?? 'NONE'];
  const rows = (await ctx.em.execute(
    `select ${group} as key,
            count(*)::int as cases,
            count(*) filter (where c.dispatched_at is not null and not final)::int as dispatched,
            count(*) filter (where c.signed_at is not null and c.signed_at <= coalesce(c.return_deadline, c.dispatched_at + interval '24 hours') and not final)::int as responded_on_time,
            count(*) filter (where c.satisfaction is not null and not final)::int as followed_up,
            count(*) filter (where c.follow_up_resolved and not final)::int as resolved,
            count(*) filter (where c.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED') and not final)::int as satisfied,
            count(*) filter (where final)::int as final_replies
       from (select c.*, coalesce(c.reply_result = 'FINAL_REPLY', false) as final from hotline."case" c) c
       left join hotline.category cat on cat.code = c.category_code
      where ${where.join(' and ')}
      group by 1
      order by 2 desc`,
    params,
  )) as Record<string, number | string>[];
  const { evaluationWeights: weights } = await ctx.runtime.settings();
  const groups = rows.map((r) => rate(r, weights));
  const sum = (k: keyof RateRow) => groups.reduce((s, g) => s + (g[k] as number), 0);
  const totals = rate(
    {
      key: 'all',
      cases: sum('cases'),
      dispatched: sum('dispatched'),
      responded_on_time: sum('respondedOnTime'),
      followed_up: sum('followedUp'),
      resolved: sum('resolved'),
      satisfied: sum('satisfied'),
      final_replies: sum('finalReplies'),
    },
    weights,
  );
  return { totals, groups, weights };
}

function rate(r: Record<string, number | string>, weights: { response: number; resolution: number; satisfaction: number }): RateRow {
  const n = (k: string) => Number(r[k] ?? 0);
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
  const responseRate = ratio(n('responded_on_time'), n('dispatched'));
  const resolutionRate = ratio(n('resolved'), n('followed_up'));
  const satisfactionRate = ratio(n('satisfied'), n('followed_up'));
  const parts = [
    [responseRate, weights.response],
    [resolutionRate, weights.resolution],
    [satisfactionRate, weights.satisfaction],
  ].filter(([v]) => v !== null) as [number, number][];
  const weightSum = parts.reduce((s, [, w]) => s + w, 0);
  const score = weightSum === 0 ? null : Math.round((parts.reduce((s, [v, w]) => s + v * w, 0) / weightSum) * 10_000) / 100;
  return {
    key: String(r.key),
    cases: n('cases'),
    dispatched: n('dispatched'),
    respondedOnTime: n('responded_on_time'),
    followedUp: n('followed_up'),
    resolved: n('resolved'),
    satisfied: n('satisfied'),
    finalReplies: n('final_replies'),
    responseRate,
    resolutionRate,
    satisfactionRate,
    score,
  };
}
