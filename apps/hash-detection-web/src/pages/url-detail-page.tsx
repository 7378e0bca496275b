import { DataTable, ErrorNotice, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { takedownApi, type IssuedNotice, type Notice, type UrlHistoryEntry } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';

export function UrlDetailPage({ urlId }: { urlId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const url = useLoad(() => takedownApi.url(urlId), [urlId]);
  const [error, setError] = useState<unknown>();
  const [issued, setIssued] = useState<string>();
  const [sending, setSending] = useState(false);
  const status = (value?: string) => (value ? t(`urls.statuses.${value}`, { defaultValue: value }) : '—');
  const issue = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setError(undefined);
    setIssued(undefined);
    setSending(true);
    try {
      const answer = await takedownApi.issueNotice(urlId, String(new FormData(form).get('reason') ?? '').trim());
      setIssued(issueOutcome(answer));
      form.reset();
      url.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };
  /** What happened, from the answer's fields: the server's waiting sentence is English, so not shown as such. */
  const issueOutcome = (answer: IssuedNotice): string => {
    if (!answer.notice) return t('url.issue.noProvider', { host: url.data?.host ?? '' });
    if (answer.delivery?.sent) return t('url.issue.sent');
    if (answer.delivery?.failed) return t('url.issue.failed');
    return t('url.issue.queued');
  };
  return (
    <Page title={t('url.title')}>
      <p>
        <a href="#/urls">{t('url.back')}</a>
      </p>
      <ErrorNotice error={url.error} />
      {url.data && (
        <>
          <section className="vigil-panel" aria-labelledby="url-facts">
            <h2 id="url-facts">
              <code className="vigil-hash">{url.data.url}</code>
            </h2>
            <dl className="vigil-facts">
              <dt>{t('url.host')}</dt>
              <dd>{url.data.host}</dd>
              <dt>{t('urls.provider')}</dt>
              <dd>{url.data.provider?.name ?? t('url.noProvider', { host: url.data.host })}</dd>
              <dt>{t('urls.status')}</dt>
              <dd>{status(url.data.status)}</dd>
              <dt>{t('urls.classification')}</dt>
              <dd>{format.classification(url.data.classification)}</dd>
              <dt>{t('urls.firstReportedAt')}</dt>
              <dd>{format.date(url.data.firstReportedAt)}</dd>
              <dt>{t('urls.removedAt')}</dt>
              <dd>{format.date(url.data.removedAt)}</dd>
              <dt>{t('url.lastCheck')}</dt>
              <dd>
                {format.date(url.data.lastCheckedAt)} {url.data.lastCheckResult && `(${url.data.lastCheckResult})`}
              </dd>
            </dl>
          </section>
          <section className="vigil-panel" aria-labelledby="url-notice">
            <h2 id="url-notice">{t('url.issue.title')}</h2>
            <form className="vigil-stack" onSubmit={(event) => void issue(event)}>
              <label htmlFor="notice-reason">{t('url.issue.reason')}</label>
              <textarea id="notice-reason" name="reason" maxLength={2000} rows={2} />
              <span />
              <div>
                <button type="submit" disabled={sending} aria-busy={sending}>
                  {sending ? t('url.issue.sending') : t('url.issue.submit')}
                </button>
              </div>
            </form>
            {issued && (
              <p className="vigil-success" role="status">
                {issued}
              </p>
            )}
            <ErrorNotice error={error} />
          </section>
          <section aria-labelledby="url-notices">
            <h2 id="url-notices">{t('url.notices.title')}</h2>
            <DataTable<Notice>
              caption={t('url.notices.title')}
              hideCaption
              rows={url.data.notices ?? []}
              rowKey={(notice) => notice.id}
              columns={[
                { key: 'issued', header: t('url.notices.issuedAt'), render: (notice) => `${format.date(notice.issuedAt)} · ${notice.issuedBy}` },
                { key: 'reason', header: t('url.notices.reason'), render: (notice) => notice.reason },
                { key: 'attempts', header: t('url.notices.attempts'), numeric: true, render: (notice) => notice.attempts },
                { key: 'last', header: t('url.notices.lastSentAt'), render: (notice) => `${format.date(notice.lastSentAt)}${notice.lastOutcome ? ` (${notice.lastOutcome})` : ''}` },
                { key: 'closed', header: t('url.notices.closedAt'), render: (notice) => (notice.closedAt ? `${format.date(notice.closedAt)}${notice.closedReason ? ` (${notice.closedReason})` : ''}` : '—') },
                { key: 'hours', header: t('url.notices.hoursToRemoval'), numeric: true, render: (notice) => format.hours(notice.hoursToRemoval) },
              ]}
            />
          </section>
          <section aria-labelledby="url-history">
            <h2 id="url-history">{t('url.history.title')}</h2>
            <DataTable<UrlHistoryEntry & { index: number }>
              caption={t('url.history.title')}
              hideCaption
              rows={(url.data.history ?? []).map((entry, index) => ({ ...entry, index }))}
              rowKey={(entry) => String(entry.index)}
              columns={[
                { key: 'at', header: t('url.history.at'), render: (entry) => format.date(entry.at) },
                { key: 'change', header: t('url.history.change'), render: (entry) => (entry.from && entry.from !== entry.to ? `${status(entry.from)} → ${status(entry.to)}` : status(entry.to)) },
                { key: 'actor', header: t('url.history.actor'), render: (entry) => entry.actor },
                { key: 'reason', header: t('url.history.reason'), render: (entry) => entry.reason },
              ]}
            />
          </section>
        </>
      )}
    </Page>
  );
}
