import { DataTable, DownloadButton, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { takedownApi, URL_STATUSES, type TrackedUrl } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';

export function UrlsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [filters, setFilters] = useState({ status: '', provider: '' });
  const urls = useLoad(() => takedownApi.urls(filters), [filters]);
  const providers = useLoad(() => takedownApi.providers(), []);
  const providerName = (id?: string) => providers.data?.find((provider) => provider.id === id)?.name ?? '—';
  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setFilters({ status: String(data.get('status') ?? ''), provider: String(data.get('provider') ?? '') });
  };
  return (
    <Page title={t('urls.title')}>
      <p className="vigil-muted">{t('urls.intro')}</p>
      <div className="vigil-actions">
        <DownloadButton fetchFile={() => takedownApi.blocklist()} filename="vigil-blocklist.txt">
          {t('urls.blocklist')}
        </DownloadButton>
      </div>
      <form className="vigil-inline" aria-label={t('urls.filters')} onSubmit={filter}>
        <div>
          <label htmlFor="urls-status">{t('urls.status')}</label>
          <select id="urls-status" name="status" defaultValue={filters.status}>
            <option value="">{t('urls.anyStatus')}</option>
            {URL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`urls.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="urls-provider">{t('urls.provider')}</label>
          <select id="urls-provider" name="provider" defaultValue={filters.provider}>
            <option value="">{t('urls.anyProvider')}</option>
            {(providers.data ?? []).map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('urls.filter')}</button>
      </form>
      <ErrorNotice error={urls.error} />
      {urls.data && (
        <DataTable<TrackedUrl>
          caption={t('urls.title')}
          hideCaption
          rows={urls.data}
          rowKey={(url) => url.id}
          columns={[
            { key: 'url', header: t('urls.url'), render: (url) => <a href={routeHref('/urls', url.id)}>{url.url}</a> },
            { key: 'provider', header: t('urls.provider'), render: (url) => providerName(url.providerId) },
            { key: 'status', header: t('urls.status'), render: (url) => t(`urls.statuses.${url.status}`, { defaultValue: url.status }) },
            { key: 'classification', header: t('urls.classification'), render: (url) => format.classification(url.classification) },
            { key: 'reported', header: t('urls.firstReportedAt'), render: (url) => format.date(url.firstReportedAt) },
            { key: 'removed', header: t('urls.removedAt'), render: (url) => format.date(url.removedAt) },
          ]}
        />
      )}
    </Page>
  );
}
