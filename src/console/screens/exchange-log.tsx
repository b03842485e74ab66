import type { CombinedError } from '@urql/core';
import { useClient, useQuery } from '@urql/preact';
import { useContext, useState } from 'preact/hooks';
import type { ExchangeLogFilter, VerifyExchangeLogQuery } from '../../../schema/generated/graphql';
import { documents } from '../api/documents';
import { chinaIso, chinaTime, presetPeriod, shortHash } from '../format';
import { LangContext, useT } from '../i18n';
import { label, PARTNERS } from '../labels';
import { ErrorBanner, Loading } from '../ui/feedback';
import { PeriodPicker, type Period } from '../ui/period';

/** Messages exchanged with partner systems, filtered, with the exchange log's own chain verification. */
export function ExchangeLog() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const client = useClient();
  const [partner, setPartner] = useState('');
  const [direction, setDirection] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [period, setPeriod] = useState<Period>(presetPeriod('last7Days'));
  const [filter, setFilter] = useState<ExchangeLogFilter>({ from: chinaIso(period!.from), to: chinaIso(period!.to) });
  const [after, setAfter] = useState<string | null>(null);
  const [result] = useQuery({ query: documents.exchangeLog, variables: { filter, first: 50, after } });
  const [verified, setVerified] = useState<VerifyExchangeLogQuery['verifyExchangeLog'] | null>(null);
  const [verifyError, setVerifyError] = useState<CombinedError | undefined>();
  const page = result.data?.exchangeLog;
  return (
    <section>
      <h2>{t('navExchange')}</h2>
      <p class="intro">{t('exchangeIntro')}</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setAfter(null);
          setFilter({
            partner: partner || null,
            direction: direction || null,
            caseNumber: caseNumber || null,
            ...(period ? { from: chinaIso(period.from), to: chinaIso(period.to) } : {}),
          });
        }}
      >
        <label>
          {t('partner')}
          <select value={partner} onChange={(e) => setPartner(e.currentTarget.value)}>
            <option value="">{t('any')}</option>
            {Object.entries(PARTNERS).map(([code, names]) => (
              <option value={code}>{names[lang]}</option>
            ))}
          </select>
        </label>
        <label>
          {t('direction')}
          <select value={direction} onChange={(e) => setDirection(e.currentTarget.value)}>
            <option value="">{t('any')}</option>
            <option value="IN">{t('IN')}</option>
            <option value="OUT">{t('OUT')}</option>
          </select>
        </label>
        <label>
          {t('caseNumber')}
          <input value={caseNumber} onInput={(e) => setCaseNumber(e.currentTarget.value)} />
        </label>
        <PeriodPicker presets={['last7Days', 'thisWeek', 'today', 'last30Days']} value={period} onChange={setPeriod} allowAll />
        <div class="actions">
          <button type="submit" class="primary">
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() =>
              void client
                .query(documents.verifyExchangeLog, {})
                .toPromise()
                .then((r) => {
                  setVerifyError(r.error);
                  setVerified(r.data?.verifyExchangeLog ?? null);
                })
            }
          >
            {t('verifyExchange')}
          </button>
        </div>
      </form>
      <ErrorBanner error={verifyError} />
      {verified ? (
        <p class={`banner ${verified.ok ? 'ok' : 'error'}`} data-testid="exchange-verdict" data-ok={String(verified.ok)}>
          {verified.ok ? t('exchangeIntact', { checked: verified.checked }) : t('exchangeBroken', { seq: verified.firstBrokenSeq ?? '?' })}
        </p>
      ) : null}
      <ErrorBanner error={result.error} />
      <Loading when={result.fetching} />
      {page && page.edges.length === 0 ? <p class="muted">{t('empty')}</p> : null}
      {page && page.edges.length > 0 ? (
        <table data-testid="exchange">
          <thead>
            <tr>
              <th>{t('time')}</th>
              <th>{t('partner')}</th>
              <th>{t('direction')}</th>
              <th>{t('messageType')}</th>
              <th>{t('caseNumber')}</th>
              <th>{t('outcome')}</th>
              <th>{t('httpStatus')}</th>
              <th>{t('signature')}</th>
              <th>{t('payloadHash')}</th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node: m }) => (
              <tr>
                <td class="nowrap">{chinaTime(m.at)}</td>
                <td>{label(PARTNERS, m.partner, lang)}</td>
                <td>{m.direction === 'IN' || m.direction === 'OUT' ? t(m.direction) : m.direction}</td>
                <td class="mono">{m.type}</td>
                <td class="mono">{m.caseNumber ?? '—'}</td>
                <td>{m.outcome}</td>
                <td>{m.httpStatus ?? '—'}</td>
                <td class="mono" title={m.signature ?? ''}>
                  {shortHash(m.signature, 16)}
                </td>
                <td class="mono" title={m.payloadHash ?? ''}>
                  {shortHash(m.payloadHash)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {page?.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(page.pageInfo.endCursor ?? null)}>
          {t('loadMore')}
        </button>
      ) : null}
    </section>
  );
}
