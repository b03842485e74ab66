import { useClient, useQuery } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { documents } from '../api/documents';
import { useReference } from '../api/reference';
import { useSession } from '../auth/session';
import { chinaParts } from '../format';
import { useT } from '../i18n';
import { Chart } from '../ui/chart';
import { ErrorBanner, Loading } from '../ui/feedback';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const TOP = 6;

/** The seasonal outlook: a month's expected requests by category, and the year's seasonal index of the leading categories. */
export function Outlook() {
  const t = useT();
  const client = useClient();
  const session = useSession();
  const reference = useReference();
  const region = session.claims.region ?? '';
  const next = (chinaParts(new Date()).month % 12) + 1;
  const [month, setMonth] = useState(next);
  const [result] = useQuery({ query: documents.seasonalOutlook, variables: { region, month }, pause: !region });
  const rows = (result.data?.seasonalOutlook ?? []).filter((r) => r.expected > 0 || r.lastYear > 0).sort((a, b) => b.expected - a.expected);
  const [year, setYear] = useState<Record<string, number[]> | null>(null);
  useEffect(() => {
    if (!region) return;
    let live = true;
    void Promise.all(MONTHS.map((m) => client.query(documents.seasonalOutlook, { region, month: m }).toPromise())).then((results) => {
      if (!live || results.some((r) => r.error)) return;
      const byCategory: Record<string, number[]> = {};
      results.forEach((r, i) => {
        for (const row of r.data!.seasonalOutlook) {
          const name = row.category?.name ?? '—';
          (byCategory[name] ??= MONTHS.map(() => 0))[i] = row.seasonalIndex;
        }
      });
      setYear(byCategory);
    });
    return () => {
      live = false;
    };
  }, [region]);
  const monthChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('expected'), t('lastYear')], top: 0 },
      grid: { left: 140, right: 24, top: 36, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.slice(0, 12).map((r) => r.category?.name ?? '—') },
      series: [
        { name: t('expected'), type: 'bar', data: rows.slice(0, 12).map((r) => Number(r.expected.toFixed(1))), itemStyle: { color: '#1f6feb' } },
        { name: t('lastYear'), type: 'bar', data: rows.slice(0, 12).map((r) => r.lastYear), itemStyle: { color: '#9aa7b4' } },
      ],
    }),
    [result.data, t],
  );
  const leaders = year
    ? Object.entries(year)
        .sort((a, b) => Math.max(...b[1]) - Math.max(...a[1]))
        .slice(0, TOP)
    : [];
  const yearChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: leaders.map(([name]) => name), type: 'scroll', top: 0 },
      grid: { left: 48, right: 24, top: 56, bottom: 24 },
      xAxis: { type: 'category', data: MONTHS.map((m) => t('monthN', { n: m })) },
      yAxis: { type: 'value', name: t('seasonalIndex') },
      series: leaders.map(([name, values]) => ({ name, type: 'line', data: values.map((v) => Number(v.toFixed(2))) })),
    }),
    [year, t],
  );
  return (
    <section>
      <h2>{t('navOutlook')}</h2>
      <p class="intro">
        {t('outlookIntro')} · {reference.regionName(region)}
      </p>
      <div class="filters">
        <label>
          {t('month')}
          <select value={String(month)} onChange={(e) => setMonth(Number(e.currentTarget.value))}>
            {MONTHS.map((m) => (
              <option value={String(m)}>{t('monthN', { n: m })}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={result.error} />
      <Loading when={result.fetching} />
      {rows.length > 0 ? <Chart option={monthChart} label={t('navOutlook')} height={Math.max(240, Math.min(rows.length, 12) * 34 + 60)} /> : null}
      {leaders.length > 0 ? (
        <>
          <h3>{t('seasonalYear', { n: leaders.length })}</h3>
          <Chart option={yearChart} label={t('seasonalYear', { n: leaders.length })} />
        </>
      ) : null}
      {rows.length > 0 ? (
        <table data-testid="outlook">
          <thead>
            <tr>
              <th>{t('category')}</th>
              <th>{t('expected')}</th>
              <th>{t('range')}</th>
              <th>{t('lastYear')}</th>
              <th>{t('seasonalIndex')}</th>
              <th>{t('byYear')}</th>
              <th>{t('plans')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.category?.name ?? '—'}</td>
                <td>{r.expected.toFixed(1)}</td>
                <td>
                  {r.min}–{r.max}
                </td>
                <td>{r.lastYear}</td>
                <td class={r.seasonalIndex > 1.5 ? 'bad' : ''}>{r.seasonalIndex.toFixed(2)}</td>
                <td class="muted">{r.byYear.map((y) => `${y.year}: ${y.count}`).join(' · ')}</td>
                <td>{r.plans.map((p) => `${p.title}${p.unit ? `（${p.unit.name}）` : ''}`).join('；') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
