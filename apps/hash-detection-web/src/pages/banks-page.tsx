import { DataTable, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BANK_KINDS, banksApi, holdsRole, type Bank } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';

export function BanksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const banks = useLoad(() => banksApi.list(), []);
  return (
    <Page title={t('banks.title')}>
      <p className="vigil-muted">{t('banks.intro')}</p>
      <ErrorNotice error={banks.error} />
      {banks.data && (
        <DataTable<Bank>
          caption={t('banks.listCaption')}
          hideCaption
          rows={banks.data}
          rowKey={(bank) => bank.id}
          columns={[
            { key: 'name', header: t('banks.name'), render: (bank) => <a href={routeHref('/banks', bank.id)}>{bank.name}</a> },
            { key: 'kind', header: t('banks.kind'), render: (bank) => t(`banks.kinds.${bank.kind}`) },
            { key: 'source', header: t('banks.source'), render: (bank) => bank.source },
            { key: 'owner', header: t('banks.owner'), render: (bank) => bank.owner },
            { key: 'threshold', header: t('banks.pdqThreshold'), numeric: true, render: (bank) => bank.pdqThreshold },
            { key: 'entries', header: t('banks.entryCount'), numeric: true, render: (bank) => format.number(bank.entryCount) },
            { key: 'created', header: t('banks.createdAt'), render: (bank) => format.date(bank.createdAt) },
          ]}
        />
      )}
      {/* Creating a bank is for bank curators only (the API refuses anyone else). */}
      {holdsRole('bank-curator') && <CreateBankForm onCreated={banks.reload} />}
    </Page>
  );
}

function CreateBankForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(undefined);
    setCreated(undefined);
    try {
      const bank = await banksApi.create({
        name: String(data.get('name')),
        kind: String(data.get('kind')) as Bank['kind'],
        source: String(data.get('source')),
        owner: String(data.get('owner')),
        terms: String(data.get('terms')),
        pdqThreshold: Number(data.get('pdqThreshold')),
      });
      setCreated(bank.name);
      form.reset();
      onCreated();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="vigil-panel" aria-labelledby="new-bank">
      <h2 id="new-bank">{t('banks.create.title')}</h2>
      <form className="vigil-stack" onSubmit={(event) => void submit(event)}>
        <label htmlFor="bank-name">{t('banks.name')}</label>
        <input id="bank-name" name="name" required maxLength={200} />
        <label htmlFor="bank-kind">{t('banks.kind')}</label>
        <select id="bank-kind" name="kind" defaultValue="positive">
          {BANK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`banks.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <label htmlFor="bank-source">{t('banks.source')}</label>
        <input id="bank-source" name="source" required maxLength={500} />
        <label htmlFor="bank-owner">{t('banks.owner')}</label>
        <input id="bank-owner" name="owner" required maxLength={200} />
        <label htmlFor="bank-terms">{t('banks.terms')}</label>
        <textarea id="bank-terms" name="terms" required maxLength={2000} rows={2} />
        <label htmlFor="bank-threshold">{t('banks.pdqThreshold')}</label>
        <input id="bank-threshold" name="pdqThreshold" type="number" min={0} max={31} defaultValue={31} required />
        <span />
        <div>
          <button type="submit">{t('banks.create.submit')}</button>
        </div>
      </form>
      {created && (
        <p className="vigil-success" role="status">
          {t('banks.create.done', { name: created })}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
