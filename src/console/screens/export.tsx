import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { documents } from '../api/documents';
import { chinaIso, presetPeriod } from '../format';
import { useT } from '../i18n';
import { sha256Hex } from '../sha256';
import { Copyable } from '../ui/copy';
import { ErrorBanner, Loading } from '../ui/feedback';
import { PeriodPicker, type Period } from '../ui/period';

type Part = { file: string; url: string; count: number; sha256: string; local: string; truncated: boolean; maxRows: number; endCursor: string | null | undefined };

/**
 * Exports a period as JSON Lines: the file is downloaded as the server wrote it, the server's
 * SHA-256 is shown beside the one computed here, and a saved file can be checked again later.
 */
export function ExportScreen() {
  const t = useT();
  const client = useClient();
  const [period, setPeriod] = useState<Period>(presetPeriod('thisWeek'));
  const [parts, setParts] = useState<Part[]>([]);
  const [error, setError] = useState<CombinedError | undefined>();
  const [busy, setBusy] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => () => parts.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const exportPart = async (after: string | null) => {
    if (!period) return;
    setBusy(true);
    const from = chinaIso(period.from);
    const to = chinaIso(period.to);
    const result = await client.query(documents.exportAccessEvents, { from, to, after }).toPromise();
    setBusy(false);
    setError(result.error);
    const e = result.data?.exportAccessEvents;
    if (!e) return;
    const index = after ? parts.length + 1 : 1;
    const file = `access-events_${from.slice(0, 19).replace(/:/g, '')}_${to.slice(0, 19).replace(/:/g, '')}${index > 1 ? `_part${index}` : ''}.jsonl`;
    const part: Part = {
      file,
      url: URL.createObjectURL(new Blob([e.jsonl], { type: 'application/x-ndjson' })),
      count: e.count,
      sha256: e.sha256,
      local: await sha256Hex(e.jsonl),
      truncated: e.truncated,
      maxRows: e.maxRows,
      endCursor: e.endCursor,
    };
    setParts(after ? [...parts, part] : [part]);
    // The download starts at once; the link stays for a second copy.
    requestAnimationFrame(() => link.current?.click());
  };

  const last = parts[parts.length - 1];
  return (
    <section>
      <h2>{t('navExport')}</h2>
      <p class="intro">{t('exportIntro')}</p>
      <div class="filters">
        <PeriodPicker presets={['thisWeek', 'today', 'last7Days', 'thisMonth', 'lastMonth']} value={period} onChange={setPeriod} />
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void exportPart(null)}>
            {busy ? t('exporting') : t('exportButton')}
          </button>
        </div>
      </div>
      <ErrorBanner error={error} />
      <Loading when={busy} />
      {parts.map((p, i) => (
        <div class="panel export-part" data-testid="export-part">
          <h3>
            <a href={p.url} download={p.file} ref={i === parts.length - 1 ? link : undefined}>
              {p.file}
            </a>{' '}
            <span class="muted">
              · {p.count} {t('events')}
            </span>
          </h3>
          <dl>
            <dt>{t('serverHash')}</dt>
            <dd data-testid="server-sha256">
              <Copyable value={p.sha256} />
            </dd>
            <dt>{t('localHash')}</dt>
            <dd data-testid="local-sha256">
              <code>{p.local}</code>
            </dd>
          </dl>
          <p class={p.local === p.sha256 ? 'banner ok' : 'banner error'} data-testid="hash-verdict" data-match={String(p.local === p.sha256)}>
            {p.local === p.sha256 ? t('hashMatch') : t('hashMismatch')}
          </p>
          <p class="muted">
            {t('sha256sumHint')} <code>echo "{p.sha256}  {p.file}" | sha256sum -c</code>
          </p>
          {p.truncated ? <p class="banner notice">{t('truncated', { max: p.maxRows, count: p.count })}</p> : null}
        </div>
      ))}
      {last?.truncated && last.endCursor ? (
        <button type="button" disabled={busy} onClick={() => void exportPart(last.endCursor!)}>
          {t('continueExport')}
        </button>
      ) : null}
      <CheckSavedFile />
    </section>
  );
}

/** A file saved earlier, checked against the hash recorded then — on this machine, nothing is sent. */
function CheckSavedFile() {
  const t = useT();
  const [expected, setExpected] = useState('');
  const [actual, setActual] = useState<string | null>(null);
  return (
    <div class="panel">
      <h3>{t('checkSaved')}</h3>
      <p class="muted">{t('checkSavedHint')}</p>
      <div class="filters">
        <label>
          {t('expectedHash')}
          <input name="expected" class="wide mono" value={expected} onInput={(e) => setExpected(e.currentTarget.value.trim().toLowerCase())} />
        </label>
        <label>
          .jsonl
          <input
            type="file"
            name="saved"
            accept=".jsonl,application/x-ndjson,text/plain"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void file.arrayBuffer().then((buffer) => sha256Hex(new Uint8Array(buffer)).then(setActual));
            }}
          />
        </label>
      </div>
      {actual ? (
        <>
          <p>
            {t('fileHash')}: <code data-testid="file-sha256">{actual}</code>
          </p>
          {expected ? (
            <p class={expected === actual ? 'banner ok' : 'banner error'} data-testid="file-verdict" data-match={String(expected === actual)}>
              {expected === actual ? t('hashMatch') : t('hashMismatch')}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
