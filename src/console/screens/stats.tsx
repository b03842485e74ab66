import { useQuery } from '@urql/preact';
import { useMemo, useState } from 'preact/hooks';
import type { StatsGroupBy } from '../../../schema/generated/graphql';
import { documents } from '../api/documents';
import { useReference } from '../api/reference';
import { useSession } from '../auth/session';
import { chinaIso, percent, presetPeriod } from '../format';
import { useT, type MessageKey } from '../i18n';
import { Chart } from '../ui/chart';
import { ErrorBanner, Loading } from '../ui/feedback';
import { PeriodPicker, type Period } from '../ui/period';

const GROUPS: StatsGroupBy[] = ['UNIT', 'UNIT_KIND', 'TIER', 'REGION', 'CATEGORY', 'MONTH'];

/** 分档分类 by the lead unit's kind: the keys the hub groups by. */
const UNIT_KINDS: Record<string, MessageKey> = { DISTRICT: 'kindDistrict', TOWNSHIP: 'kindTownship', DEPARTMENT: 'kindDepartment', ENTERPRISE: 'kindEnterprise', HOTLINE: 'kindHotline' };

/** 三率 and on-time response by unit, region, category, evaluation tier or month, with the configured weights. */
export function Stats() {
  const t = useT();
  const session = useSession();
  const reference = useReference();
  const [groupBy, setGroupBy] = useState<StatsGroupBy>('UNIT');
  const [period, setPeriod] = useState<Period>(presetPeriod('last30Days'));
  const region = session.claims.region ?? null;
  const [result] = useQuery({ query: documents.caseStats, variables: { filter: { from: chinaIso(period!.from), to: chinaIso(period!.to), region, groupBy } } });
  const stats = result.data?.caseStats;
  // The grouping the shown figures were asked with (the selector may already name the next one).
  const shown = (result.operation?.variables as { filter?: { groupBy?: StatsGroupBy } } | undefined)?.filter?.groupBy ?? groupBy;
  const name = (key: string) => {
    if (key === 'none') return '—';
    switch (shown) {
      case 'UNIT':
        return reference.unitName(key);
      case 'REGION':
        return reference.regionName(key);
      case 'CATEGORY':
        return reference.categoryName(key);
      case 'TIER':
        return t('tierN', { tier: key });
      case 'UNIT_KIND':
        return UNIT_KINDS[key] ? t(UNIT_KINDS[key]) : key;
      case 'MONTH':
      case 'NONE':
        return key;
      default: {
        const unknown: never = shown;
        return String(unknown);
      }
    }
  };
  const groups = [...(stats?.groups ?? [])].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('responseRate'), t('resolutionRate'), t('satisfactionRate')], top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: shown === 'MONTH' || shown === 'TIER' ? 28 : 110 },
      xAxis: { type: 'category', data: groups.slice(0, 20).map((g) => name(g.key)), axisLabel: { rotate: shown === 'MONTH' || shown === 'TIER' ? 0 : 40, interval: 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: (['responseRate', 'resolutionRate', 'satisfactionRate'] as const).map((k) => ({
        name: t(k),
        type: 'bar',
        data: groups.slice(0, 20).map((g) => (g[k] === null || g[k] === undefined ? null : Number(((g[k] as number) * 100).toFixed(1)))),
      })),
    }),
    [stats, reference, t],
  );
  return (
    <section>
      <h2>{t('navStats')}</h2>
      <p class="intro">
        {t('statsIntro')} · {reference.regionName(region)}
      </p>
      <div class="filters">
        <label>
          {t('groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value as StatsGroupBy)}>
            {GROUPS.map((g) => (
              <option value={g}>{t(g)}</option>
            ))}
          </select>
        </label>
        <PeriodPicker presets={['last30Days', 'thisMonth', 'lastMonth', 'thisYear']} value={period} onChange={(p) => p && setPeriod(p)} />
      </div>
      <ErrorBanner error={result.error} />
      <Loading when={result.fetching} />
      {stats ? (
        <>
          <p class="muted">{t('weights', { r: stats.weights.response, s: stats.weights.resolution, f: stats.weights.satisfaction })}</p>
          {groups.length > 0 ? <Chart option={chart} label={t('navStats')} /> : null}
          <table data-testid="stats">
            <thead>
              <tr>
                <th>{t('group')}</th>
                <th>{t('cases')}</th>
                <th>{t('dispatched')}</th>
                <th>{t('respondedOnTime')}</th>
                <th>{t('resolved')}</th>
                <th>{t('satisfied')}</th>
                <th>{t('finalReplies')}</th>
                <th>{t('responseRate')}</th>
                <th>{t('resolutionRate')}</th>
                <th>{t('satisfactionRate')}</th>
                <th>{t('score')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr>
                  <td>{name(g.key)}</td>
                  <td>{g.cases}</td>
                  <td>{g.dispatched}</td>
                  <td>{g.respondedOnTime}</td>
                  <td>{g.resolved}</td>
                  <td>{g.satisfied}</td>
                  <td>{g.finalReplies}</td>
                  <td>{percent(g.responseRate)}</td>
                  <td>{percent(g.resolutionRate)}</td>
                  <td>{percent(g.satisfactionRate)}</td>
                  <td>{g.score === null || g.score === undefined ? '—' : g.score.toFixed(1)}</td>
                </tr>
              ))}
              <tr class="total">
                <th>{t('total')}</th>
                <td>{stats.totals.cases}</td>
                <td>{stats.totals.dispatched}</td>
                <td>{stats.totals.respondedOnTime}</td>
                <td>{stats.totals.resolved}</td>
                <td>{stats.totals.satisfied}</td>
                <td>{stats.totals.finalReplies}</td>
                <td>{percent(stats.totals.responseRate)}</td>
                <td>{percent(stats.totals.resolutionRate)}</td>
                <td>{percent(stats.totals.satisfactionRate)}</td>
                <td>{stats.totals.score === null || stats.totals.score === undefined ? '—' : stats.totals.score.toFixed(1)}</td>
              </tr>
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
