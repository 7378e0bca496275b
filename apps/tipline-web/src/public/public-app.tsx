import { Layout, useHashRoute } from '@vigil/web-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Confirmation } from './confirmation';
import { FollowUpForm } from './follow-up-form';
import { ReportForm, type Submitted } from './report-form';

/**
 * The public side: the form, then the confirmation; `#/follow-up` adds to an earlier report.
 * Nothing is kept in the browser afterwards (the follow-up secret is shown once, never stored).
 */
export function PublicApp() {
  const { t } = useTranslation();
  const { path } = useHashRoute();
  const [submitted, setSubmitted] = useState<Submitted>();
  // The confirmation (with its one-time secret) survives a visit to the follow-up form, so the
  // browser's Back still finds it while the reporter copies the code; but once a follow-up is
  // sent, or they ask for a new report, it is gone: on a shared device `#/` must be a blank form.
  const forget = () => setSubmitted(undefined);
  const page =
    path === '/follow-up' ? <FollowUpForm onDone={forget} /> : submitted ? <Confirmation submitted={submitted} onAnother={forget} /> : <ReportForm onSubmitted={setSubmitted} />;
  return (
    <Layout appName={t('app.name')} nav={[]}>
      {page}
      <footer className="tip-footer">
        {path === '/follow-up' ? (
          <a href="#/" onClick={forget}>
            {t('followUp.newReport')}
          </a>
        ) : (
          <a href="#/follow-up">{t('followUp.link')}</a>
        )}{' '}
        <a href="#/staff">{t('report.staffLink')}</a>
      </footer>
    </Layout>
  );
}
