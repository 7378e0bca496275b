import { Layout } from '@vigil/web-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Confirmation } from './confirmation';
import { ReportForm, type Submitted } from './report-form';

/** The public side: the form, then the confirmation. Nothing is kept in the browser afterwards. */
export function PublicApp() {
  const { t } = useTranslation();
  const [submitted, setSubmitted] = useState<Submitted>();
  return (
    <Layout appName={t('app.name')} nav={[]}>
      {submitted ? <Confirmation submitted={submitted} onAnother={() => setSubmitted(undefined)} /> : <ReportForm onSubmitted={setSubmitted} />}
      <footer className="tip-footer">
        <a href="#/staff">{t('report.staffLink')}</a>
      </footer>
    </Layout>
  );
}
