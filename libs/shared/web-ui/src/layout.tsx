import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

/**
 * The page frame every staff UI shares: a skip link, a banner with the app's name, its
 * navigation, the language switch and the signed-in person, then the main landmark.
 */
export function Layout({ appName, nav, user, onSignOut, children }: { appName: string; nav: NavItem[]; user?: string; onSignOut?: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  // The hash router owns location.hash, so the skip link moves focus itself instead of navigating.
  const skip = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <>
      <a className="vigil-skip-link" href="#main" onClick={skip}>
        {t('ui.skipToContent')}
      </a>
      <header className="vigil-header">
        <span className="vigil-app-name">{appName}</span>
        {nav.length > 0 && (
          <nav aria-label={t('ui.mainNavigation')}>
            <ul>
              {nav.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="vigil-header-end">
          <LanguageSwitch />
          {user && (
            <>
              <span className="vigil-user">{t('ui.signedInAs', { name: user })}</span>
              <button type="button" onClick={onSignOut}>
                {t('ui.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
