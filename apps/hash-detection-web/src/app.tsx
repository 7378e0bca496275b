import { Layout, matchRoute, RevealProvider, StaffAccountsPage, StaffSignIn, useHashRoute, type RouteParams } from '@vigil/web-ui';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { Page } from './components/page';
import { BankDetailPage } from './pages/bank-detail-page';
import { BanksPage } from './pages/banks-page';
import { IndexStatusPage } from './pages/index-status-page';
import { MatchTesterPage } from './pages/match-tester-page';
import { ProvidersPage } from './pages/providers-page';
import { ReviewPage } from './pages/review-page';
import { UrlDetailPage } from './pages/url-detail-page';
import { UrlsPage } from './pages/urls-page';

interface Route {
  pattern: string;
  /** The navigation entry this route belongs to. */
  section: Section;
  render: (params: RouteParams, query: Record<string, string>) => ReactNode;
}

const SECTIONS = ['banks', 'review', 'urls', 'providers', 'match', 'index', 'accounts'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Who may open each section: the roles of the @Roles checks on the API routes the page reads
 * (the controllers under apps/hash-detection/src). An administrator passes them all. The server still decides.
 */
const SECTION_ROLES: Record<Section, readonly string[]> = {
  banks: ['reviewer', 'bank-curator'],
  review: ['reviewer', 'supervisor'],
  urls: ['analyst', 'supervisor', 'reviewer', 'bank-curator'],
  providers: ['analyst', 'supervisor', 'reviewer', 'bank-curator'],
  match: ['reviewer', 'bank-curator'],
  index: ['reviewer', 'bank-curator'],
  accounts: ['admin'],
};

const ROUTES: Route[] = [
  { pattern: '/banks', section: 'banks', render: () => <BanksPage /> },
  { pattern: '/banks/:id', section: 'banks', render: (params) => <BankDetailPage key={params.id} bankId={params.id} /> },
  { pattern: '/review', section: 'review', render: () => <ReviewPage /> },
  { pattern: '/urls', section: 'urls', render: () => <UrlsPage /> },
  { pattern: '/urls/:id', section: 'urls', render: (params) => <UrlDetailPage key={params.id} urlId={params.id} /> },
  { pattern: '/providers', section: 'providers', render: () => <ProvidersPage /> },
  { pattern: '/match', section: 'match', render: () => <MatchTesterPage /> },
  { pattern: '/index', section: 'index', render: () => <IndexStatusPage /> },
  { pattern: '/accounts', section: 'accounts', render: () => <AccountsPage /> },
];

function AccountsPage() {
  const { t } = useTranslation();
  return <StaffAccountsPage api={api} appName={t('app.name')} />;
}

/** A page the signed-in roles cannot use: said plainly, instead of a page whose every request would be refused. */
function NotForYourRole() {
  const { t } = useTranslation();
  return (
    <Page title={t('roles.notAvailable.title')}>
      <p>{t('roles.notAvailable.text')}</p>
    </Page>
  );
}

export function App() {
  const { t } = useTranslation();
  const [signedIn, setSignedIn] = useState(api.signedIn);
  const { path, query } = useHashRoute();
  const mainFocus = useRef(path);

  useEffect(() => {
    const onSignedOut = () => setSignedIn(false);
    window.addEventListener('vigil:signed-out', onSignedOut);
    return () => window.removeEventListener('vigil:signed-out', onSignedOut);
  }, []);

  const user = signedIn ? api.currentUser() : undefined;
  const sections = SECTIONS.filter((section) => user?.roles.includes('admin') || SECTION_ROLES[section].some((role) => user?.roles.includes(role)));
  const found = ROUTES.map((route) => ({ route, params: matchRoute(route.pattern, path) })).find((candidate) => candidate.params);
  // The start page, and where an unknown address leads: the first page this person can use.
  const home = sections[0];
  useEffect(() => {
    if (!found && signedIn && home) window.location.replace(`#/${home}`);
  }, [found, signedIn, home]);

  // After navigation, focus the page's main landmark so screen readers start at the new content.
  useEffect(() => {
    if (mainFocus.current !== path) {
      mainFocus.current = path;
      document.getElementById('main')?.focus();
    }
  }, [path]);

  const signOut = () => {
    api.signOut();
    setSignedIn(false);
  };
  const content = () => {
    // An unknown address: the effect above goes to the start page (when this person has one).
    if (!found?.params) return home ? null : <NotForYourRole />;
    return sections.includes(found.route.section) ? found.route.render(found.params, query) : <NotForYourRole />;
  };
  const nav = signedIn ? sections.map((section) => ({ href: `#/${section}`, label: section === 'accounts' ? t('ui.accounts.nav') : t(`nav.${section}`), current: found?.route.section === section })) : [];

  return (
    <Layout appName={t('app.name')} nav={nav} user={user?.displayName} onSignOut={signOut}>
      {signedIn ? (
        <RevealProvider>{content()}</RevealProvider>
      ) : (
        <StaffSignIn api={api} onSignedIn={() => setSignedIn(true)} />
      )}
    </Layout>
  );
}
