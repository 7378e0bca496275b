import { DataTable, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_STATUSES, triageApi, type Report } from '../api';
import { Page, useDateFormat } from './page';
import { usePriorityReasonText } from './reason-text';

/** The triage queue as the server orders it (priority, then oldest), with every reason shown. */
export function QueuePage() {
  const { t } = useTranslation();
  const date = useDateFormat();
  const [status, setStatus] = useState('submitted');
  const queue = useLoad(() => triageApi.queue(status || undefined), [status]);
  return (
    <Page title={t('staff.queue.title')}>
      <form className="vigil-inline" onSubmit={(event) => event.preventDefault()}>
        <div>
          <label htmlFor="queue-status">{t('staff.queue.status')}</label>
          <select id="queue-status" value={status} onChange={(event) => setStatus(event.target.value)}>
            {REPORT_STATUSES.map((one) => (
              <option key={one} value={one}>
                {t(`staff.queue.statuses.${one}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorNotice error={queue.error} />
      {queue.data && (
        <DataTable<Report>
          caption={t('staff.queue.caption')}
          rows={queue.data}
          rowKey={(row) => row.id}
          columns={[
            { key: 'reference', header: t('staff.queue.reference'), render: (row) => <a href={routeHref('/staff/reports', row.id)}>{row.reference}</a> },
            { key: 'priority', header: t('staff.queue.priority'), render: (row) => <span className={`tip-priority tip-priority-${row.priority}`}>{t(`staff.priorities.${row.priority}`)}</span> },
            { key: 'reasons', header: t('staff.queue.reasons'), render: (row) => <PriorityReasons report={row} /> },
            { key: 'type', header: t('staff.queue.type'), render: (row) => t(`incidentTypes.${row.incidentType}`) },
            { key: 'source', header: t('staff.queue.source'), render: (row) => t(`staff.sources.${row.source}`) },
            { key: 'media', header: t('staff.queue.media'), numeric: true, render: (row) => row.media.length },
            { key: 'received', header: t('staff.queue.received'), render: (row) => date(row.receivedAt) },
          ]}
        />
      )}
    </Page>
  );
}

/** The reasons behind the current level first: why the report sits where it does. */
export function PriorityReasons({ report }: { report: Report }) {
  const text = usePriorityReasonText();
  const current = report.priorityReasons.filter((reason) => reason.level === report.priority);
  const shown = current.length ? current : report.priorityReasons.slice(-1);
  return (
    <ul className="tip-reasons">
      {shown.map((reason) => {
        const { label, detail } = text(reason);
        return (
          <li key={`${reason.rule}-${reason.at}`}>
            <strong>{label}</strong>
            {detail && <>: {detail}</>}
          </li>
        );
      })}
    </ul>
  );
}
