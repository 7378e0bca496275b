import { Layout, matchRoute, StaffAccountsPage, StaffSignIn, useHashRoute, type RouteParams } from '@vigil/web-ui';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { CasePage } from './pages/case-page';
import { CasesPage } from './pages/cases-page';
import { FiguresPage } from './pages/figures-page';
import { PackagesPage } from './pages/packages-page';
import { TriagePage } from './pages/triage-page';
import { VictimsPage } from './pages/victims-page';

const SECTIONS = ['triage', 'cases', 'victims', 'figures', 'accounts'] as const;
type Section = (typeof SECTIONS)[number];

/** Who may open each section, as the API's role checks say; the server still decides. */
const SECTION_ROLES: Record<Section, readonly string[]> = {
  triage: ['investigator', 'supervisor'],
  cases: ['investigator', 'supervisor', 'victim-id-officer'],
  victims: ['victim-id-officer', 'supervisor'],
  figures: ['investigator', 'supervisor', 'victim-id-officer'],
  accounts: ['admin'],
};

interface Route {
  pattern: string;
  section: Section;
  render: (params: RouteParams) => ReactNode;
}

const ROUTES: Route[] = [
  { pattern: '/triage', section: 'triage', render: () => <TriagePage /> },
  { pattern: '/cases', section: 'cases', render: () => <CasesPage /> },
  { pattern: '/cases/:id', section: 'cases', render: (params) => <CasePage key={params.id} caseId={params.id} /> },
  { pattern: '/cases/:id/packages', section: 'cases', render: (params) => <PackagesPage key={params.id} caseId={params.id} /> },
  { pattern: '/victims', section: 'victims', render: () => <VictimsPage /> },
  { pattern: '/figures', section: 'figures', render: () => <FiguresPage /> },
  { pattern: '/accounts', section: 'accounts', render: () => <AccountsPage /> },
];

function AccountsPage() {
  const { t } = useTranslation();
  return <StaffAccountsPage api={api} appName={t('app.name')} />;
}

export function App() {
  const { t } = useTranslation();
  const [signedIn, setSignedIn] = useState(api.signedIn);
  const { path } = useHashRoute();
  const mainFocus = useRef(path);

  useEffect(() => {
    const onSignedOut = () => setSignedIn(false);
    window.addEventListener('vigil:signed-out', onSignedOut);
    return () => window.removeEventListener('vigil:signed-out', onSignedOut);
  }, []);

  const user = signedIn ? api.currentUser() : undefined;
  // An administrator holds every role in the API's checks, so every section is theirs too.
  const sections = SECTIONS.filter((section) => user?.roles.includes('admin') || SECTION_ROLES[section].some((role) => user?.roles.includes(role)));
  // Staff accounts are not even routed for someone who is not an administrator (the API refuses them too).
  const found = ROUTES.filter((route) => route.section !== 'accounts' || sections.includes('accounts'))
    .map((route) => ({ route, params: matchRoute(route.pattern, path) }))
    .find((candidate) => candidate.params);
  const home = sections[0] ?? 'cases';
  useEffect(() => {
    if (!found && signedIn) window.location.replace(`#/${home}`);
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
  const nav = signedIn ? sections.map((section) => ({ href: `#/${section}`, label: section === 'accounts' ? t('ui.accounts.nav') : t(`nav.${section}`), current: found?.route.section === section })) : [];

  return (
    <Layout appName={t('app.name')} nav={nav} user={user?.displayName} onSignOut={signOut}>
      {signedIn ? (
        found?.params ? found.route.render(found.params) : null
      ) : (
        <StaffSignIn api={api} onSignedIn={() => setSignedIn(true)} />
      )}
    </Layout>
  );
}
