import { useMutation, useQuery } from '@urql/preact';
import { useContext, useState } from 'preact/hooks';
import { documents } from '../api/documents';
import { useReference } from '../api/reference';
import { useSession } from '../auth/session';
import { chinaTime } from '../format';
import { isMessageKey, LangContext, useT } from '../i18n';
import { ErrorBanner, Loading } from '../ui/feedback';

/** Risk warnings, newest first; a dispatcher acknowledges one with a note (recorded with who and when). */
export function Warnings() {
  const t = useT();
  useContext(LangContext);
  const reference = useReference();
  const session = useSession();
  const [showAcknowledged, setShowAcknowledged] = useState(false);
  const [result, refetch] = useQuery({ query: documents.riskWarnings, variables: { acknowledged: showAcknowledged ? null : false, first: 50 } });
  const [ack, acknowledge] = useMutation(documents.acknowledgeRiskWarning);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  // Analysts read warnings; acknowledging is the dispatcher's (the API refuses others anyway).
  const mayAcknowledge = session.claims.role === 'DISPATCHER';
  const code = (value: string) => (isMessageKey(value) ? t(value) : value);
  return (
    <section>
      <h2>{t('navWarnings')}</h2>
      <p class="intro">{t('warningsIntro')}</p>
      <div class="filters">
        <label class="inline">
          <input type="checkbox" checked={showAcknowledged} onChange={(e) => setShowAcknowledged(e.currentTarget.checked)} /> {t('showAcknowledged')}
        </label>
      </div>
      <ErrorBanner error={result.error} />
      <ErrorBanner error={ack.error} />
      {done ? (
        <p class="banner ok" role="status">
          {t('acknowledgeDone')}
        </p>
      ) : null}
      <Loading when={result.fetching} />
      {result.data && result.data.riskWarnings.length === 0 ? <p class="muted">{t('empty')}</p> : null}
      {result.data && result.data.riskWarnings.length > 0 ? (
        <table data-testid="warnings">
          <thead>
            <tr>
              <th>{t('level')}</th>
              <th>{t('rule')}</th>
              <th>{t('title')}</th>
              <th>{t('region')}</th>
              <th>{t('category')}</th>
              <th>{t('caseCount')}</th>
              <th>{t('raisedAt')}</th>
              <th>{t('acknowledge')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.riskWarnings.map((w) => (
              <tr data-warning={w.id}>
                <td>
                  <span class={`level ${w.level.toLowerCase()}`}>{code(w.level)}</span>
                </td>
                <td>{code(w.rule)}</td>
                <td>{w.title}</td>
                <td>{reference.regionName(w.region)}</td>
                <td>{w.category?.name ?? '—'}</td>
                <td>{w.caseCount}</td>
                <td class="nowrap">{chinaTime(w.raisedAt, false)}</td>
                <td>
                  {w.acknowledgedAt ? (
                    <span class="muted">
                      {w.acknowledgedBy} · {chinaTime(w.acknowledgedAt, false)}
                    </span>
                  ) : mayAcknowledge ? (
                    <form
                      class="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        setDone(null);
                        void acknowledge({ id: w.id, note: notes[w.id] || null }).then((r) => {
                          if (!r.error) {
                            setDone(w.id);
                            refetch({ requestPolicy: 'network-only' });
                          }
                        });
                      }}
                    >
                      <input aria-label={t('acknowledgeNote')} placeholder={t('acknowledgeNote')} value={notes[w.id] ?? ''} onInput={(e) => setNotes({ ...notes, [w.id]: e.currentTarget.value })} />
                      <button type="submit" disabled={ack.fetching}>
                        {t('acknowledge')}
                      </button>
                    </form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
