import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { LocateCasesQuery, VerifyAuditChainQuery } from '../../../schema/generated/graphql';
import { documents } from '../api/documents';
import { useReference } from '../api/reference';
import { chinaIso, chinaTime } from '../format';
import { LangContext, useT } from '../i18n';
import { FIELDS, label, PURPOSES, ROLES } from '../labels';
import { href, useRoute } from '../router';
import { ErrorBanner, Loading } from '../ui/feedback';
import { PeriodPicker, type Period } from '../ui/period';
import { presetPeriod } from '../format';
import { EventRows, fetchEvents, type AccessEvent } from './events';

type Located = LocateCasesQuery['locateCases'][number];
type Reader = { principalId: string; role: string; unit: string | null | undefined; purposes: Set<string>; decisions: Record<string, number>; reads: number; first: string; last: string };

/**
 * "Who read this person's phone number this week, and was the chain intact?" — without writing a
 * query: find the person's cases by phone or case number (references only), list who read the
 * chosen field in the period, person by person, with the events behind it, and verify the log
 * chain over the same period.
 */
export function SubjectLookup() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const client = useClient();
  const reference = useReference();
  const { params } = useRoute();
  const [phone, setPhone] = useState(params.get('phone') ?? '');
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [field, setField] = useState(params.get('field') ?? 'caller.phone');
  const [period, setPeriod] = useState<Period>(presetPeriod('thisWeek'));
  const [cases, setCases] = useState<Located[] | null>(null);
  const [events, setEvents] = useState<AccessEvent[] | null>(null);
  const [chain, setChain] = useState<VerifyAuditChainQuery['verifyAuditChain'] | null>(null);
  const [error, setError] = useState<CombinedError | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (located: Located[]) => {
    const window = period ? { from: chinaIso(period.from), to: chinaIso(period.to) } : {};
    const all: AccessEvent[] = [];
    for (const c of located) {
      const result = await fetchEvents(client, { caseId: c.caseId, field: field || null, ...window }, 500);
      if (result.error) return setError(result.error);
      all.push(...result.events);
    }
    all.sort((a, b) => b.at.localeCompare(a.at));
    setEvents(all);
    const verified = await client.query(documents.verifyAuditChain, window).toPromise();
    if (verified.error) return setError(verified.error);
    setChain(verified.data!.verifyAuditChain);
  };

  const locate = async (event?: Event) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    setEvents(null);
    setChain(null);
    try {
      const preset = params.get('caseId');
      if (preset && !phone && !number) {
        const only = [{ caseId: preset, number: params.get('number') ?? preset, registeredAt: '', region: '' }];
        setCases(only);
        return await run(only);
      }
      const result = await client.query(documents.locateCases, { callerPhone: phone || null, number: number || null }).toPromise();
      if (result.error) return setError(result.error);
      const found = result.data!.locateCases;
      setCases(found);
      if (found.length) await run(found);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (params.get('caseId') || params.get('phone') || params.get('number')) void locate();
  }, []);

  const readers = new Map<string, Reader>();
  for (const e of events ?? []) {
    const r = readers.get(e.principalId) ?? { principalId: e.principalId, role: e.role, unit: e.unit, purposes: new Set(), decisions: {}, reads: 0, first: e.at, last: e.at };
    r.reads++;
    if (e.purpose) r.purposes.add(e.purpose);
    for (const f of e.fields) if (!field || f.path === field) r.decisions[f.decision] = (r.decisions[f.decision] ?? 0) + 1;
    if (e.at < r.first) r.first = e.at;
    if (e.at > r.last) r.last = e.at;
    readers.set(e.principalId, r);
  }
  const numbers = Object.fromEntries((cases ?? []).map((c) => [c.caseId, c.number]));

  return (
    <section>
      <h2>{t('navSubject')}</h2>
      <p class="intro">{t('subjectIntro')}</p>
      <form class="filters" onSubmit={(e) => void locate(e)}>
        <label>
          {t('callerPhone')}
          <input name="phone" inputMode="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} placeholder="138…" />
        </label>
        <label>
          {t('caseNumber')}
          <input name="number" value={number} onInput={(e) => setNumber(e.currentTarget.value)} placeholder="12345-…" />
        </label>
        <label>
          {t('field')}
          <select name="field" value={field} onChange={(e) => setField(e.currentTarget.value)}>
            <option value="">{t('any')}</option>
            {Object.entries(FIELDS).map(([path, names]) => (
              <option value={path}>{names[lang]}</option>
            ))}
          </select>
        </label>
        <PeriodPicker presets={['thisWeek', 'today', 'last7Days', 'last30Days', 'thisYear']} value={period} onChange={setPeriod} allowAll />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('locate')}
          </button>
        </div>
      </form>
      <ErrorBanner error={error} />
      <Loading when={busy} />
      {cases && cases.length === 0 ? <p class="muted">{t('noCasesFound')}</p> : null}
      {cases && cases.length > 0 ? (
        <div class="panel">
          <h3>{t('locatedCases')}</h3>
          <ul class="cases" data-testid="located-cases">
            {cases.map((c) => (
              <li>
                <strong>{c.number}</strong>
                {c.registeredAt ? <span class="muted"> · {t('registeredAt')} {chinaTime(c.registeredAt, false)} · {reference.regionName(c.region)}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {events ? (
        <div class="panel">
          <h3>{field ? t('whoRead', { field: label(FIELDS, field, lang) }) : t('whoReadAll')}</h3>
          {readers.size === 0 ? <p class="muted">{t('empty')}</p> : null}
          {readers.size > 0 ? (
            <table data-testid="readers">
              <thead>
                <tr>
                  <th>{t('person')}</th>
                  <th>{t('role')}</th>
                  <th>{t('unit')}</th>
                  <th>{t('purpose')}</th>
                  <th>{t('decision')}</th>
                  <th>{t('reads')}</th>
                  <th>{t('firstAt')}</th>
                  <th>{t('lastAt')}</th>
                </tr>
              </thead>
              <tbody>
                {[...readers.values()].map((r) => (
                  <tr data-principal={r.principalId}>
                    <td>
                      <a href={href('/audit/events', { principalId: r.principalId })}>{r.principalId}</a>
                    </td>
                    <td>{label(ROLES, r.role, lang)}</td>
                    <td>{r.unit ? reference.unitName(r.unit) : '—'}</td>
                    <td>{[...r.purposes].map((p) => label(PURPOSES, p, lang)).join('、') || '—'}</td>
                    <td>
                      {Object.entries(r.decisions).map(([d, n]) => (
                        <span class={`chip ${d.toLowerCase()}`}>
                          {t(d as 'ALLOWED')} × {n}
                        </span>
                      ))}
                    </td>
                    <td>{r.reads}</td>
                    <td class="nowrap">{chinaTime(r.first)}</td>
                    <td class="nowrap">{chinaTime(r.last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
      {chain ? (
        <div class={`panel chain-result ${chain.ok ? 'ok' : 'broken'}`} data-testid="chain-result" data-ok={String(chain.ok)}>
          <h3>{t('chainForPeriod')}</h3>
          <p>
            {chain.ok
              ? t('chainIntact', { checked: chain.checked })
              : t('chainBroken', { count: chain.breaks.length, first: `${chain.breaks[0]?.chain} #${chain.breaks[0]?.seq}` })}{' '}
            <a href={href('/audit/chain')}>{t('navChain')}</a>
          </p>
        </div>
      ) : null}
      {events && events.length > 0 ? (
        <div class="panel">
          <h3>{t('timeline')}</h3>
          <EventRows rows={events} caseNumbers={numbers} />
        </div>
      ) : null}
    </section>
  );
}
