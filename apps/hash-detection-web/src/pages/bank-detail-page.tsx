import { DataTable, DownloadButton, ErrorNotice, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { banksApi, ENTRY_STATUSES, EXPORT_FORMATS, IMPORT_FORMATS, STANDARD_CLASSIFICATIONS, type Bank, type BankDetail, type BankEntry, type ImportSummary } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';

export function BankDetailPage({ bankId }: { bankId: string }) {
  const { t } = useTranslation();
  const bank = useLoad(() => banksApi.get(bankId), [bankId]);
  const [entriesVersion, setEntriesVersion] = useState(0);
  const refresh = () => {
    bank.reload();
    setEntriesVersion((version) => version + 1);
  };
  return (
    <Page title={bank.data?.name ?? t('bank.title')}>
      <p>
        <a href="#/banks">{t('bank.back')}</a>
      </p>
      <ErrorNotice error={bank.error} />
      {bank.data && (
        <>
          <BankFacts bank={bank.data} />
          <BankSettingsForm bank={bank.data} onSaved={bank.reload} />
          <EntriesBrowser bankId={bankId} version={entriesVersion} onChanged={bank.reload} />
          <ImportForm bankId={bankId} onImported={refresh} />
          <section className="vigil-panel" aria-labelledby="bank-export">
            <h2 id="bank-export">{t('bank.export.title')}</h2>
            <p className="vigil-muted">{t('bank.export.intro')}</p>
            <div className="vigil-actions">
              {EXPORT_FORMATS.map((format) => (
                <DownloadButton key={format} fetchFile={() => banksApi.export(bankId, format)} filename={`bank-${bankId}.${format === 'vics' ? 'vics.json' : format === 'ncmec' ? 'ncmec.csv' : format}`}>
                  {t(`bank.export.${format}`)}
                </DownloadButton>
              ))}
            </div>
          </section>
        </>
      )}
    </Page>
  );
}

function BankFacts({ bank }: { bank: BankDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="vigil-panel" aria-labelledby="bank-facts">
      <h2 id="bank-facts">{t('bank.facts')}</h2>
      <dl className="vigil-facts">
        <dt>{t('banks.kind')}</dt>
        <dd>{t(`banks.kinds.${bank.kind}`)}</dd>
        <dt>{t('banks.source')}</dt>
        <dd>{bank.source}</dd>
        <dt>{t('banks.owner')}</dt>
        <dd>{bank.owner}</dd>
        <dt>{t('banks.terms')}</dt>
        <dd>{bank.terms}</dd>
        <dt>{t('banks.pdqThreshold')}</dt>
        <dd>{bank.pdqThreshold}</dd>
        <dt>{t('banks.entryCount')}</dt>
        <dd>{t('bank.counts', { total: format.number(bank.counts.total), active: format.number(bank.counts.active), disabled: format.number(bank.counts.disabled) })}</dd>
        <dt>{t('bank.byHashType')}</dt>
        <dd>{Object.entries(bank.counts.byHashType).map(([type, count]) => `${type.toUpperCase()} ${format.number(count)}`).join(' · ') || '—'}</dd>
        <dt>{t('bank.byClassification')}</dt>
        <dd>{Object.entries(bank.counts.byClassification).map(([classification, count]) => `${format.classification(classification)} ${format.number(count)}`).join(' · ') || '—'}</dd>
        <dt>{t('banks.createdAt')}</dt>
        <dd>{format.date(bank.createdAt)}</dd>
      </dl>
    </section>
  );
}

function BankSettingsForm({ bank, onSaved }: { bank: Bank; onSaved: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setError(undefined);
    setSaved(false);
    try {
      await banksApi.update(bank.id, { pdqThreshold: Number(data.get('pdqThreshold')), terms: String(data.get('terms')) });
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="vigil-panel" aria-labelledby="bank-settings">
      <h2 id="bank-settings">{t('bank.settings.title')}</h2>
      <form className="vigil-stack" onSubmit={(event) => void submit(event)}>
        <label htmlFor="settings-threshold">{t('banks.pdqThreshold')}</label>
        <input id="settings-threshold" name="pdqThreshold" type="number" min={0} max={31} required defaultValue={bank.pdqThreshold} aria-describedby="settings-threshold-help" />
        <span />
        <span id="settings-threshold-help" className="vigil-muted">
          {t('bank.settings.thresholdHelp')}
        </span>
        <label htmlFor="settings-terms">{t('banks.terms')}</label>
        <textarea id="settings-terms" name="terms" rows={2} required maxLength={2000} defaultValue={bank.terms} />
        <span />
        <div>
          <button type="submit">{t('bank.settings.submit')}</button>
        </div>
      </form>
      {saved && (
        <p className="vigil-success" role="status">
          {t('bank.settings.saved')}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}

interface Filters {
  q: string;
  classification: string;
  status: string;
}

function EntriesBrowser({ bankId, version, onChanged }: { bankId: string; version: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [filters, setFilters] = useState<Filters>({ q: '', classification: '', status: 'all' });
  const [cursor, setCursor] = useState<string>();
  const [changes, setChanges] = useState(0);
  const [disabling, setDisabling] = useState<BankEntry>();
  const [actionError, setActionError] = useState<unknown>();
  const page = useLoad(() => banksApi.entries(bankId, { ...filters, limit: 50, cursor }), [bankId, filters, cursor, version, changes]);
  const changed = () => {
    setChanges((count) => count + 1);
    onChanged();
  };
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setCursor(undefined);
    setFilters({ q: String(data.get('q') ?? ''), classification: String(data.get('classification') ?? ''), status: String(data.get('status') ?? 'all') });
  };
  const enable = async (entry: BankEntry) => {
    setActionError(undefined);
    try {
      await banksApi.enable(bankId, entry.id);
      changed();
    } catch (failure) {
      setActionError(failure);
    }
  };
  return (
    <section className="vigil-panel" aria-labelledby="bank-entries">
      <h2 id="bank-entries">{t('bank.entries.title')}</h2>
      <form className="vigil-inline" role="search" aria-label={t('bank.entries.search')} onSubmit={search}>
        <div>
          <label htmlFor="entries-q">{t('bank.entries.q')}</label>
          <input id="entries-q" name="q" type="search" maxLength={200} defaultValue={filters.q} />
        </div>
        <div>
          <label htmlFor="entries-classification">{t('bank.entries.classification')}</label>
          <select id="entries-classification" name="classification" defaultValue={filters.classification}>
            <option value="">{t('bank.entries.anyClassification')}</option>
            {STANDARD_CLASSIFICATIONS.map((classification) => (
              <option key={classification} value={classification}>
                {t(`classifications.${classification}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="entries-status">{t('bank.entries.status')}</label>
          <select id="entries-status" name="status" defaultValue={filters.status}>
            {ENTRY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`bank.entries.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('bank.entries.searchSubmit')}</button>
      </form>
      <ErrorNotice error={page.error ?? actionError} />
      {page.data && (
        <>
          <DataTable<BankEntry>
            caption={t('bank.entries.caption')}
            hideCaption
            rows={page.data.entries}
            rowKey={(entry) => entry.id}
            columns={[
              { key: 'type', header: t('bank.entries.hashType'), render: (entry) => entry.hashType },
              { key: 'value', header: t('bank.entries.value'), render: (entry) => <code className="vigil-hash">{entry.value}</code> },
              { key: 'classification', header: t('bank.entries.classification'), render: (entry) => format.classification(entry.classification) },
              { key: 'series', header: t('bank.entries.series'), render: (entry) => entry.series ?? '—' },
              {
                key: 'status',
                header: t('bank.entries.status'),
                render: (entry) =>
                  entry.disabledAt ? (
                    <span>
                      {t('bank.entries.statuses.disabled')}: {entry.disabledReason}
                      {entry.disabledUntil && <> ({t('bank.entries.until', { date: format.date(entry.disabledUntil) })})</>}
                    </span>
                  ) : (
                    t('bank.entries.statuses.active')
                  ),
              },
              { key: 'added', header: t('bank.entries.addedAt'), render: (entry) => `${format.date(entry.addedAt)} · ${entry.addedBy}` },
              {
                key: 'actions',
                header: t('bank.entries.actions'),
                render: (entry) =>
                  entry.disabledAt ? (
                    <button type="button" className="vigil-secondary" aria-label={t('bank.entries.enableEntry', { value: entry.value.slice(0, 12) })} onClick={() => void enable(entry)}>
                      {t('bank.entries.enable')}
                    </button>
                  ) : (
                    <button type="button" className="vigil-secondary" aria-label={t('bank.entries.disableEntry', { value: entry.value.slice(0, 12) })} onClick={() => setDisabling(entry)}>
                      {t('bank.entries.disable')}
                    </button>
                  ),
              },
            ]}
          />
          {page.data.nextCursor && (
            <button type="button" className="vigil-secondary" onClick={() => setCursor(page.data?.nextCursor)}>
              {t('bank.entries.next')}
            </button>
          )}
          {cursor && (
            <button type="button" className="vigil-secondary" onClick={() => setCursor(undefined)}>
              {t('bank.entries.first')}
            </button>
          )}
        </>
      )}
      {disabling && (
        <DisableEntryForm
          bankId={bankId}
          entry={disabling}
          onDone={() => {
            setDisabling(undefined);
            changed();
          }}
          onCancel={() => setDisabling(undefined)}
        />
      )}
    </section>
  );
}

function DisableEntryForm({ bankId, entry, onDone, onCancel }: { bankId: string; entry: BankEntry; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const until = String(data.get('expiresAt') ?? '');
    setError(undefined);
    try {
      await banksApi.disable(bankId, entry.id, { reason: String(data.get('reason')), expiresAt: until ? new Date(until).toISOString() : undefined });
      onDone();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="vigil-panel" role="group" aria-labelledby="disable-title">
      <h3 id="disable-title">{t('bank.disable.title')}</h3>
      <p>
        <code className="vigil-hash">{entry.value}</code>
      </p>
      <form className="vigil-stack" onSubmit={(event) => void submit(event)}>
        <label htmlFor="disable-reason">{t('bank.disable.reason')}</label>
        <textarea id="disable-reason" name="reason" required maxLength={2000} rows={2} autoFocus />
        <label htmlFor="disable-until">{t('bank.disable.expiresAt')}</label>
        <input id="disable-until" name="expiresAt" type="datetime-local" aria-describedby="disable-until-help" />
        <span />
        <span id="disable-until-help" className="vigil-muted">
          {t('bank.disable.expiresHelp')}
        </span>
        <span />
        <div className="vigil-actions">
          <button type="submit" className="vigil-danger">
            {t('bank.disable.submit')}
          </button>
          <button type="button" className="vigil-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
    </div>
  );
}

function ImportForm({ bankId, onImported }: { bankId: string; onImported: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [summary, setSummary] = useState<ImportSummary>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    setBusy(true);
    setError(undefined);
    setSummary(undefined);
    try {
      setSummary(await banksApi.import(bankId, String(data.get('format')), file));
      onImported();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="vigil-panel" aria-labelledby="bank-import">
      <h2 id="bank-import">{t('bank.import.title')}</h2>
      <p className="vigil-muted">{t('bank.import.intro')}</p>
      <form className="vigil-inline" onSubmit={(event) => void submit(event)}>
        <div>
          <label htmlFor="import-format">{t('bank.import.format')}</label>
          <select id="import-format" name="format" defaultValue="csv">
            {IMPORT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`bank.import.formats.${format}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="import-file">{t('bank.import.file')}</label>
          <input id="import-file" name="file" type="file" required />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('bank.import.importing') : t('bank.import.submit')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {summary && <ImportSummaryView summary={summary} />}
    </section>
  );
}

function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reason = (code: string) => t(`bank.import.reasons.${code}`, { defaultValue: code });
  const counts = Object.entries(summary.reasons).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0);
  return (
    <div role="status" className="vigil-import-summary">
      <p className="vigil-success">{t('bank.import.summary', { taken: format.number(summary.taken), skipped: format.number(summary.skipped) })}</p>
      {counts.length > 0 && (
        <table className="vigil-table">
          <caption>{t('bank.import.why')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bank.import.reason')}</th>
              <th scope="col" className="vigil-numeric">
                {t('bank.import.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map(([code, count]) => (
              <tr key={code}>
                <td>{reason(code)}</td>
                <td className="vigil-numeric">{format.number(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.rejected.length > 0 && (
        <table className="vigil-table">
          <caption>{t('bank.import.examples')}</caption>
          <thead>
            <tr>
              <th scope="col" className="vigil-numeric">
                {t('bank.import.row')}
              </th>
              <th scope="col">{t('bank.import.reason')}</th>
              <th scope="col">{t('bank.import.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.rejected.map((rejection) => (
              <tr key={`${rejection.row}:${rejection.reason}:${rejection.detail}`}>
                <td className="vigil-numeric">{rejection.row}</td>
                <td>{reason(rejection.reason)}</td>
                <td>{rejection.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
