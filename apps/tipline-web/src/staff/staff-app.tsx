import { Layout, matchRoute, RevealProvider, StaffSignIn, type RouteParams } from '@vigil/web-ui';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { FiguresPage } from './figures-page';
import { QueuePage } from './queue-page';
import { ReportPage } from './report-page';

const SECTIONS = ['queue', 'figures'] as const;
type Section = (typeof SECTIONS)[number];

const ROUTES: Array<{ pattern: string; section: Section; render: (params: RouteParams) => ReactNode }> = [
  { pattern: '/staff', section: 'queue', render: () => <QueuePage /> },
  { pattern: '/staff/reports/:id', section: 'queue', render: (params) => <ReportPage key={params.id} reportId={params.id} /> },
  { pattern: '/staff/figures', section: 'figures', render: () => <FiguresPage /> },
];

const SECTION_HREF: Record<Section, string> = { queue: '#/staff', figures: '#/staff/figures' };

/** The analysts' triage console under `#/staff`: sign-in, then the queue, one report, figures. */
export function StaffApp({ path }: { path: string }) {
  const { t } = useTranslation();
  const [signedIn, setSignedIn] = useState(api.signedIn);
  useEffect(() => {
    const onSignedOut = () => setSignedIn(false);
    window.addEventListener('vigil:signed-out', onSignedOut);
    return () => window.removeEventListener('vigil:signed-out', onSignedOut);
  }, []);
  const found = ROUTES.map((route) => ({ route, params: matchRoute(route.pattern, path) })).find((candidate) => candidate.params);
  useEffect(() => {
    if (!found) window.location.replace('#/staff');
  }, [found]);
  const user = signedIn ? api.currentUser() : undefined;
  const nav = signedIn
    ? [
        ...SECTIONS.map((section) => ({ href: SECTION_HREF[section], label: t(`staff.nav.${section}`), current: found?.route.section === section })),
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
