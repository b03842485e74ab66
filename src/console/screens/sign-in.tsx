import { useState } from 'preact/hooks';
import type { ConsoleConfig } from '../app';
import { beginOidcSignIn } from '../auth/oidc';
import { decodeClaims, expired, type Session } from '../auth/session';
import { useT } from '../i18n';

/** A pasted token (development) or the identity provider's login (production). Tokens stay in memory. */
export function SignIn({ config, notice, onSession }: { config: ConsoleConfig | null; notice: string | null; onSession: (session: Session) => void }) {
  const t = useT();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!config) return <main class="sign-in">{notice ? <p class="banner error">{notice}</p> : <p class="muted">{t('loading')}</p>}</main>;
  const submit = (event: Event) => {
    event.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, '');
    const claims = decodeClaims(value);
    if (!claims) return setProblem(t('signInBadToken'));
    const session: Session = { token: value, claims, via: 'token' };
    if (expired(session)) return setProblem(t('signInExpired'));
    onSession(session);
  };
  const oidc = config.signIn.oidc;
  return (
    <main class="sign-in">
      <h2>{t('signInTitle')}</h2>
      {notice ? <p class="banner error">{notice}</p> : null}
      {oidc ? (
        <p>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              beginOidcSignIn(oidc).catch((error: Error) => {
                setBusy(false);
                setProblem(t('signInFailed', { message: error.message }));
              });
            }}
          >
            {busy ? t('signingIn') : t('signInOidc')}
          </button>
        </p>
      ) : null}
      {config.signIn.token ? (
        <form onSubmit={submit}>
          <label for="token">{t('signInToken')}</label>
          <textarea id="token" name="token" rows={4} autocomplete="off" spellcheck={false} value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          <button type="submit" class="primary">
            {t('signInTokenButton')}
          </button>
        </form>
      ) : null}
      {!oidc && !config.signIn.token ? <p class="banner error">{t('signInNone')}</p> : null}
      {problem ? (
        <p class="banner error" role="alert">
          {problem}
        </p>
      ) : null}
      <p class="muted">{t('signInMemory')}</p>
    </main>
  );
}
