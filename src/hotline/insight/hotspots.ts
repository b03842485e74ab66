import type { EntityManager } from '../../platform/db/orm';
import { badInput } from '../../platform/graphql/errors';
import type { HotlineSettings } from '../defaults';
import { poissonUpperTail } from './poisson';

export type Hotspot = {
  /** Township/street code, or the district code for cases without a township. */
  place: string;
  grid?: string;
  categoryCode: string;
  observed: number;
  /** Cases expected in the window at the place's own baseline rate. */
  expected: number;
  baselineCount: number;
  baselineDays: number;
  /** Poisson probability of at least `observed` cases at the expected rate. */
  pValue: number;
  /** observed / expected. */
  ratio: number;
  caseIds: string[];
};

/** `regionPath`: a province, city or district code (cases under it), or a township code. */
export type HotspotQuery = { regionPath: string; from: Date; to: Date; categoryCode?: string | null };

/**
 * 高频事项发现 — places (township, and grid when known) × categories whose case count in [from, to)
 * rises significantly above their own baseline. The test: with λ = the cell's daily rate over the
 * `baselineDays` before `from` (at least `minDailyRate`) times the window's length, the cell is a
 * hotspot when P(X ≥ observed | λ) < `alpha` and observed ≥ `minCount`. Counted in SQL in one
 * statement; merged children count once (through their master).
 */
export async function findHotspots(em: EntityManager, settings: HotlineSettings['hotspot'], q: HotspotQuery): Promise<Hotspot[]> {
  const windowDays = (q.to.getTime() - q.from.getTime()) / 86_400_000;
  if (windowDays <= 0) throw badInput('to', 'must be after from');
  if (windowDays > 92) throw badInput('to', 'a hotspot window is at most 92 days');
  const baselineFrom = new Date(q.from.getTime() - settings.baselineDays * 86_400_000);
  const rows = (await em.execute(
    `select coalesce(c.township_code, c.region_code) as place, c.grid, c.category_code,
            count(*) filter (where c.created_at >= ?)::int as observed,
            count(*) filter (where c.created_at < ?)::int as baseline,
            array_agg(c.id order by c.created_at) filter (where c.created_at >= ?) as case_ids
       from hotline."case" c
      where c.created_at >= ? and c.created_at < ? and c.status <> 'MERGED' and c.category_code is not null
        and (c.region_path @> array[?]::text[] or c.township_code = ?) ${q.categoryCode ? 'and c.category_code like ?' : ''}
      group by 1, 2, 3
     having count(*) filter (where c.created_at >= ?) >= ?`,
    [q.from, q.from, q.from, baselineFrom, q.to, q.regionPath, q.regionPath, ...(q.categoryCode ? [`${q.categoryCode}%`] : []), q.from, settings.minCount],
  )) as { place: string; grid: string | null; category_code: string; observed: number; baseline: number; case_ids: string[] }[];
  return rows
    .map((r) => {
      const rate = Math.max(r.baseline / settings.baselineDays, settings.minDailyRate);
      const expected = rate * windowDays;
      return {
        place: r.place,
        grid: r.grid ?? undefined,
        categoryCode: r.category_code,
        observed: r.observed,
        expected: Math.round(expected * 1000) / 1000,
        baselineCount: r.baseline,
        baselineDays: settings.baselineDays,
        pValue: poissonUpperTail(r.observed, expected),
        ratio: Math.round((r.observed / expected) * 100) / 100,
        caseIds: r.case_ids,
      };
    })
    .filter((h) => h.pValue < settings.alpha)
    .sort((a, b) => a.pValue - b.pValue || b.ratio - a.ratio);
}
