import { usePageTitle } from '@vigil/web-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page: its heading, which also names the browser tab. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title, t('app.name'));
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}
