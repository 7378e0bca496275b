import { DataTable, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import { useTranslation } from 'react-i18next';
import { casesApi, type Case } from '../api';
import { Page } from '../components/page';
import { UrgencyBadge } from '../components/triage-decision-form';
import { useFormat } from '../format';
import { caseUrgency } from '../triage-decision';

/** Open cases, newest first, with the sources of their referrals and the most urgent standing level. */
export function CasesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const cases = useLoad(() => casesApi.list(), []);
  return (
    <Page title={t('cases.title')}>
      <ErrorNotice error={cases.error} />
      {cases.data && (
        <DataTable<Case>
          caption={t('cases.caption')}
          hideCaption
          rows={cases.data}
          rowKey={(row) => row.id}
          columns={[
            { key: 'reference', header: t('cases.reference'), render: (row) => <a href={routeHref('/cases', row.id)}>{row.reference}</a> },
            { key: 'urgency', header: t('triage.urgency'), render: (row) => (row.reports.length ? <UrgencyBadge level={caseUrgency(row)} /> : '—') },
            { key: 'referrals', header: t('cases.referrals'), numeric: true, render: (row) => format.number(row.reports.length) },
            { key: 'sources', header: t('cases.sources'), render: (row) => [...new Set(row.reports.map((referral) => t(`sources.${referral.origin}`, { defaultValue: referral.origin })))].join(', ') },
            { key: 'opened', header: t('cases.openedAt'), render: (row) => format.date(row.openedAt) },
          ]}
        />
      )}
    </Page>
  );
}
