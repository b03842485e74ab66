import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/preact';
import { useState } from 'preact/hooks';
import type { VerifyAuditChainQuery } from '../../../schema/generated/graphql';
import { documents } from '../api/documents';
import { chinaIso, chinaTime } from '../format';
import { useT } from '../i18n';
import { Copyable } from '../ui/copy';
import { ErrorBanner, Loading } from '../ui/feedback';
import { PeriodPicker, type Period } from '../ui/period';

/** Verifies the access log's chains and shows each chain's head (sequence and hash) to record elsewhere. */
export function ChainVerification() {
  const t = useT();
  const client = useClient();
  const [period, setPeriod] = useState<Period>(null);
  const [report, setReport] = useState<VerifyAuditChainQuery['verifyAuditChain'] | null>(null);
  const [error, setError] = useState<CombinedError | undefined>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    const result = await client.query(documents.verifyAuditChain, period ? { from: chinaIso(period.from), to: chinaIso(period.to) } : {}).toPromise();
    setBusy(false);
    setError(result.error);
    setReport(result.data?.verifyAuditChain ?? null);
  };
  return (
    <section>
      <h2>{t('navChain')}</h2>
      <p class="intro">{t('chainIntro')}</p>
      <div class="filters">
        <PeriodPicker presets={['thisWeek', 'today', 'last7Days', 'last30Days', 'thisYear']} value={period} onChange={setPeriod} allowAll initial="all" />
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void verify()}>
            {busy ? t('verifying') : t('verify')}
          </button>
        </div>
      </div>
      <ErrorBanner error={error} />
      <Loading when={busy} />
      {report ? (
        <>
          <p class={`banner ${report.ok ? 'ok' : 'error'}`} data-testid="chain-result" data-ok={String(report.ok)}>
            {report.ok ? t('chainIntact', { checked: report.checked }) : t('chainBroken', { count: report.breaks.length, first: `${report.breaks[0]?.chain} #${report.breaks[0]?.seq}` })}
          </p>
          <table data-testid="chains">
            <thead>
              <tr>
                <th>{t('chain')}</th>
                <th>{t('checked')}</th>
                <th>{t('firstSeq')}</th>
                <th>{t('lastSeq')}</th>
                <th>{t('lastHash')}</th>
                <th>{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {report.chains.map((c) => (
                <tr data-chain={c.chain}>
                  <td class="mono">{c.chain}</td>
                  <td>{c.checked}</td>
                  <td class="mono">{c.firstSeq ?? '—'}</td>
                  <td class="mono">{c.lastSeq ?? '—'}</td>
                  <td>{c.lastHash ? <Copyable value={c.lastHash} /> : '—'}</td>
                  <td class={c.ok ? 'good' : 'bad'}>{c.ok ? t('ok') : t('broken')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.breaks.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th>{t('chain')}</th>
                  <th>{t('lastSeq')}</th>
                  <th>{t('time')}</th>
                  <th>{t('problem')}</th>
                </tr>
              </thead>
              <tbody>
                {report.breaks.map((b) => (
                  <tr>
                    <td class="mono">{b.chain}</td>
                    <td class="mono">{b.seq}</td>
                    <td>{chinaTime(b.at)}</td>
                    <td>{b.problem}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

