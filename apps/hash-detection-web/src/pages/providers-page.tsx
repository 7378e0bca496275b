import { BarChart, DataTable, ErrorNotice, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { takedownApi, type Provider, type TakedownFigures } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';

/** Hosting providers that receive notices, and how fast each removes what it is sent. */
export function ProvidersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const providers = useLoad(() => takedownApi.providers(), []);
  const figures = useLoad(() => takedownApi.figures(), []);
  const rows = figures.data?.providers ?? [];
  return (
    <Page title={t('providers.title')}>
      <section className="vigil-panel" aria-labelledby="figures-title">
        <h2 id="figures-title">{t('providers.figures.title')}</h2>
        <ErrorNotice error={figures.error} />
        {figures.data && (
          <>
            <DataTable<TakedownFigures['providers'][number]>
              caption={t('providers.figures.title')}
              hideCaption
              rows={rows}
              rowKey={(row) => row.providerId}
              columns={[
                { key: 'provider', header: t('providers.name'), render: (row) => row.name },
                { key: 'notices', header: t('providers.figures.notices'), numeric: true, render: (row) => format.number(row.notices) },
                { key: 'removed', header: t('providers.figures.removed'), numeric: true, render: (row) => format.number(row.removed) },
                { key: 'median', header: t('providers.figures.medianHours'), numeric: true, render: (row) => format.hours(row.medianHours) },
                { key: 'p90', header: t('providers.figures.p90Hours'), numeric: true, render: (row) => format.hours(row.p90Hours) },
                { key: 'up', header: t('providers.figures.stillUp'), numeric: true, render: (row) => format.number(row.stillUp) },
              ]}
            />
            <p>
              {t('providers.figures.overall', {
                notices: format.number(figures.data.overall.notices),
                removed: format.number(figures.data.overall.removed),
                median: format.hours(figures.data.overall.medianHours),
                p90: format.hours(figures.data.overall.p90Hours),
              })}{' '}
              {figures.data.withoutProvider > 0 && <strong>{t('providers.figures.withoutProvider', { count: figures.data.withoutProvider })}</strong>}
            </p>
            {rows.length > 0 && (
              <BarChart
                title={t('providers.figures.chartTitle')}
                series={[
                  { key: 'median', label: t('providers.figures.medianHours') },
                  { key: 'p90', label: t('providers.figures.p90Hours') },
                ]}
                groups={rows.map((row) => ({ label: row.name, values: { median: row.medianHours, p90: row.p90Hours } }))}
                format={(value) => format.hours(value)}
              />
            )}
          </>
        )}
      </section>
      <section aria-labelledby="providers-list">
        <h2 id="providers-list">{t('providers.list')}</h2>
        <ErrorNotice error={providers.error} />
        {providers.data && (
          <DataTable<Provider>
            caption={t('providers.list')}
            hideCaption
            rows={providers.data}
            rowKey={(provider) => provider.id}
            columns={[
              { key: 'name', header: t('providers.name'), render: (provider) => provider.name },
              { key: 'hosts', header: t('providers.hostSuffixes'), render: (provider) => provider.hostSuffixes.join(', ') },
              { key: 'contact', header: t('providers.contact'), render: (provider) => provider.noticeWebhookUrl ?? provider.contactEmail ?? '—' },
              { key: 'country', header: t('providers.country'), render: (provider) => provider.country },
            ]}
          />
        )}
      </section>
      <CreateProviderForm onCreated={providers.reload} />
    </Page>
  );
}

function CreateProviderForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const optional = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    setError(undefined);
    setCreated(undefined);
    try {
      const provider = await takedownApi.createProvider({
        name: String(data.get('name')),
        hostSuffixes: String(data.get('hostSuffixes'))
          .split(/[\s,]+/)
          .filter(Boolean),
        contactEmail: optional('contactEmail'),
        noticeWebhookUrl: optional('noticeWebhookUrl'),
        country: String(data.get('country')),
      });
      setCreated(provider.name);
      form.reset();
      onCreated();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="vigil-panel" aria-labelledby="new-provider">
      <h2 id="new-provider">{t('providers.create.title')}</h2>
      <form className="vigil-stack" onSubmit={(event) => void submit(event)}>
        <label htmlFor="provider-name">{t('providers.name')}</label>
        <input id="provider-name" name="name" required maxLength={200} />
        <label htmlFor="provider-hosts">{t('providers.hostSuffixes')}</label>
        <input id="provider-hosts" name="hostSuffixes" required placeholder="example.org, cdn.example.net" aria-describedby="provider-hosts-help" />
        <span />
        <span id="provider-hosts-help" className="vigil-muted">
          {t('providers.create.hostsHelp')}
        </span>
        <label htmlFor="provider-email">{t('providers.contactEmail')}</label>
        <input id="provider-email" name="contactEmail" type="email" />
        <label htmlFor="provider-webhook">{t('providers.webhook')}</label>
        <input id="provider-webhook" name="noticeWebhookUrl" type="url" />
        <label htmlFor="provider-country">{t('providers.country')}</label>
        <input id="provider-country" name="country" required maxLength={2} size={3} defaultValue="CA" />
        <span />
        <div>
          <button type="submit">{t('providers.create.submit')}</button>
        </div>
      </form>
      {created && (
        <p className="vigil-success" role="status">
          {t('providers.create.done', { name: created })}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
