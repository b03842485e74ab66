import type { EntityManager } from '../../platform/db/orm';
import { badInput } from '../../platform/graphql/errors';
import { PreparednessPlanEntity, type PreparednessPlan } from '../entities';

export type SeasonalRow = {
  categoryCode: string;
  /** Mean count in this month over the past years with data. */
  expected: number;
  min: number;
  max: number;
  lastYear: number;
  /** Cases per year in this month, oldest first. */
  byYear: { year: number; count: number }[];
  /** expected / the category's average month: above 1 means this is its season. */
  seasonalIndex: number;
  plans: PreparednessPlan[];
};

/**
 * 季节性研判 — the volume to expect by category in a month, from the same month of past years (the
 * current year excluded), with each category's seasonal index and the preparation plans (预案) that
 * units attached for it. One aggregate statement over the region's cases.
 */
export async function seasonalOutlook(em: EntityManager, region: string, month: number, now: Date): Promise<SeasonalRow[]> {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw badInput('month', 'must be 1 to 12');
  const thisYear = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const rows = (await em.execute(
    `with c as (
       select category_code, extract(year from created_at at time zone 'Asia/Shanghai')::int as year,
              extract(month from created_at at time zone 'Asia/Shanghai')::int as month
         from hotline."case"
        where region_path @> array[?]::text[] and status <> 'MERGED' and category_code is not null
          and created_at < make_timestamptz(?, 1, 1, 0, 0, 0, 'Asia/Shanghai'))
     select category_code, year, month, count(*)::int as n from c group by 1, 2, 3`,
    [region, thisYear],
  )) as { category_code: string; year: number; month: number; n: number }[];
  const years = [...new Set(rows.map((r) => r.year))].sort();
  if (years.length === 0) return [];
  const categories = [...new Set(rows.map((r) => r.category_code))];
  const plans = await em.find(PreparednessPlanEntity, { months: { $contains: [month] } }, { orderBy: { updatedAt: 'desc' } });
  return categories
    .map((code) => {
      const of = rows.filter((r) => r.category_code === code);
      const byYear = years.map((year) => ({ year, count: of.filter((r) => r.year === year && r.month === month).reduce((s, r) => s + r.n, 0) }));
      const counts = byYear.map((y) => y.count);
      const expected = counts.reduce((s, n) => s + n, 0) / counts.length;
      const averageMonth = of.reduce((s, r) => s + r.n, 0) / (years.length * 12);
      return {
        categoryCode: code,
        expected: Math.round(expected * 10) / 10,
        min: Math.min(...counts),
        max: Math.max(...counts),
        lastYear: byYear.at(-1)!.count,
        byYear,
        seasonalIndex: averageMonth === 0 ? 0 : Math.round((expected / averageMonth) * 100) / 100,
        plans: plans.filter((p) => code.startsWith(p.categoryCode) && (region.startsWith(p.regionCode.replace(/0+$/, '')) || p.regionCode.startsWith(region.replace(/0+$/, '')))),
      };
    })
    .filter((r) => r.expected > 0)
    .sort((a, b) => b.expected - a.expected);
}
