import type { CombinedError, OperationResult } from '@urql/core';
import { useClient } from '@urql/preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { AccessEventFilter, AccessEventsQuery } from '../../../schema/generated/graphql';
import { documents } from '../api/documents';
import { useReference } from '../api/reference';
import { chinaTime } from '../format';
import { LangContext, useT } from '../i18n';
import { FIELDS, label, PURPOSES, ROLES } from '../labels';
import { href } from '../router';
import { ErrorBanner, Loading } from '../ui/feedback';

export type AccessEvent = AccessEventsQuery['accessEvents']['edges'][number]['node'];

/** Reads every page of a filter's events, newest first, up to `max` (the screens show what one person reviews). */
export async function fetchEvents(client: ReturnType<typeof useClient>, filter: AccessEventFilter, max: number): Promise<{ events: AccessEvent[]; more: boolean; error?: CombinedError }> {
  const events: AccessEvent[] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const result: OperationResult<AccessEventsQuery> = await client.query(documents.accessEvents, { filter, first: 100, after }).toPromise();
    if (result.error) return { events, more: false, error: result.error };
    const page: AccessEventsQuery['accessEvents'] = result.data!.accessEvents;
    events.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || events.length >= max) return { events, more: page.pageInfo.hasNextPage };
    after = page.pageInfo.endCursor;
  }
}

/** The access events of a filter, a page at a time, newest first. */
export function EventTable({ filter, caseNumbers = {} }: { filter: AccessEventFilter | null; caseNumbers?: Record<string, string> }) {
  const t = useT();
  const client = useClient();
  const [rows, setRows] = useState<AccessEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const load = async (after: string | null, keep: AccessEvent[]) => {
    if (!filter) return;
    setBusy(true);
    const result = await client.query(documents.accessEvents, { filter, first: 50, after }).toPromise();
    setBusy(false);
    setError(result.error);
    const page = result.data?.accessEvents;
    setRows([...keep, ...(page?.edges.map((e) => e.node) ?? [])]);
    setCursor(page?.pageInfo.endCursor ?? null);
    setMore(page?.pageInfo.hasNextPage ?? false);
  };
  useEffect(() => {
    setRows([]);
    void load(null, []);
  }, [JSON.stringify(filter)]);
  return (
    <div>
      <ErrorBanner error={error} />
      <EventRows rows={rows} caseNumbers={caseNumbers} />
      <Loading when={busy} />
      {!busy && !error && filter && rows.length === 0 ? <p class="muted">{t('empty')}</p> : null}
      {more && !busy ? (
        <button type="button" onClick={() => void load(cursor, rows)}>
          {t('loadMore')}
        </button>
      ) : null}
    </div>
  );
}

export function EventRows({ rows, caseNumbers = {} }: { rows: AccessEvent[]; caseNumbers?: Record<string, string> }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const reference = useReference();
  if (rows.length === 0) return null;
  return (
    <table class="events" data-testid="events">
      <thead>
        <tr>
          <th>{t('time')}</th>
          <th>{t('person')}</th>
          <th>{t('unit')}</th>
          <th>{t('purpose')}</th>
          <th>{t('subject')}</th>
          <th>{t('fields')}</th>
          <th>{t('chainSeq')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr data-principal={e.principalId}>
            <td class="nowrap">{chinaTime(e.at)}</td>
            <td>
              <a href={href('/audit/events', { principalId: e.principalId })}>{e.principalId}</a>
              <div class="muted">{label(ROLES, e.role, lang)}</div>
            </td>
            <td>{e.unit ? reference.unitName(e.unit) : e.partner ? e.partner : reference.regionName(e.region)}</td>
            <td>{label(PURPOSES, e.purpose, lang)}</td>
            <td>
              {e.caseId ? (
                <a href={href('/audit/subject', { caseId: e.caseId, number: caseNumbers[e.caseId] })}>{caseNumbers[e.caseId] ?? `${e.subjectType} ${e.subjectId.slice(0, 8)}`}</a>
              ) : (
                <span>
                  {e.subjectType} · {e.subjectId}
                </span>
              )}
              {e.operation ? <div class="muted">{e.operation}</div> : null}
            </td>
            <td>
              {e.fields.map((f) => (
                <span class={`chip ${f.decision.toLowerCase()}`} title={f.path}>
                  {label(FIELDS, f.path, lang)} · {t(f.decision)}
                </span>
              ))}
            </td>
            <td class="nowrap mono">
              {e.chain} #{e.seq}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
