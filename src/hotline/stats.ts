import { badInput, forbidden } from '../platform/graphql/errors';
import { fromGlobalId } from '../platform/graphql/ids';
import type { HotlineContext } from './context';
import { isUuid } from './loaders';

export const STATS_GROUPS = ['NONE', 'UNIT', 'UNIT_KIND', 'REGION', 'CATEGORY', 'TIER', 'MONTH'] as const;
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
  responseDue: number;
  respondedOnTime: number;
  completionDue: number;
  completedOnTime: number;
  followUpDue: number;
  followUpReached: number;
  followedUp: number;
  resolved: number;
  satisfied: number;
  callers: number;
  repeatCalls: number;
  finalReplies: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeCompletionRate: number | null;
  followUpRate: number | null;
  repeatCallRate: number | null;
  score: number | null;
};

/** 分档分类 by the kind of the lead unit: district, township/street, line department, enterprise (utility). */
const UNIT_TIER = `case u.kind when 'DISTRICT_GOVERNMENT' then 'DISTRICT' when 'TOWNSHIP_GOVERNMENT' then 'TOWNSHIP' when 'STREET_OFFICE' then 'TOWNSHIP'
  when 'LINE_DEPARTMENT' then 'DEPARTMENT' when 'PUBLIC_UTILITY' then 'ENTERPRISE' when 'HOTLINE_CENTRE' then 'HOTLINE' else 'none' end`;

const GROUP_SQL: Record<StatsGroupBy, string> = {
  NONE: `'all'`,
  UNIT: `coalesce(c.lead_unit_id::text, 'none')`,
  UNIT_KIND: UNIT_TIER,
  REGION: `c.region_code`,
  CATEGORY: `coalesce(c.category_code, 'none')`,
  TIER: `coalesce(cat.tier, 'none')`,
  MONTH: `to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
};

/**
 * 三率 and the centre's other rates, by unit, unit kind, region, category, evaluation tier or month,
 * in one SQL statement. The rules (README "A case from call to close" states them):
 * - 响应率 (response): of dispatched cases whose signing window has passed (or that are signed), those
 *   the lead unit signed within it — a co-unit's signature is not the unit's response; the window is
 *   fresh after a reopening or a rejected objection; a late signing in any cycle makes the case late;
 * - 按期办结率 (on-time completion): of dispatched cases replied or past their deadline, those replied
 *   in time in every cycle;
 * - 回访率 (follow-up): of cases whose follow-up is done or due (callers who can be called), those
 *   whose caller was reached;
 * - 解决率 / 满意率 (resolution / satisfaction): of cases whose caller answered a follow-up, by the
 *   last answer given — a case closed unreachable after an earlier answer keeps that answer (every
 *   answer stays in the case's follow-ups);
 * - 重复来电率 (repeat calls): of cases with a caller's number, those whose caller had another case in
 *   the `repeatCallWindowDays` before.
 * A merged case waiting for its master counts nowhere; once its master closes, its own follow-up
 * counts (each caller in their own right) while the handling counts once, on the master. Final
 * replies (终结) leave every denominator but the case count.
 */
export async function caseStats(ctx: HotlineContext, filter: StatsFilter): Promise<{ totals: RateRow; groups: RateRow[]; weights: { response: number; resolution: number; satisfaction: number } }> {
  if (!ctx.ability.can('read', 'CaseStats')) throw forbidden('statistics are not available to your role');
  if (filter.to.getTime() <= filter.from.getTime()) throw badInput('filter.to', 'must be after filter.from');
  if (filter.to.getTime() - filter.from.getTime() > 3 * 366 * 86_400_000) throw badInput('filter.to', 'the period can be at most three years');
  const settings = await ctx.runtime.settings();
  const now = ctx.clock.now();
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
    `with p as (select ?::timestamptz as now, ?::int as repeat_days)
     select ${group} as key,
            count(*)::int as cases,
            count(*) filter (where c.dispatched_at is not null and not final)::int as dispatched,
            count(*) filter (where c.dispatched_at is not null and not final
              and (c.signed_at is not null or c.late_signings > 0 or coalesce(c.response_due_at, c.return_deadline) < p.now))::int as response_due,
            count(*) filter (where c.dispatched_at is not null and not final and c.signed_at is not null and c.late_signings = 0
              and c.signed_at <= coalesce(c.response_due_at, c.return_deadline, c.signed_at))::int as responded_on_time,
            count(*) filter (where c.dispatched_at is not null and not final
              and (c.replied_at is not null or c.late_replies > 0 or c.due_at < p.now))::int as completion_due,
            count(*) filter (where c.dispatched_at is not null and not final and c.replied_at is not null and c.late_replies = 0
              and c.replied_at <= coalesce(c.due_at, c.replied_at))::int as completed_on_time,
            count(*) filter (where not final and not c.caller_anonymous
              and (c.close_reason in ('FOLLOW_UP', 'UNREACHABLE') or (c.follow_up_due_at is not null and (c.status <> 'FOLLOW_UP_PENDING' or c.follow_up_due_at < p.now) and c.status <> 'MERGED')))::int as follow_up_due,
            count(*) filter (where not final and exists (select 1 from hotline.follow_up f where f.case_id = c.id and f.reached))::int as follow_up_reached,
            count(*) filter (where c.satisfaction is not null and not final)::int as followed_up,
            count(*) filter (where c.follow_up_resolved and not final)::int as resolved,
            count(*) filter (where c.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED') and not final)::int as satisfied,
            count(*) filter (where c.caller_phone_hash is not null)::int as callers,
            count(*) filter (where c.caller_phone_hash is not null and exists (
              select 1 from hotline."case" earlier where earlier.caller_phone_hash = c.caller_phone_hash and earlier.id <> c.id
                and earlier.created_at < c.created_at and earlier.created_at >= c.created_at - make_interval(days => p.repeat_days)))::int as repeat_calls,
            count(*) filter (where final)::int as final_replies
       from (select c.*, coalesce(c.reply_result = 'FINAL_REPLY', false) as final from hotline."case" c) c
       cross join p
       left join hotline.category cat on cat.code = c.category_code
       left join hotline.unit u on u.id = c.lead_unit_id
      where ${where.join(' and ')}
      group by 1
      order by 2 desc`,
    [now, settings.repeatCallWindowDays, ...params],
  )) as Record<string, number | string>[];
  const weights = settings.evaluationWeights;
  const groups = rows.map((r) => rate(r, weights));
  const sum = (k: keyof RateRow) => groups.reduce((s, g) => s + (g[k] as number), 0);
  const totals = rate(
    {
      key: 'all',
      cases: sum('cases'),
      dispatched: sum('dispatched'),
      response_due: sum('responseDue'),
      responded_on_time: sum('respondedOnTime'),
      completion_due: sum('completionDue'),
      completed_on_time: sum('completedOnTime'),
      follow_up_due: sum('followUpDue'),
      follow_up_reached: sum('followUpReached'),
      followed_up: sum('followedUp'),
      resolved: sum('resolved'),
      satisfied: sum('satisfied'),
      callers: sum('callers'),
      repeat_calls: sum('repeatCalls'),
      final_replies: sum('finalReplies'),
    },
    weights,
  );
  return { totals, groups, weights };
}

function rate(r: Record<string, number | string>, weights: { response: number; resolution: number; satisfaction: number }): RateRow {
  const n = (k: string) => Number(r[k] ?? 0);
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
  const responseRate = ratio(n('responded_on_time'), n('response_due'));
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
    responseDue: n('response_due'),
    respondedOnTime: n('responded_on_time'),
    completionDue: n('completion_due'),
    completedOnTime: n('completed_on_time'),
    followUpDue: n('follow_up_due'),
    followUpReached: n('follow_up_reached'),
    followedUp: n('followed_up'),
    resolved: n('resolved'),
    satisfied: n('satisfied'),
    callers: n('callers'),
    repeatCalls: n('repeat_calls'),
    finalReplies: n('final_replies'),
    responseRate,
    resolutionRate,
    satisfactionRate,
    onTimeCompletionRate: ratio(n('completed_on_time'), n('completion_due')),
    followUpRate: ratio(n('follow_up_reached'), n('follow_up_due')),
    repeatCallRate: ratio(n('repeat_calls'), n('callers')),
    score,
  };
}
