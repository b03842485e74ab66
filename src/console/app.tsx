import { Provider } from '@urql/preact';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApiClient } from './api/client';
import { ReferenceContext, useReferenceLoader } from './api/reference';
import { completeOidcSignIn, type OidcSettings } from './auth/oidc';
import { expired, SessionContext, type Session } from './auth/session';
import { LangContext, translator, useT, type Lang, type MessageKey } from './i18n';
import { label, ROLES } from './labels';
import { useRoute, href } from './router';
import { AccessLog } from './screens/access-log';
import { Anomalies } from './screens/anomalies';
import { ChainVerification } from './screens/chain';
import { ExchangeLog } from './screens/exchange-log';
import { ExportScreen } from './screens/export';
import { Hotspots } from './screens/hotspots';
import { Outlook } from './screens/outlook';
import { SignIn } from './screens/sign-in';
import { Stats } from './screens/stats';
import { SubjectLookup } from './screens/subject';
import { Warnings } from './screens/warnings';

export type ConsoleConfig = { production: boolean; signIn: { token: boolean; oidc: OidcSettings | null } };

type Screen = { path: string; nav: MessageKey; roles: string[]; component: ComponentType };

const AUDITORS = ['AUDITOR'];
const MANAGERS = ['DISPATCHER', 'ANALYST'];

/** Every screen, for whom it is meant (the API decides what each shows). */
const SCREENS: { group: MessageKey; screens: Screen[] }[] = [
  {
    group: 'navAudit',
    screens: [
      { path: '/audit/subject', nav: 'navSubject', roles: AUDITORS, component: SubjectLookup },
      { path: '/audit/events', nav: 'navEvents', roles: AUDITORS, component: AccessLog },
      { path: '/audit/anomalies', nav: 'navAnomalies', roles: AUDITORS, component: Anomalies },
      { path: '/audit/chain', nav: 'navChain', roles: AUDITORS, component: ChainVerification },
      { path: '/audit/export', nav: 'navExport', roles: AUDITORS, component: ExportScreen },
      { path: '/audit/exchange', nav: 'navExchange', roles: AUDITORS, component: ExchangeLog },
    ],
  },
  {
    group: 'navManage',
    screens: [
      { path: '/manage/hotspots', nav: 'navHotspots', roles: MANAGERS, component: Hotspots },
      { path: '/manage/outlook', nav: 'navOutlook', roles: MANAGERS, component: Outlook },
      { path: '/manage/warnings', nav: 'navWarnings', roles: MANAGERS, component: Warnings },
      { path: '/manage/stats', nav: 'navStats', roles: MANAGERS, component: Stats },
    ],
  },
];

const ALL_SCREENS = SCREENS.flatMap((g) => g.screens);

function initialLang(): Lang {
  try {
    return localStorage.getItem('hotline-console.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appTitle');
  }, [lang]);

  useEffect(() => {
    void fetch('/console/config.json')
      .then((r) => r.json() as Promise<ConsoleConfig>)
      .then(async (c) => {
        setConfig(c);
        if (!c.signIn.oidc) return;
        try {
          const done = await completeOidcSignIn(c.signIn.oidc);
          if (done) {
            setSession(done.session);
            location.hash = done.returnTo;
          }
        } catch (error) {
          setNotice(t('signInFailed', { message: (error as Error).message }));
        }
      })
      .catch((error: Error) => setNotice(t('signInFailed', { message: error.message })));
  }, []);

  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    try {
      localStorage.setItem('hotline-console.lang', next);
    } catch {
      // The language is a preference only; without storage it lasts for this page.
    }
  };

  const signOut = (message: string | null = null) => {
    setSession(null);
    setNotice(message);
  };

  return (
    <LangContext.Provider value={i18n}>
      <header class="top">
        <div>
          <h1>{t('appTitle')}</h1>
          <p class="muted">{t('appSubtitle')}</p>
        </div>
        <div class="who">
          {session ? <span data-testid="signed-in">{t('signedInAs', { name: session.claims.name ?? session.claims.sub, role: label(ROLES, session.claims.role, lang) })}</span> : null}
          <button type="button" class="link" onClick={switchLang}>
            {t('language')}
          </button>
          {session ? (
            <button type="button" onClick={() => signOut()}>
              {t('signOut')}
            </button>
          ) : null}
        </div>
      </header>
      {session && !expired(session) ? (
        <SignedIn session={session} onUnauthenticated={() => signOut(t('signInExpired'))} />
      ) : (
        <SignIn config={config} notice={notice} onSession={(s) => (setNotice(null), setSession(s))} />
      )}
    </LangContext.Provider>
  );
}

function SignedIn({ session, onUnauthenticated }: { session: Session; onUnauthenticated: () => void }) {
  const t = useT();
  const client = useMemo(() => createApiClient(session, onUnauthenticated), [session]);
  const reference = useReferenceLoader(client);
  const route = useRoute();
  const role = session.claims.role;
  const mine = SCREENS.map((g) => ({ ...g, screens: g.screens.filter((s) => s.roles.includes(role)) })).filter((g) => g.screens.length > 0);
  const screen = ALL_SCREENS.find((s) => s.path === route.path);
  const home = mine[0]?.screens[0];
  useEffect(() => {
    if (!screen && home) location.replace(href(home.path));
  }, [screen, home]);
  const Current = screen?.component;
  return (
    <Provider value={client}>
      <SessionContext.Provider value={session}>
      <ReferenceContext.Provider value={reference}>
        <div class="layout">
          <nav aria-label="screens">
            {mine.map((g) => (
              <section>
                <h2>{t(g.group)}</h2>
                <ul>
                  {g.screens.map((s) => (
                    <li>
                      <a href={href(s.path)} aria-current={s === screen ? 'page' : undefined}>
                        {t(s.nav)}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </nav>
          <main>
            {mine.length === 0 ? (
              <p class="banner refused" data-testid="no-screens">
                {t('noScreens', { role })}
              </p>
            ) : null}
            {screen && !screen.roles.includes(role) ? (
              <p class="banner notice" data-testid="not-for-role">
                {t('notForRole', { roles: screen.roles.join(' / ') })}
              </p>
            ) : null}
            {Current ? <Current /> : null}
          </main>
        </div>
      </ReferenceContext.Provider>
      </SessionContext.Provider>
    </Provider>
  );
}
