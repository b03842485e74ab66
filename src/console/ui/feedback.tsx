import type { CombinedError } from '@urql/core';
import { errorOf } from '../api/client';
import { useT } from '../i18n';

/** The API's refusal or failure, as it gave it: code and message (a refused screen shows nothing else). */
export function ErrorBanner({ error }: { error: CombinedError | undefined }) {
  const t = useT();
  const e = errorOf(error);
  if (!e) return null;
  const refused = e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED';
  return (
    <p class={refused ? 'banner refused' : 'banner error'} role="alert" data-code={e.code}>
      {t(refused ? 'refused' : 'error', { code: e.code, message: e.message })}
    </p>
  );
}

export function Loading({ when }: { when: boolean }) {
  const t = useT();
  return when ? <p class="muted" aria-busy="true">{t('loading')}</p> : null;
}
