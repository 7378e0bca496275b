import { Layout, matchRoute, RevealProvider, StaffAccountsPage, StaffSignIn, type RouteParams } from '@vigil/web-ui';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { FiguresPage } from './figures-page';
import { QueuePage } from './queue-page';
import { ReportPage } from './report-page';

const SECTIONS = ['queue', 'figures', 'accounts'] as const;
type Section = (typeof SECTIONS)[number];

/** Staff accounts are for administrators only: the entry and the route are not there for anyone else (the API refuses them too). */
const ADMIN_SECTIONS: readonly Section[] = ['accounts'];

const ROUTES: Array<{ pattern: string; section: Section; render: (params: RouteParams) => ReactNode }> = [
  { pattern: '/staff', section: 'queue', render: () => <QueuePage /> },
  { pattern: '/staff/reports/:id', section: 'queue', render: (params) => <ReportPage key={params.id} reportId={params.id} /> },
  { pattern: '/staff/figures', section: 'figures', render: () => <FiguresPage /> },
  { pattern: '/staff/accounts', section: 'accounts', render: () => <AccountsPage /> },
];

const SECTION_HREF: Record<Section, string> = { queue: '#/staff', figures: '#/staff/figures', accounts: '#/staff/accounts' };

function AccountsPage() {
  const { t } = useTranslation();
  return <StaffAccountsPage api={api} appName={t('app.staffName')} />;
}

/** The analysts' triage console under `#/staff`: sign-in, then the queue, one report, figures; staff accounts for administrators. */
export function StaffApp({ path }: { path: string }) {
  const { t } = useTranslation();
  const [signedIn, setSignedIn] = useState(api.signedIn);
  useEffect(() => {
    const onSignedOut = () => setSignedIn(false);
    window.addEventListener('vigil:signed-out', onSignedOut);
    return () => window.removeEventListener('vigil:signed-out', onSignedOut);
  }, []);
  const user = signedIn ? api.currentUser() : undefined;
  const sections = SECTIONS.filter((section) => !ADMIN_SECTIONS.includes(section) || user?.roles.includes('admin'));
  // Before sign-in every route stays, so an administrator's link to the accounts survives signing in.
  const found = ROUTES.filter((route) => !signedIn || sections.includes(route.section))
    .map((route) => ({ route, params: matchRoute(route.pattern, path) }))
    .find((candidate) => candidate.params);
  useEffect(() => {
    if (!found) window.location.replace('#/staff');
  }, [found]);
  const nav = signedIn
    ? [
        ...sections.map((section) => ({ href: SECTION_HREF[section], label: section === 'accounts' ? t('ui.accounts.nav') : t(`staff.nav.${section}`), current: found?.route.section === section })),
        { href: '#/', label: t('staff.nav.publicForm') },
      ]
    : [];
  return (
    <Layout
      appName={t('app.staffName')}
      nav={nav}
      user={user?.displayName}
      onSignOut={() => {
        api.signOut();
        setSignedIn(false);
      }}
    >
      {signedIn ? (
        <RevealProvider>{found?.params ? found.route.render(found.params) : null}</RevealProvider>
      ) : (
        <StaffSignIn api={api} onSignedIn={() => setSignedIn(true)} />
      )}
    </Layout>
  );
}
