import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicReportDetails, ReportFollowUp } from '../api';
import { useDateFormat } from './page';

const accounts = (list: { platform?: string; username: string }[] | undefined) => (list ?? []).map((account) => (account.platform ? `${account.platform}: ${account.username}` : account.username)).join(', ');

/**
 * What a public reporter told us beyond the description, field by field, and what they added
 * later with their follow-up secret. The reporter's contact is not here: it has its own audited route.
 */
export function ReporterDetails({ details, followUps }: { details?: PublicReportDetails; followUps?: ReportFollowUp[] }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const rows: Array<[string, string | undefined]> = details
    ? [
        ['reportDetails.platform', details.where.platform],
        ['reportDetails.usernames', accounts(details.where.usernames)],
        ['reportDetails.emails', details.where.emails.join(', ')],
        ['reportDetails.phones', details.where.phones.join(', ')],
        ['reportDetails.when', [details.when?.date, details.when?.approximate ? t('reportDetails.approximate') : '', details.when?.description].filter(Boolean).join(' — ')],
        ['reportDetails.childAge', details.child?.ageRange ? t(`report.ageRanges.${details.child.ageRange}`) : undefined],
        ['reportDetails.childGender', details.child?.gender ? t(`report.genders.${details.child.gender}`) : undefined],
        ['reportDetails.suspectName', details.suspect?.name],
        ['reportDetails.suspectUsernames', accounts(details.suspect?.usernames)],
        ['reportDetails.suspectEmails', details.suspect?.emails.join(', ')],
        ['reportDetails.suspectPhones', details.suspect?.phones.join(', ')],
        ['reportDetails.suspectAge', details.suspect?.ageEstimate],
        ['reportDetails.suspectLocation', details.suspect?.location],
      ]
    : [];
  const shown = rows.filter(([, value]) => value);
  return (
    <>
      {shown.length > 0 && (
        <>
          <h3>{t('reportDetails.title')}</h3>
          <dl className="vigil-facts" data-testid="reporter-details">
            {shown.map(([key, value]) => (
              <Fragment key={key}>
                <dt>{t(key)}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
      {details && details.chatExcerpts.length > 0 && (
        <>
          <h3>{t('reportDetails.chatExcerpts')}</h3>
          {details.chatExcerpts.map((excerpt, index) => (
            <pre key={index} className="tip-description">
              {excerpt}
            </pre>
          ))}
        </>
      )}
      {followUps && followUps.length > 0 && (
        <>
          <h3>{t('reportDetails.followUps', { count: followUps.length })}</h3>
          <ol data-testid="follow-ups">
            {followUps.map((followUp) => (
              <li key={followUp.id}>
                <p className="vigil-muted">{t('reportDetails.followUpAt', { date: date(followUp.at), urls: followUp.urls.length, files: followUp.mediaIds.length })}</p>
                {followUp.text && <pre className="tip-description">{followUp.text}</pre>}
                {followUp.urls.length > 0 && <p>{followUp.urls.join(' ')}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
