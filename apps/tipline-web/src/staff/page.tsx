import { usePageTitle } from '@vigil/web-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A console page: its heading, which also names the browser tab. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title, t('app.staffName'));
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

export function useDateFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' });
  return (iso?: string) => (iso ? format.format(new Date(iso)) : '—');
}
