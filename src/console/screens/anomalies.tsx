import { useQuery } from '@urql/preact';
import { useContext, useState } from 'preact/hooks';
import type { AccessAnomaliesQuery } from '../../../schema/generated/graphql';
import { documents } from '../api/documents';
import { useReference } from '../api/reference';
import { chinaIso, chinaTime, presetPeriod } from '../format';
import { LangContext, useT, type MessageKey } from '../i18n';
import { label, PURPOSES, ROLES } from '../labels';
import { href } from '../router';
import { ErrorBanner, Loading } from '../ui/feedback';
import { PeriodPicker, type Period } from '../ui/period';

type Report = AccessAnomaliesQuery['accessAnomalies'];
type Finding = Report['bulkContactReads'][number];
const SECTIONS: { key: 'bulkContactReads' | 'offHoursReads' | 'unjustifiedReads' | 'repeatedDenials'; filter: Record<string, string> }[] = [
  { key: 'bulkContactReads', filter: { field: 'caller.phone', decision: 'ALLOWED' } },
  { key: 'offHoursReads', filter: { decision: 'ALLOWED' } },
  { key: 'unjustifiedReads', filter: { decision: 'ALLOWED' } },
  { key: 'repeatedDenials', filter: { decision: 'DENIED' } },
];

/** The unusual-access report, each finding linked to the events behind it. */
export function Anomalies() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const reference = useReference();
  const [period, setPeriod] = useState<Period>(presetPeriod('last7Days'));
  const window = { from: chinaIso(period!.from), to: chinaIso(period!.to) };
  const [result] = useQuery({ query: documents.accessAnomalies, variables: window });
  const report = result.data?.accessAnomalies;
  const eventsOf = (f: Finding, extra: Record<string, string>) =>
    href('/audit/events', { principalId: f.principalId, from: window.from, to: window.to, ...extra, purpose: f.purpose ?? undefined });
  return (
    <section>
      <h2>{t('navAnomalies')}</h2>
      <p class="intro">{t('anomaliesIntro')}</p>
      <div class="filters">
        <PeriodPicker presets={['last7Days', 'thisWeek', 'today', 'last30Days', 'thisMonth']} value={period} onChange={(p) => p && setPeriod(p)} />
      </div>
      <ErrorBanner error={result.error} />
      <Loading when={result.fetching} />
      {report ? (
        <>
          <p class="muted">
            {t('thresholds', { bulk: report.thresholds.bulkReadThreshold, denials: report.thresholds.denialThreshold, hours: report.thresholds.workHours, zone: report.thresholds.timeZone })}
          </p>
          {SECTIONS.map(({ key, filter }) => (
            <div class="panel" data-testid={key}>
              <h3>
                {t(key as MessageKey)} <span class="count">{report[key].length}</span>
              </h3>
              {report[key].length === 0 ? (
                <p class="muted">{t('empty')}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th>{t('person')}</th>
                      <th>{t('role')}</th>
                      <th>{t('unit')}</th>
                      <th>{t('purpose')}</th>
                      <th>{t('decisions')}</th>
                      <th>{t('events')}</th>
                      <th>{t('distinctSubjects')}</th>
                      <th>{t('firstAt')}</th>
                      <th>{t('lastAt')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {report[key].map((f) => (
                      <tr>
                        <td>{f.principalId}</td>
                        <td>{label(ROLES, f.role, lang)}</td>
                        <td>{f.unit ? reference.unitName(f.unit) : '—'}</td>
                        <td>{label(PURPOSES, f.purpose, lang)}</td>
                        <td>{f.decisions}</td>
                        <td>{f.events}</td>
                        <td>{f.distinctSubjects}</td>
                        <td class="nowrap">{chinaTime(f.firstAt)}</td>
                        <td class="nowrap">{chinaTime(f.lastAt)}</td>
                        <td>
                          <a href={eventsOf(f, filter)}>{t('viewEvents')}</a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
